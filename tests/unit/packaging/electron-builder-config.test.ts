import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

// electron-builder's own schema check, offline (TOOLCHAIN.md fact 4): a typo in a key fails here,
// not on the packaging machine.
const require = createRequire(import.meta.url)
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
const yaml = require('js-yaml') as { load: (text: string) => Record<string, unknown> }

const config = yaml.load(readFileSync('electron-builder.yml', 'utf8'))

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('rejects a misspelt key (the check can fail)', async () => {
    await expect(validateConfiguration({ ...config, nsiss: {} }, new DebugLogger(false))).rejects.toThrow(/nsiss/)
  })

  it('builds the installers IT departments expect', () => {
    const win = config.win as { target: Array<{ target: string }> }
    expect(win.target.map((t) => t.target)).toEqual(['nsis', 'msi'])
    expect((config.nsis as Record<string, unknown>).perMachine).toBe(true)
    expect((config.mac as { target: string[] }).target).toContain('dmg')
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb'])
    expect(config.asar).toBe(true)
  })

  it('packs the built bundles only, never sources or tests', () => {
    const files = config.files as string[]
    expect(files).toContain('out/**')
    expect(files.some((f) => /^(src|tests)\b/.test(f))).toBe(false)
  })
})
