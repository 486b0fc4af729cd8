import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EXIT } from '../../../src/main/cli/smadmin'
import { provisioningFileSchema } from '../../../src/shared/domain/provisioning'
import { hashSite, makeTempDir } from '../support/site-fixture'
import { makeKeys, siteFile, smadmin, writeLicence } from './provisioning-support'
import type { Keys } from '../licences/licence-fixture'

describe('smadmin export', () => {
  let dir: string
  let cleanup: () => void
  let keys: Keys
  let source: string

  /** A site prepared from the IT department's file: the source every export test clones. */
  beforeEach(async () => {
    ;({ dir, cleanup } = makeTempDir())
    keys = makeKeys()
    source = join(dir, 'source.smsite')
    const file = join(dir, 'provisioning.json')
    writeFileSync(file, JSON.stringify(siteFile(writeLicence(dir, keys))))
    await smadmin(keys, 'site', 'create', source)
    expect((await smadmin(keys, 'apply', file, '--site', source, '--passwords-out', join(dir, 'pw.csv'))).code).toBe(EXIT.ok)
  })
  afterEach(() => cleanup())

  async function exportOf(site: string, ...flags: string[]): Promise<string> {
    const run = await smadmin(keys, 'export', '--site', site, ...flags)
    expect(run.code, run.err).toBe(EXIT.ok)
    return run.out
  }

  async function cloneInto(name: string, exported: string): Promise<string> {
    const target = join(dir, name)
    const file = join(dir, `${name}.json`)
    writeFileSync(file, exported)
    await smadmin(keys, 'site', 'create', target)
    const run = await smadmin(keys, 'apply', file, '--site', target)
    expect(run.code, run.err).toBe(EXIT.ok)
    return target
  }

  it('round trip: export → apply to an empty site → export again is identical', async () => {
    const first = await exportOf(source)
    expect(provisioningFileSchema.safeParse(JSON.parse(first)).success).toBe(true)
    expect(first).not.toContain('scrypt$')
    const clone = await cloneInto('clone.smsite', first)
    expect(await exportOf(clone)).toBe(first)

    // …and applying the export to the site it came from has nothing to do.
    const file = join(dir, 'again.json')
    writeFileSync(file, first)
    const before = hashSite(source)
    const again = await smadmin(keys, 'apply', file, '--site', source)
    expect(again.out).toMatch(/^Nothing to do/)
    expect(hashSite(source)).toEqual(before)
  })

  it('--include-secrets carries password hashes, so users keep their passwords on the clone', async () => {
    const withSecrets = await exportOf(source, '--include-secrets')
    expect(withSecrets).toMatch(/"passwordHash": "scrypt\$/)
    const clone = await cloneInto('clone.smsite', withSecrets)
    expect(await exportOf(clone, '--include-secrets')).toBe(withSecrets)
  })

  it('--out writes a new file (never overwrites); with secrets it is readable by its owner only', async () => {
    const out = join(dir, 'site.json')
    const run = await smadmin(keys, 'export', '--site', source, '--out', out, '--include-secrets')
    expect(run.code).toBe(EXIT.ok)
    expect(JSON.parse(readFileSync(out, 'utf8')).formatVersion).toBe(1)
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600)
    const twice = await smadmin(keys, 'export', '--site', source, '--out', out)
    expect(twice.code).toBe(EXIT.usage)
    expect(twice.err).toContain('already exists')
  })

  it('exit codes: 2 for bad flags, 3 for a missing site', async () => {
    expect((await smadmin(keys, 'export')).code).toBe(EXIT.usage)
    expect((await smadmin(keys, 'export', '--site', source, '--dry-run')).code).toBe(EXIT.usage)
    expect((await smadmin(keys, 'export', 'file.json', '--site', source)).code).toBe(EXIT.usage)
    expect((await smadmin(keys, 'export', '--site', join(dir, 'missing.smsite'))).code).toBe(EXIT.siteUnusable)
  })
})
