import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openSite } from '../../../src/main/core/db/open-site'
import { MIGRATIONS } from '../../../src/main/core/db/migrations'
import { AppError } from '../../../src/shared/ipc/result'
import { fixedClock, hashSite, makeTempDir } from '../support/site-fixture'

async function refusal(path: string): Promise<AppError> {
  const error = await openSite(path, { clock: fixedClock, create: true }).then(
    (site) => site.close().then(() => null),
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('openSite refuses files it must not touch', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => ({ dir, cleanup } = makeTempDir()))
  afterEach(() => cleanup())

  it('a missing file without create → site_unavailable, and nothing is created', async () => {
    const path = join(dir, 'missing.smsite')
    await expect(openSite(path, { clock: fixedClock })).rejects.toMatchObject({ code: 'site_unavailable' })
    expect(existsSync(path)).toBe(false)
  })

  it('a site saved by a newer app (user_version 99) → site_too_new, bytes unchanged', async () => {
    const path = join(dir, 'newer.smsite')
    const site = await openSite(path, { create: true, clock: fixedClock })
    await site.db.insertInto('site_meta').values({ key: 'marker', value: 'x' }).execute()
    site.raw.pragma('user_version = 99')
    await site.close()
    expect(existsSync(`${path}-wal`)).toBe(false) // closed cleanly: checkpointed and removed

    const before = hashSite(path)
    const error = await refusal(path)
    expect(error.code).toBe('site_too_new')
    expect(error.message).toContain('schema 99')
    expect(error.message).toContain(`up to ${MIGRATIONS.length}`)
    expect(hashSite(path)).toEqual(before)
    expect(readdirSync(dir)).toEqual(['newer.smsite'])
  })

  it('a newer site with a live WAL (another process has it open) → site_too_new, database and -wal unchanged', async () => {
    const path = join(dir, 'newer-live.smsite')
    await (await openSite(path, { create: true, clock: fixedClock })).close()
    const other = new Database(path)
    try {
      other.pragma('wal_autocheckpoint = 0')
      other.pragma('user_version = 99')
      other.prepare("INSERT INTO site_meta (key, value) VALUES ('from', 'other')").run()
      expect(existsSync(`${path}-wal`)).toBe(true)
      const before = hashSite(path)
      const error = await refusal(path)
      expect(error.code).toBe('site_too_new')
      // Any SQLite reader records its read mark in -shm (shared memory, no data); the database
      // and the log of the other process's writes must not change.
      const after = hashSite(path)
      expect({ db: after.db, wal: after.wal }).toEqual({ db: before.db, wal: before.wal })
      expect(after.shm).not.toBeNull()
    } finally {
      other.close()
    }
  })

  it('an SQLite file that is not a site → site_unavailable, bytes unchanged', async () => {
    const path = join(dir, 'other-app.sqlite')
    const foreign = new Database(path)
    foreign.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');")
    foreign.close()
    const before = hashSite(path)
    const error = await refusal(path)
    expect(error.code).toBe('site_unavailable')
    expect(error.message).toContain('not a site file')
    expect(hashSite(path)).toEqual(before)
    expect(readdirSync(dir)).toEqual(['other-app.sqlite'])
  })

  it('an SQLite file with a big schema (sqlite_schema spills over page 1) and no site id → site_unavailable', async () => {
    const path = join(dir, 'big-schema.sqlite')
    const foreign = new Database(path)
    foreign.pragma('journal_mode = WAL')
    for (let n = 0; n < 150; n++) foreign.exec(`CREATE TABLE t${n} (id INTEGER PRIMARY KEY, some_rather_long_column_name TEXT)`)
    foreign.close()
    const before = hashSite(path)
    expect((await refusal(path)).code).toBe('site_unavailable')
    expect(hashSite(path)).toEqual(before)
    expect(readdirSync(dir)).toEqual(['big-schema.sqlite'])
  })

  it('a WAL-mode SQLite file of another app that is open elsewhere → site_unavailable', async () => {
    const path = join(dir, 'busy-other.sqlite')
    const foreign = new Database(path)
    try {
      foreign.pragma('journal_mode = WAL')
      foreign.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)')
      const before = hashSite(path)
      expect((await refusal(path)).code).toBe('site_unavailable')
      expect(hashSite(path).db).toBe(before.db)
      expect(hashSite(path).wal).toBe(before.wal)
    } finally {
      foreign.close()
    }
  })

  it('an SQLite file without tables (e.g. made by "sqlite3 x.db VACUUM") becomes a site', async () => {
    const path = join(dir, 'blank.sqlite')
    const blank = new Database(path)
    blank.exec('VACUUM')
    blank.close()
    const site = await openSite(path, { clock: fixedClock })
    try {
      expect(site.schemaVersion).toBe(MIGRATIONS.length)
    } finally {
      await site.close()
    }
  })

  it('a short or garbage-headed file → site_unavailable, bytes unchanged', async () => {
    for (const [name, content] of [
      ['short.smsite', 'SQLite format 3'],
      ['fake-header.smsite', `SQLite format 4\u0000${'x'.repeat(200)}`]
    ] as const) {
      const path = join(dir, name)
      writeFileSync(path, content)
      const before = hashSite(path)
      expect((await refusal(path)).code).toBe('site_unavailable')
      expect(hashSite(path)).toEqual(before)
    }
    expect(readdirSync(dir).sort()).toEqual(['fake-header.smsite', 'short.smsite'])
  })

  it('a garbage file → site_unavailable, bytes unchanged', async () => {
    const path = join(dir, 'garbage.smsite')
    writeFileSync(path, Buffer.from('This is not a database at all, just some text pretending to be one.\n'.repeat(100)))
    const before = hashSite(path)
    const error = await refusal(path)
    expect(error.code).toBe('site_unavailable')
    expect(hashSite(path)).toEqual(before)
    expect(readdirSync(dir)).toEqual(['garbage.smsite'])
  })

  it('an empty (0-byte) existing file becomes a new site', async () => {
    // An empty file is what some tools leave after "new file"; SQLite treats it as an empty database.
    const path = join(dir, 'empty.smsite')
    writeFileSync(path, '')
    const site = await openSite(path, { clock: fixedClock })
    try {
      expect(site.schemaVersion).toBe(MIGRATIONS.length)
    } finally {
      await site.close()
    }
  })

  it('close() closes the connection even when no query ran, so the WAL files go away', async () => {
    const path = join(dir, 'close.smsite')
    const site = await openSite(path, { create: true, clock: fixedClock })
    await site.close()
    expect(site.raw.open).toBe(false)
    expect(readdirSync(dir)).toEqual(['close.smsite'])
  })
})
