import { describe, expect, it, vi } from 'vitest'
import { join, resolve } from 'node:path'

vi.mock('electron', () => {
  throw new Error('args.ts must not load electron')
})

import { ArgsError, parseAppArgs } from '../../../src/main/electron/args'

const userData = join('/home', 'ada', '.config', 'Settings and maintenance')
const userDefault = { sitePath: join(userData, 'sites', 'default.smsite'), siteGiven: false, siteSource: 'user-default' }

describe('parseAppArgs', () => {
  it('defaults to userData/sites/default.smsite', () => {
    expect(parseAppArgs([], userData)).toEqual(userDefault)
    expect(parseAppArgs(['--inspect', '.'], userData)).toEqual(userDefault)
  })

  it('accepts --site PATH and --site=PATH, resolved to absolute paths', () => {
    expect(parseAppArgs(['--site', '/srv/crm.smsite'], userData)).toEqual({ sitePath: '/srv/crm.smsite', siteGiven: true, siteSource: 'command-line' })
    expect(parseAppArgs(['--site=/srv/other.smsite'], userData)).toEqual({ sitePath: '/srv/other.smsite', siteGiven: true, siteSource: 'command-line' })
    expect(parseAppArgs(['.', '--site', 'rel/site.smsite'], userData)).toEqual({ sitePath: resolve('rel/site.smsite'), siteGiven: true, siteSource: 'command-line' })
    expect(parseAppArgs(['--site=/a path/with spaces.smsite'], userData).sitePath).toBe('/a path/with spaces.smsite')
  })

  it('the last --site wins', () => {
    expect(parseAppArgs(['--site', '/a.smsite', '--site=/b.smsite'], userData).sitePath).toBe('/b.smsite')
  })

  it.each([[['--site']], [['--site', '']], [['--site', '--other']], [['--site=']]])('%j without a value → ArgsError', (argv) => {
    expect(() => parseAppArgs(argv, userData)).toThrow(ArgsError)
    expect(() => parseAppArgs(argv, userData)).toThrow(/--site needs a file path/)
  })
})

describe('a site file passed as a plain argument (file association: double-click on a .smsite file)', () => {
  it('opens it, as --site would', () => {
    expect(parseAppArgs(['/home/ada/crm.smsite'], userData)).toEqual({ sitePath: '/home/ada/crm.smsite', siteGiven: true, siteSource: 'command-line' })
    expect(parseAppArgs(['--no-sandbox', 'C.SMSITE'], userData).sitePath).toBe(resolve('C.SMSITE'))
  })

  it('other plain arguments are not taken for a site', () => {
    expect(parseAppArgs(['.', 'notes.txt', '--flag=x.smsite'], userData)).toEqual(userDefault)
  })

  it('--site wins over a plain site argument', () => {
    expect(parseAppArgs(['/a.smsite', '--site', '/b.smsite'], userData).sitePath).toBe('/b.smsite')
    expect(parseAppArgs(['--site', '/b.smsite', '/a.smsite'], userData).sitePath).toBe('/b.smsite')
  })
})

describe('the machine-wide defaultSitePath', () => {
  const machineSite = '/srv/crm/site.smsite'

  it('replaces the per-user default, and is treated as given (the app asks before creating it)', () => {
    expect(parseAppArgs([], userData, machineSite)).toEqual({ sitePath: machineSite, siteGiven: true, siteSource: 'machine-config' })
  })

  it('--site and an opened file win over it', () => {
    expect(parseAppArgs(['--site', '/mine.smsite'], userData, machineSite).sitePath).toBe('/mine.smsite')
    expect(parseAppArgs(['/opened.smsite'], userData, machineSite).sitePath).toBe('/opened.smsite')
  })

  it('a bad --site is still an error when the machine config has a default', () => {
    expect(() => parseAppArgs(['--site'], userData, machineSite)).toThrow(ArgsError)
  })
})
