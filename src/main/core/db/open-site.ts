import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../../../shared/ipc/result'
import type { DB } from './schema'
import { MIGRATIONS, type Migration } from './migrations'
import { migrate, readSchemaVersion, SITE_APPLICATION_ID, type MigrationReport } from './migrate'
import type { Clock } from '../clock'

/** An open site: the Kysely handle for queries and the raw handle for pragmas, backup and exec. */
export interface Site {
  readonly path: string
  readonly db: Kysely<DB>
  readonly raw: Database.Database
  readonly schemaVersion: number
  readonly migration: MigrationReport
  close(): Promise<void>
}

export interface OpenSiteOptions {
  /** Create the file when it does not exist (first start, `site create`). */
  create?: boolean
  clock: Clock
  /** Tests inject broken or extra migrations; the app uses the bundled ones. */
  migrations?: readonly Migration[]
  /** Path of a better-sqlite3 binding built for Electron (`npm start`); default: the Node build. */
  nativeBinding?: string
}

/**
 * Opens (or creates) a site file: refuses files that are not sites or are newer than this app
 * without writing a byte, takes a backup before migrating, then migrates and sets the pragmas.
 */
export async function openSite(path: string, options: OpenSiteOptions): Promise<Site> {
  const migrations = options.migrations ?? MIGRATIONS
  const exists = existsSync(path)
  if (!exists && !options.create) {
    throw new AppError('site_unavailable', `There is no site file at ${path}. Check the path, or create a site there.`)
  }
  const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  if (exists) inspectBeforeWriting(path, migrations.length, driverOptions)
  else mkdirSync(dirname(path), { recursive: true })

  const raw = new Database(path, driverOptions)
  try {
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = FULL')
    raw.pragma('foreign_keys = ON')
    raw.pragma('busy_timeout = 5000')
    const migration = await migrate(raw, path, migrations, options.clock)
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) })
    return {
      path,
      db,
      raw,
      schemaVersion: readSchemaVersion(raw),
      migration,
      close: async () => {
        await db.destroy()
      }
    }
  } catch (error) {
    raw.close()
    throw error
  }
}

/** Read-only look at an existing file, so a refused file is left exactly as it was. */
function inspectBeforeWriting(path: string, latest: number, driverOptions: Database.Options): void {
  let probe: Database.Database | undefined
  try {
    probe = new Database(path, { ...driverOptions, readonly: true, fileMustExist: true })
    const version = readSchemaVersion(probe)
    const applicationId = Number(probe.pragma('application_id', { simple: true }))
    const hasTables = Number(probe.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()) > 0
    if (hasTables && applicationId !== SITE_APPLICATION_ID) {
      throw new AppError('site_unavailable', `${path} is an SQLite database but not a site file of this app. Choose a site file (.smsite).`)
    }
    if (version > latest) {
      throw new AppError(
        'site_too_new',
        `This site was saved by a newer version of the app (schema ${version}; this app knows up to ${latest}). Install the newer version to open it; the file was not changed.`
      )
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('site_unavailable', `${path} cannot be opened as a site file: ${(error as Error).message}`)
  } finally {
    probe?.close()
  }
}
