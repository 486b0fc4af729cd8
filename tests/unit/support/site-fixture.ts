import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openCore, type Core, type CoreOptions } from '../../../src/main/core/open-core'
import type { Session } from '../../../src/main/core/session'
import type { Clock } from '../../../src/main/core/clock'

/** Every test runs on this instant, so stored times and file names are predictable. */
export const FIXED_NOW = '2026-11-23T10:00:00.000Z'
export const fixedClock: Clock = () => new Date('2026-11-23T10:00:00Z')

export const adminSession: Session = { actor: 'test:admin', rights: ['admin-all'] }

/** A fresh temporary folder per test; `cleanup` removes it (call it in afterEach). */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'smadmin-unit-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Opens core over a (new) site file the way the app does, with outputs schema-checked. */
export function openTestCore(sitePath: string, overrides: Partial<CoreOptions> = {}): Promise<Core> {
  return openCore({
    sitePath,
    create: true,
    clock: fixedClock,
    session: () => adminSession,
    appInfo: { appVersion: '0.0.0-test', versions: { node: process.versions.node }, platform: process.platform },
    openExternal: async () => {},
    checkOutputs: true,
    ...overrides
  })
}

/** sha256 of a file, or null when it does not exist (for -wal / -shm companions). */
export function hashFile(path: string): string | null {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null
}

/** Hashes of the site file and its WAL companions: "unchanged" means all three are equal. */
export function hashSite(path: string): Record<string, string | null> {
  return { db: hashFile(path), wal: hashFile(`${path}-wal`), shm: hashFile(`${path}-shm`) }
}

/** Every table's rows (sorted) plus the schema version: a logical picture of the whole site. */
export function dumpDatabase(raw: Database.Database): Record<string, unknown> {
  const tables = raw
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  const dump: Record<string, unknown> = { user_version: raw.pragma('user_version', { simple: true }) }
  for (const table of tables) {
    const rows = raw.prepare(`SELECT * FROM "${table}"`).all().map((r) => JSON.stringify(r))
    dump[table] = rows.sort()
  }
  return dump
}

/** Same as dumpDatabase, through a separate read-only connection to the file. */
export function dumpSiteFile(path: string): Record<string, unknown> {
  const raw = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return dumpDatabase(raw)
  } finally {
    raw.close()
  }
}
