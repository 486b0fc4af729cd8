import { describe, expect, it, vi } from 'vitest'
import { join, resolve } from 'node:path'

vi.mock('electron', () => {
  throw new Error('args.ts must not load electron')
})

import { ArgsError, parseAppArgs } from '../../../src/main/electron/args'

const userData = join('/home', 'ada', '.config', 'Settings and maintenance')

describe('parseAppArgs', () => {
  it('defaults to userData/sites/default.smsite', () => {
    expect(parseAppArgs([], userData)).toEqual({ sitePath: join(userData, 'sites', 'default.smsite'), siteGiven: false })
    expect(parseAppArgs(['--inspect', '.'], userData)).toEqual({ sitePath: join(userData, 'sites', 'default.smsite'), siteGiven: false })
  })

  it('accepts --site PATH and --site=PATH, resolved to absolute paths', () => {
    expect(parseAppArgs(['--site', '/srv/crm.smsite'], userData)).toEqual({ sitePath: '/srv/crm.smsite', siteGiven: true })
    expect(parseAppArgs(['--site=/srv/other.smsite'], userData)).toEqual({ sitePath: '/srv/other.smsite', siteGiven: true })
    expect(parseAppArgs(['.', '--site', 'rel/site.smsite'], userData)).toEqual({ sitePath: resolve('rel/site.smsite'), siteGiven: true })
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
