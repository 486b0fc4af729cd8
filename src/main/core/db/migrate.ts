import type Database from 'better-sqlite3'
import { AppError } from '../../../shared/ipc/result'
import type { Migration } from './migrations'

/** Marks our files (PRAGMA application_id = "SMAD") so a random SQLite file is never migrated. */
export const SITE_APPLICATION_ID = 0x534d4144

export interface MigrationReport {
  from: number
  to: number
  /** Snapshot of the site taken before the first step ran (reason before-migration); null for a new, empty file. */
  backupPath: string | null
}

export function readSchemaVersion(raw: Database.Database): number {
  return Number(raw.pragma('user_version', { simple: true }))
}

/**
 * Applies pending migrations in order, each in its own transaction (Kysely does not wrap SQLite
 * DDL in one, and whole files need `exec`). A failing step rolls back completely and stops; the
 * snapshot `backup` took beforehand stays in the site's snapshot folder.
 */
export async function migrate(
  raw: Database.Database,
  migrations: readonly Migration[],
  backup: () => Promise<string>
): Promise<MigrationReport> {
  const from = readSchemaVersion(raw)
  const pending = migrations.filter((m) => m.version > from)
  if (pending.length === 0) return { from, to: from, backupPath: null }

  let backupPath: string | null = null
  if (from > 0) {
    backupPath = await backup()
  }

  for (const migration of pending) {
    const step = raw.transaction(() => {
      raw.exec(migration.sql)
      if (migration.version === 1) raw.pragma(`application_id = ${SITE_APPLICATION_ID}`)
      raw.pragma(`user_version = ${migration.version}`)
    })
    try {
      step()
    } catch (error) {
      const restore = backupPath
        ? ` A snapshot taken before migrating is at ${backupPath}; to go back to it, restore it into a new file ("smadmin snapshot restore") or copy it over the site while the app is closed.`
        : ''
      throw new AppError(
        'migration_failed',
        `Updating the site to schema ${migration.version} (${migration.name}) failed and was rolled back: ${(error as Error).message}. The site is unchanged at schema ${readSchemaVersion(raw)}.${restore}`
      )
    }
  }
  return { from, to: readSchemaVersion(raw), backupPath }
}
