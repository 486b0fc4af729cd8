import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { EXIT, runCli } from '../../../src/main/cli/smadmin'
import { openSite } from '../../../src/main/core/db/open-site'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/core/db/migrations'
import { DEMO_COMPANIES, DEMO_USER_GROUPS } from '../../../src/main/core/demo/demo-site'
import { fixedClock, hashSite, makeTempDir } from '../support/site-fixture'

interface Run {
  code: number
  out: string
  err: string
}

async function cli(...argv: string[]): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** Reads through a read-write handle: a read-only one would leave -wal/-shm files behind. */
function query(path: string, sql: string): unknown[] {
  const raw = new Database(path, { fileMustExist: true })
  try {
    return raw.prepare(sql).all()
  } finally {
    raw.close()
  }
}

describe('smadmin (runCli)', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => ({ dir, cleanup } = makeTempDir()))
  afterEach(() => cleanup())

  it('exit codes are the documented ones', () => {
    expect(EXIT).toEqual({ ok: 0, refused: 1, usage: 2, siteUnusable: 3 })
  })

  it.each([[['--help']], [['-h']], [[]], [['site', '--help']]])('%j prints the overview and exits 0', async (argv) => {
    const run = await cli(...argv)
    expect(run.code).toBe(0)
    for (const command of ['site create PATH', 'site info PATH', 'site migrate PATH', 'Exit codes']) expect(run.out).toContain(command)
    expect(run.err).toBe('')
  })

  it.each([
    ['create', '--demo'],
    ['info', '--json'],
    ['migrate', 'copy of the site']
  ])('site %s --help prints its own help and exits 0', async (verb, mentions) => {
    const run = await cli('site', verb, '--help')
    expect(run).toMatchObject({ code: 0, err: '' })
    expect(run.out.split('\n')[0]).toMatch(new RegExp(`^smadmin site ${verb} PATH`))
    expect(run.out).toContain(mentions)
    // --help wins over a missing or present PATH and touches nothing.
    expect((await cli('site', verb, join(dir, 'x.smsite'), '--help')).code).toBe(0)
    expect(readdirSync(dir)).toEqual([])
  })

  it.each([
    [['frobnicate']],
    [['site', 'destroy', 'x.smsite']],
    [['site']],
    [['site', 'info', '--force', 'x.smsite']],
    [['--verbose']],
    [['site', 'info', '--json=yes', 'x.smsite']]
  ])('%j is a usage error (exit 2) with a hint', async (argv) => {
    const run = await cli(...argv)
    expect(run.code).toBe(EXIT.usage)
    expect(run.err + run.out).toMatch(/smadmin/)
    expect(readdirSync(dir)).toEqual([])
  })

  it.each([['create'], ['info'], ['migrate']])('site %s without PATH, or with two, is a usage error (exit 2)', async (verb) => {
    const none = await cli('site', verb)
    expect(none.code).toBe(EXIT.usage)
    expect(none.err).toContain('needs exactly one PATH')
    expect((await cli('site', verb, join(dir, 'a.smsite'), join(dir, 'b.smsite'))).code).toBe(EXIT.usage)
    expect(readdirSync(dir)).toEqual([])
  })

  it('--demo with anything but site create is a usage error', async () => {
    const path = join(dir, 'site.smsite')
    expect((await cli('site', 'create', path)).code).toBe(0)
    const run = await cli('site', 'info', path, '--demo')
    expect(run.code).toBe(EXIT.usage)
    expect(run.err).toContain('--demo')
  })

  it('site create makes a new, empty site (exit 0) and refuses an existing file (exit 1, file unchanged)', async () => {
    const path = join(dir, 'sub', 'new.smsite')
    const run = await cli('site', 'create', path)
    expect(run).toMatchObject({ code: 0, err: '' })
    expect(run.out).toBe(`Created site ${path} (schema ${LATEST_SCHEMA_VERSION}).`)
    // Cleanly closed: no WAL files left behind.
    expect(readdirSync(join(dir, 'sub'))).toEqual(['new.smsite'])
    expect(query(path, 'PRAGMA user_version')).toEqual([{ user_version: LATEST_SCHEMA_VERSION }])
    expect(query(path, 'SELECT count(*) AS n FROM user_group')).toEqual([{ n: 0 }])
    expect(query(path, "SELECT key FROM site_meta WHERE key = 'created_at'")).toEqual([{ key: 'created_at' }])

    const before = hashSite(path)
    const again = await cli('site', 'create', path, '--demo')
    expect(again.code).toBe(EXIT.refused)
    expect(again.err).toContain('already exists')
    expect(hashSite(path)).toEqual(before)
  })

  it('site create refuses to overwrite a non-site file too', async () => {
    const path = join(dir, 'notes.txt')
    writeFileSync(path, 'precious')
    const before = hashSite(path)
    expect((await cli('site', 'create', path)).code).toBe(EXIT.refused)
    expect(hashSite(path)).toEqual(before)
  })

  it('site create --demo fills 2 our companies and 8 user groups', async () => {
    const path = join(dir, 'demo.smsite')
    const run = await cli('site', 'create', path, '--demo')
    expect(run.code).toBe(0)
    expect(run.out).toContain('Created demo site')
    expect(query(path, 'SELECT c.name FROM our_company o JOIN company c USING (company_id) ORDER BY c.company_id')).toEqual(
      DEMO_COMPANIES.map((c) => ({ name: c.name }))
    )
    expect(DEMO_COMPANIES).toHaveLength(2)
    expect(query(path, 'SELECT name, tooltip, rank, deleted FROM user_group ORDER BY rank')).toEqual(
      DEMO_USER_GROUPS.map((g) => ({ name: g.name, tooltip: g.tooltip, rank: g.rank, deleted: 0 }))
    )
    expect(DEMO_USER_GROUPS).toHaveLength(8)
    expect(query(path, 'SELECT licensee_name, owner_company_id, database_company_id FROM site_identity')).toEqual([
      { licensee_name: DEMO_COMPANIES[0].name, owner_company_id: 1, database_company_id: 1 }
    ])
    expect(query(path, 'PRAGMA foreign_key_check')).toEqual([])
  })

  it('site info prints the schema version and counts, as text and as --json', async () => {
    const path = join(dir, 'demo.smsite')
    await cli('site', 'create', path, '--demo')

    const text = await cli('site', 'info', path)
    expect(text).toMatchObject({ code: 0, err: '' })
    const lines = text.out.split('\n')
    expect(lines[0]).toBe(`Site ${path}`)
    expect(lines[1]).toBe(`Schema version ${LATEST_SCHEMA_VERSION}`)
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}user_group +8$/))
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}our_company +2$/))
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}company +2$/))

    const json = await cli('site', 'info', '--json', path)
    expect(json.code).toBe(0)
    const info = JSON.parse(json.out)
    expect(info.path).toBe(path)
    expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(info.counts).toMatchObject({ company: 2, our_company: 2, user_group: 8, pending_change: 0 })
    expect(Object.values(info.counts).every((n) => Number.isInteger(n) && (n as number) >= 0)).toBe(true)
    expect(readdirSync(dir)).toEqual(['demo.smsite'])
  })

  it('site migrate on an up-to-date site does nothing and takes no backup', async () => {
    const path = join(dir, 'site.smsite')
    await cli('site', 'create', path)
    const before = hashSite(path)
    const run = await cli('site', 'migrate', path)
    expect(run).toMatchObject({ code: 0, err: '' })
    expect(run.out).toBe(`${path} is already at schema ${LATEST_SCHEMA_VERSION}; nothing to do.`)
    expect(readdirSync(dir)).toEqual(['site.smsite'])
    expect(hashSite(path)).toEqual(before)
  })

  it('site migrate brings a site made with the first migration only up to date, after a backup', async () => {
    const path = join(dir, 'old.smsite')
    await (await openSite(path, { create: true, clock: fixedClock, migrations: MIGRATIONS.slice(0, 1) })).close()
    const run = await cli('site', 'migrate', path)
    expect(run.code).toBe(0)
    expect(query(path, 'PRAGMA user_version')).toEqual([{ user_version: LATEST_SCHEMA_VERSION }])
    const snapshots = join(dir, 'old.smsite.snapshots')
    const backups = existsSync(snapshots) ? readdirSync(snapshots).filter((f) => f.endsWith('--before-migration.smsite')) : []
    if (LATEST_SCHEMA_VERSION > 1) {
      expect(run.out).toMatch(new RegExp(`^Migrated .* from schema 1 to ${LATEST_SCHEMA_VERSION}\\. Backup: `))
      expect(backups).toHaveLength(1)
      expect(query(join(snapshots, backups[0]), 'PRAGMA user_version')).toEqual([{ user_version: 1 }])
    } else {
      expect(run.out).toContain('nothing to do')
      expect(backups).toEqual([])
    }
  })

  it.each([['info'], ['migrate']])('site %s: a missing file → exit 3, and it is not created', async (verb) => {
    const path = join(dir, 'missing.smsite')
    const run = await cli('site', verb, path)
    expect(run.code).toBe(EXIT.siteUnusable)
    expect(run.err).toContain('There is no site file')
    expect(existsSync(path)).toBe(false)
  })

  it.each([['info'], ['migrate']])('site %s: a too-new file → exit 3, file unchanged', async (verb) => {
    const path = join(dir, 'newer.smsite')
    await cli('site', 'create', path)
    const raw = new Database(path)
    raw.pragma('user_version = 99')
    raw.close()
    const before = hashSite(path)
    const run = await cli('site', verb, path)
    expect(run.code).toBe(EXIT.siteUnusable)
    expect(run.err).toContain('newer version')
    expect(hashSite(path)).toEqual(before)
    expect(readdirSync(dir)).toEqual(['newer.smsite'])
  })

  it('site info: a file that is not a site → exit 3, unchanged', async () => {
    const path = join(dir, 'garbage.smsite')
    writeFileSync(path, 'garbage'.repeat(50))
    const before = hashSite(path)
    expect((await cli('site', 'info', path)).code).toBe(EXIT.siteUnusable)
    expect(hashSite(path)).toEqual(before)
  })
})
