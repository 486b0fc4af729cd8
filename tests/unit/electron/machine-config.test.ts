import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => {
  throw new Error('machine-config.ts must not load electron')
})

import { loadMachineConfig, MACHINE_CONFIG_ENV, MachineConfigError, machineConfigPath } from '../../../src/main/electron/machine-config'

/** A readFile over an in-memory folder: missing paths fail as fs does (ENOENT). */
function files(contents: Record<string, string>) {
  return (path: string): string => {
    if (path in contents) return contents[path]
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' })
  }
}

const WINDOWS_FILE = 'C:\\ProgramData\\Settings and maintenance\\config.json'
const MAC_FILE = '/Library/Application Support/Settings and maintenance/config.json'
const LINUX_FILE = '/etc/settings-and-maintenance/config.json'

describe('machineConfigPath', () => {
  it('uses each OS’s machine-wide folder', () => {
    expect(machineConfigPath({ platform: 'win32', env: { ProgramData: 'C:\\ProgramData' } })).toEqual({ path: WINDOWS_FILE, fromEnv: false })
    expect(machineConfigPath({ platform: 'win32', env: { PROGRAMDATA: 'D:\\Data' } }).path).toBe('D:\\Data\\Settings and maintenance\\config.json')
    expect(machineConfigPath({ platform: 'win32', env: {} }).path).toBe(WINDOWS_FILE)
    expect(machineConfigPath({ platform: 'darwin', env: {} })).toEqual({ path: MAC_FILE, fromEnv: false })
    expect(machineConfigPath({ platform: 'linux', env: {} })).toEqual({ path: LINUX_FILE, fromEnv: false })
  })

  it('SM_MACHINE_CONFIG names another file; an empty value is ignored', () => {
    expect(machineConfigPath({ platform: 'linux', env: { [MACHINE_CONFIG_ENV]: '/srv/it/sm.json' } })).toEqual({ path: '/srv/it/sm.json', fromEnv: true })
    expect(machineConfigPath({ platform: 'linux', env: { [MACHINE_CONFIG_ENV]: '' } }).path).toBe(LINUX_FILE)
  })
})

describe('loadMachineConfig', () => {
  const load = (platform: NodeJS.Platform, contents: Record<string, string>, env: Record<string, string> = {}) =>
    loadMachineConfig({ platform, env, readFile: files(contents) })

  it('no file is the normal case: nothing preset', () => {
    expect(load('linux', {})).toEqual({ path: LINUX_FILE, found: false, config: {} })
  })

  it('reads both settings on every OS', () => {
    const json = (path: string) => JSON.stringify({ defaultSitePath: path, language: 'nb' })
    expect(load('linux', { [LINUX_FILE]: json('/srv/crm/site.smsite') })).toEqual({
      path: LINUX_FILE,
      found: true,
      config: { defaultSitePath: '/srv/crm/site.smsite', language: 'nb' }
    })
    expect(load('darwin', { [MAC_FILE]: json('/Users/Shared/crm.smsite') }).config.language).toBe('nb')
    expect(load('win32', { [WINDOWS_FILE]: json('\\\\server\\crm\\site.smsite') }).config.defaultSitePath).toBe('\\\\server\\crm\\site.smsite')
    expect(load('win32', { [WINDOWS_FILE]: json('C:\\Sites\\crm.smsite') }).config.defaultSitePath).toBe('C:\\Sites\\crm.smsite')
  })

  it('either setting may be left out, and a UTF-8 BOM (Notepad) is fine', () => {
    expect(load('linux', { [LINUX_FILE]: '{}' }).config).toEqual({})
    expect(load('linux', { [LINUX_FILE]: '\uFEFF{ "language": "en" }' }).config).toEqual({ language: 'en' })
  })

  it('reads the file SM_MACHINE_CONFIG names instead of the usual one', () => {
    const loaded = load('linux', { '/tmp/it.json': '{"language":"nb"}', [LINUX_FILE]: '{"language":"en"}' }, { [MACHINE_CONFIG_ENV]: '/tmp/it.json' })
    expect(loaded).toEqual({ path: '/tmp/it.json', found: true, config: { language: 'nb' } })
  })

  it('a file named by SM_MACHINE_CONFIG that is missing is an error (someone meant it to be read)', () => {
    expect(() => load('linux', {}, { [MACHINE_CONFIG_ENV]: '/tmp/missing.json' })).toThrow(
      new MachineConfigError('SM_MACHINE_CONFIG names the machine-wide configuration file /tmp/missing.json, but there is no file there.')
    )
  })

  it('an unreadable file names the file and the reason', () => {
    const readFile = () => {
      throw Object.assign(new Error("EACCES: permission denied, open '/etc/settings-and-maintenance/config.json'"), { code: 'EACCES' })
    }
    expect(() => loadMachineConfig({ platform: 'linux', env: {}, readFile })).toThrow(MachineConfigError)
    expect(() => loadMachineConfig({ platform: 'linux', env: {}, readFile })).toThrow(`The machine-wide configuration file ${LINUX_FILE} could not be read: EACCES: permission denied`)
  })

  it('a file that is not JSON names the file', () => {
    expect(() => load('linux', { [LINUX_FILE]: '{ language: nb }' })).toThrow(new RegExp(`^The machine-wide configuration file ${LINUX_FILE} is not valid JSON: `))
    expect(() => load('linux', { [LINUX_FILE]: '' })).toThrow(/is not valid JSON/)
  })

  it.each([
    ['an unknown setting (a typo)', '{"langauge":"nb"}', /langauge/],
    ['a language without a catalogue', '{"language":"de"}', /^- language: /m],
    ['a language in the wrong case', '{"language":"NB"}', /^- language: /m],
    ['a path that is not a string', '{"defaultSitePath":42}', /^- defaultSitePath: /m],
    ['an empty path', '{"defaultSitePath":""}', /^- defaultSitePath: /m],
    ['a relative path', '{"defaultSitePath":"sites/crm.smsite"}', /defaultSitePath: must be an absolute path, not "sites\/crm.smsite"/],
    ['not an object', '["nb"]', /^- the file: /m],
    ['null', 'null', /^- the file: /m]
  ])('%s is refused, naming the file and the setting', (_case, text, problem) => {
    let error: unknown
    try {
      load('linux', { [LINUX_FILE]: text })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(MachineConfigError)
    const message = (error as Error).message
    expect(message).toMatch(new RegExp(`^The machine-wide configuration file ${LINUX_FILE} is not valid:\n`))
    expect(message).toMatch(problem)
    expect(message).toContain('Allowed settings: "defaultSitePath" (an absolute path to a site file) and "language" ("en" or "nb").')
  })

  it('lists every problem at once', () => {
    expect(() => load('linux', { [LINUX_FILE]: '{"language":"de","extra":1,"defaultSitePath":7}' })).toThrow(
      /\n- defaultSitePath: [^\n]+\n- language: [^\n]+\n- the file: [^\n]*"extra"/
    )
  })

  it('judges absolute paths by the machine’s own OS', () => {
    expect(() => load('win32', { [WINDOWS_FILE]: '{"defaultSitePath":"Sites\\\\crm.smsite"}' })).toThrow(/must be an absolute path/)
    expect(() => load('linux', { [LINUX_FILE]: '{"defaultSitePath":"C:\\\\Sites\\\\crm.smsite"}' })).toThrow(/must be an absolute path/)
  })
})
