import { describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'

vi.mock('electron', () => {
  throw new Error('startup-settings.ts must not load electron')
})

import { ArgsError } from '../../../src/main/electron/args'
import { MachineConfigError } from '../../../src/main/electron/machine-config'
import { isStartupSettingsError, loadStartupSettings } from '../../../src/main/electron/startup-settings'

const userDataDir = join('/home', 'ada', '.config', 'Settings and maintenance')
const MACHINE_FILE = '/etc/settings-and-maintenance/config.json'

function start(argv: string[], machineFile?: string) {
  return loadStartupSettings({
    argv,
    userDataDir,
    platform: 'linux',
    env: {},
    readFile: (path) => {
      if (path === MACHINE_FILE && machineFile !== undefined) return machineFile
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
    }
  })
}

describe('start-up settings: --site > machine-wide defaultSitePath > per-user default', () => {
  const machine = JSON.stringify({ defaultSitePath: '/srv/crm/site.smsite', language: 'nb' })

  it('without a machine-wide file, the per-user default', () => {
    const settings = start([])
    expect(settings.args).toMatchObject({ sitePath: join(userDataDir, 'sites', 'default.smsite'), siteSource: 'user-default' })
    expect(settings.machineConfig).toEqual({ path: MACHINE_FILE, found: false, config: {} })
  })

  it('the machine-wide default replaces the per-user one', () => {
    const settings = start([], machine)
    expect(settings.args).toMatchObject({ sitePath: '/srv/crm/site.smsite', siteSource: 'machine-config' })
    expect(settings.machineConfig.config.language).toBe('nb')
  })

  it('--site wins over the machine-wide default; the machine-wide language still applies', () => {
    const settings = start(['--site', '/mine.smsite'], machine)
    expect(settings.args).toMatchObject({ sitePath: '/mine.smsite', siteSource: 'command-line' })
    expect(settings.machineConfig.config.language).toBe('nb')
  })

  it('a broken machine-wide file stops start-up even with --site (nothing is half-applied)', () => {
    expect(() => start(['--site', '/mine.smsite'], '{"language":"sv"}')).toThrow(MachineConfigError)
  })

  it('a bad flag stops start-up too', () => {
    expect(() => start(['--site'], machine)).toThrow(ArgsError)
  })

  it('both kinds are reported to the person starting the app; anything else is not', () => {
    expect(isStartupSettingsError(new ArgsError('x'))).toBe(true)
    expect(isStartupSettingsError(new MachineConfigError('x'))).toBe(true)
    expect(isStartupSettingsError(new Error('x'))).toBe(false)
  })
})
