import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { EXIT } from '../../../src/main/cli/smadmin'
import { checkPassword } from '../../../src/shared/domain/password-policy'
import { verifyPassword } from '../../../src/main/core/auth/password'
import { hashSite, makeTempDir } from '../support/site-fixture'
import { makeKeys, siteFile, smadmin, writeLicence } from './provisioning-support'
import type { Keys } from '../licences/licence-fixture'

function query<T>(path: string, sql: string): T[] {
  const raw = new Database(path, { fileMustExist: true })
  try {
    return raw.prepare(sql).all() as T[]
  } finally {
    raw.close()
  }
}

describe('smadmin apply', () => {
  let dir: string
  let cleanup: () => void
  let keys: Keys
  let site: string
  let file: string
  let passwords: string

  beforeEach(async () => {
    ;({ dir, cleanup } = makeTempDir())
    keys = makeKeys()
    site = join(dir, 'crm.smsite')
    file = join(dir, 'provisioning.json')
    passwords = join(dir, 'passwords.csv')
    writeFileSync(file, JSON.stringify(siteFile(writeLicence(dir, keys)), null, 2))
    expect((await smadmin(keys, 'site', 'create', site)).code).toBe(EXIT.ok)
  })
  afterEach(() => cleanup())

  it('provisions an empty site in one run, and a second run changes nothing', async () => {
    const first = await smadmin(keys, 'apply', file, '--site', site, '--passwords-out', passwords)
    expect(first.err).toBe('')
    expect(first.code).toBe(EXIT.ok)
    expect(first.out).toContain('Applied')
    expect(first.out).toContain('activate the licence of SUPEROFFICE')
    expect(first.out).toContain('Owner company: – → Acme AS')
    expect(first.out).toMatch(/A snapshot was taken first: .*before-provisioning/)

    const users = query<{ user_id: string; role: string; grp: string; licences: string }>(
      site,
      `SELECT a.user_id, r.name AS role, g.name AS grp,
              (SELECT group_concat(l.module_name) FROM (SELECT l.module_name FROM licence_assignment la JOIN licence l USING (licence_id) WHERE la.associate_id = a.associate_id ORDER BY 1) l) AS licences
         FROM associate a LEFT JOIN user_role ur USING (associate_id) LEFT JOIN role r USING (role_id) LEFT JOIN user_group g ON g.user_group_id = a.primary_group_id
        WHERE a.user_type = 'employee' ORDER BY a.user_id`
    )
    expect(users).toEqual([
      { user_id: 'ADMIN', role: 'User level 0', grp: 'Support', licences: 'user' },
      { user_id: 'JD', role: 'Sales rep', grp: 'Sales', licences: 'user,web' }
    ])

    // The generated password went to a file only its owner can read, and meets the new policy.
    const lines = readFileSync(passwords, 'utf8').trim().split('\n')
    expect(lines[0]).toBe('userId,password')
    expect(lines).toHaveLength(2)
    const [userId, password] = lines[1].split(',')
    expect(userId).toBe('JD')
    expect(checkPassword(password, { MinTotal: 10, MinNum: 1, MinLC: 0, MinUC: 0, MinSpec: 0, Msg: '' }).ok).toBe(true)
    if (process.platform !== 'win32') expect(statSync(passwords).mode & 0o777).toBe(0o600)
    // The stored hashes (made ahead of the transaction) are those of the given and generated passwords.
    const hashOf = (id: string): string => query<{ h: string }>(site, `SELECT c.secret_hash AS h FROM credential c JOIN associate a USING (associate_id) WHERE a.user_id = '${id}'`)[0].h
    expect(await verifyPassword('first-Password-1', hashOf('ADMIN'))).toBe(true)
    expect(await verifyPassword(password, hashOf('JD'))).toBe(true)

    // Idempotence: same file again → nothing to do, and the site file is byte for byte the same.
    const before = hashSite(site)
    const again = await smadmin(keys, 'apply', file, '--site', site, '--passwords-out', join(dir, 'passwords-2.csv'))
    expect(again.code).toBe(EXIT.ok)
    expect(again.out).toMatch(/^Nothing to do/)
    expect(hashSite(site)).toEqual(before)
    expect(() => statSync(join(dir, 'passwords-2.csv'))).toThrow()
    // The no-op run dropped its snapshot again: one copy per run that changed something.
    const snapshots = JSON.parse((await smadmin(keys, 'snapshot', 'list', site, '--json')).out) as Array<{ reason: string }>
    expect(snapshots.map((s) => s.reason)).toEqual(['before-provisioning'])
  })

  it('--dry-run prints the diff and leaves the site file byte for byte as it was', async () => {
    const before = hashSite(site)
    const run = await smadmin(keys, 'apply', file, '--site', site, '--dry-run')
    expect(run.code).toBe(EXIT.ok)
    expect(run.out).toMatch(/^Dry run:/)
    expect(run.out).toContain('new associate')
    expect(run.out).toContain('Sales rep')
    expect(run.out).toContain('1 password would be generated')
    expect(hashSite(site)).toEqual(before)

    const json = await smadmin(keys, 'apply', file, '--site', site, '--dry-run', '--json')
    const report = JSON.parse(json.out)
    expect(report).toMatchObject({ ok: true, dryRun: true, changed: true, generatedPasswords: 1, passwordsFile: null })
    expect(report.screens.map((s: { screen: string }) => s.screen)).toEqual(['preferences', 'lists', 'roles', 'users'])
    expect(hashSite(site)).toEqual(before)
  })

  it('exit 1: a refusal lists every problem and writes nothing', async () => {
    const bad = siteFile('licence.json')
    bad.associates![0].role = 'No such role'
    bad.associates![1].primaryGroup = 'Nowhere'
    writeFileSync(file, JSON.stringify(bad))
    const before = hashSite(site)
    const run = await smadmin(keys, 'apply', file, '--site', site, '--passwords-out', passwords)
    expect(run.code).toBe(EXIT.refused)
    expect(run.err).toContain('there is no role "No such role"')
    expect(run.err).toContain('there is no user group "Nowhere"')
    expect(hashSite(site)).toEqual(before)
    expect(() => statSync(passwords)).toThrow()

    // The engine's own rules (here: more web users than seats) are refused the same way.
    const greedy = siteFile('licence.json')
    for (const n of [1, 2, 3]) greedy.associates!.push({ userId: `W${n}`, lastName: `Web ${n}`, company: 'Acme AS', role: 'User level 2', primaryGroup: 'Sales', licences: ['user', 'web'] })
    writeFileSync(file, JSON.stringify(greedy))
    const json = await smadmin(keys, 'apply', file, '--site', site, '--passwords-out', passwords, '--json')
    expect(json.code).toBe(EXIT.refused)
    const outcome = JSON.parse(json.out)
    expect(outcome.ok).toBe(false)
    expect(outcome.error.problems.map((p: { message: string }) => p.message).join('\n')).toMatch(/web/i)
    expect(hashSite(site)).toEqual(before)
  })

  it('exit 1: refuses while someone has unsaved changes on the site', async () => {
    const raw = new Database(site)
    raw.prepare(`INSERT INTO pending_change (screen, seq, change, staged_at) VALUES ('lists', 1, ?, '2026-11-23T10:00:00Z')`).run(JSON.stringify({ entity: 'userGroup', id: 'new:1', values: { name: 'Draft' } }))
    raw.close()
    const run = await smadmin(keys, 'apply', file, '--site', site, '--passwords-out', passwords)
    expect(run.code).toBe(EXIT.refused)
    expect(run.err).toContain('unsaved changes on the lists screen')
  })

  it('exit 2: bad files and flags are refused before the site is opened', async () => {
    const cases: Array<[string, () => string[], RegExp]> = [
      ['missing file', () => ['apply', join(dir, 'nope.json'), '--site', site], /no such file/],
      ['not JSON', () => (writeFileSync(file, '{ "formatVersion": 1,'), ['apply', file, '--site', site]), /not valid JSON/],
      ['wrong shape', () => (writeFileSync(file, JSON.stringify({ formatVersion: 1, associates: [{ userId: 'A B', role: 7 }] })), ['apply', file, '--site', site]), /associates\.0\.userId: A User ID cannot contain spaces[\s\S]*associates\.0\.role/],
      ['newer format', () => (writeFileSync(file, JSON.stringify({ formatVersion: 2 })), ['apply', file, '--site', site]), /formatVersion must be 1/],
      ['unknown field', () => (writeFileSync(file, JSON.stringify({ formatVersion: 1, users: [] })), ['apply', file, '--site', site]), /users/],
      ['no --site', () => ['apply', file], /needs --site/],
      ['unknown flag', () => ['apply', file, '--site', site, '--force'], /--force/],
      ['flag of export', () => ['apply', file, '--site', site, '--include-secrets'], /does not take --include-secrets/],
      ['generate without --passwords-out', () => (writeFileSync(file, JSON.stringify(siteFile('licence.json'))), ['apply', file, '--site', site]), /--passwords-out/],
      ['existing passwords file', () => (writeFileSync(passwords, 'x'), ['apply', file, '--site', site, '--passwords-out', passwords]), /already exists/],
      ['missing licence file', () => (writeFileSync(file, JSON.stringify({ formatVersion: 1, licences: [{ file: 'gone.json' }] })), ['apply', file, '--site', site]), /cannot read the licence file/]
    ]
    const before = hashSite(site)
    for (const [name, argv, message] of cases) {
      const run = await smadmin(keys, ...argv())
      expect(run.code, name).toBe(EXIT.usage)
      expect(run.err, name).toMatch(message)
    }
    expect(hashSite(site)).toEqual(before)
  })

  it('exit 3: a site another program holds locked', async () => {
    const other = new Database(site)
    other.exec('BEGIN EXCLUSIVE')
    try {
      const run = await smadmin(keys, 'apply', file, '--site', site, '--passwords-out', passwords)
      expect(run.code).toBe(EXIT.siteUnusable)
      expect(run.err).toMatch(/in use|busy|locked/i)
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    expect(() => statSync(passwords)).toThrow()
  }, 30_000)

  it('exit 3: a site that is missing, not a site, or newer than this app', async () => {
    const notASite = join(dir, 'notes.txt')
    writeFileSync(notASite, 'hello')
    const newer = join(dir, 'newer.smsite')
    await smadmin(keys, 'site', 'create', newer)
    const raw = new Database(newer)
    raw.pragma('user_version = 999')
    raw.close()
    for (const target of [join(dir, 'missing.smsite'), notASite, newer]) {
      const run = await smadmin(keys, 'apply', file, '--site', target, '--dry-run')
      expect(run.code, target).toBe(EXIT.siteUnusable)
    }
  })
})
