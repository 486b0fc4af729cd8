import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { makeTempDir } from '../support/site-fixture'

/**
 * The installed command as IT runs it: `node bin/smadmin.js` as a child process on the built CLI
 * (`npm test` builds before the unit tests), so exit codes and output streams are the real ones.
 */
const BIN = resolve('bin/smadmin.js')
const built = existsSync(resolve('out/main/smadmin.js'))

function smadmin(...argv: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8', env: { ...process.env, VITEST: '' } })
  return { code: run.status, out: run.stdout, err: run.stderr }
}

describe.skipIf(!built)('smadmin apply / export, the built command in a child process', () => {
  let dir: string
  let cleanup: () => void
  let site: string
  let file: string

  beforeEach(() => {
    ;({ dir, cleanup } = makeTempDir())
    site = join(dir, 'crm.smsite')
    file = join(dir, 'provisioning.json')
    expect(smadmin('site', 'create', site).code).toBe(0)
  })
  afterEach(() => cleanup())

  it('dry run, apply, apply again, export: exit codes and output as documented', () => {
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        ourCompanies: [{ name: 'Acme AS' }],
        userGroups: [{ name: 'Sales', rank: 1 }],
        passwordPolicy: { MinTotal: 12 }
      })
    )
    const dry = smadmin('apply', file, '--site', site, '--dry-run', '--json')
    expect(dry.code).toBe(0)
    expect(JSON.parse(dry.out)).toMatchObject({ ok: true, dryRun: true, changed: true })

    const applied = smadmin('apply', file, '--site', site)
    expect(applied.code).toBe(0)
    expect(applied.out).toContain('new userGroup Sales')

    const again = smadmin('apply', file, '--site', site)
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/^Nothing to do/)

    const out = join(dir, 'export.json')
    expect(smadmin('export', '--site', site, '--out', out).code).toBe(0)
    const exported = JSON.parse(readFileSync(out, 'utf8'))
    expect(exported.userGroups).toEqual([{ name: 'Sales', rank: 1 }])
    expect(exported.passwordPolicy.MinTotal).toBe(12)
  })

  it('exit 1 refused, 2 bad file, 3 site unusable', () => {
    writeFileSync(file, JSON.stringify({ formatVersion: 1, associates: [{ userId: 'JD', lastName: 'Doe', role: 'Nobody' }] }))
    const refused = smadmin('apply', file, '--site', site)
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('there is no role "Nobody"')

    writeFileSync(file, '{ not json')
    expect(smadmin('apply', file, '--site', site).code).toBe(2)

    writeFileSync(file, JSON.stringify({ formatVersion: 1 }))
    const missing = smadmin('apply', file, '--site', join(dir, 'missing.smsite'))
    expect(missing.code).toBe(3)
    expect(missing.err).toContain('There is no site file')
  })
})
