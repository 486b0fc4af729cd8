import Database from 'better-sqlite3'
import { Kysely } from 'kysely'
import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '../../../shared/ipc/result'
import type { DB } from './schema'
import { MIGRATIONS, type Migration } from './migrations'
import { migrate, readSchemaVersion, SITE_APPLICATION_ID, type MigrationReport } from './migrate'
import type { Clock } from '../clock'
import { SiteDialect } from './site-dialect'
import { checkSiteIntact } from './integrity-check'
import { takeSnapshotOf } from './snapshot-store'

/** An open site: the Kysely handle for queries and the raw handle for pragmas, backup and exec. */
export interface Site {
  readonly path: string
  readonly db: Kysely<DB>
  readonly raw: Database.Database
  readonly schemaVersion: number
  readonly migration: MigrationReport
  /** Opens another SQLite file (a snapshot) with the same driver build as the site (Electron's, in the app). */
  openFile(path: string, options?: { readonly?: boolean }): Database.Database
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
 * Opens (or creates) a site file: refuses files that are not sites, are newer than this app or
 * fail SQLite's quick_check without writing a byte, takes a snapshot before migrating, then
 * migrates and sets the pragmas.
 */
export async function openSite(path: string, options: OpenSiteOptions): Promise<Site> {
  const migrations = options.migrations ?? MIGRATIONS
  const exists = existsSync(path)
  if (!exists && !options.create) {
    throw new AppError('site_unavailable', `There is no site file at ${path}. Check the path, or create a site there.`)
  }
  const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  const openFile = (file: string, opts: { readonly?: boolean } = {}): Database.Database =>
    new Database(file, { ...driverOptions, readonly: opts.readonly === true, fileMustExist: opts.readonly === true })
  if (exists) {
    inspectBeforeWriting(path, migrations.length, driverOptions)
    // After the application-id and version checks (a foreign or newer file gets those messages),
    // before anything could write: a damaged site must never be "repaired" by migrating it.
    checkSiteIntact(path, openFile)
  } else mkdirSync(dirname(path), { recursive: true })

  const raw = new Database(path, driverOptions)
  try {
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = FULL')
    raw.pragma('foreign_keys = ON')
    // Bounded wait for another program's write (the app and a CLI run on one site); past it,
    // the write fails with SQLITE_BUSY, which reaches the admin as site_busy.
    raw.pragma('busy_timeout = 5000')
    const backup = async (): Promise<string> => (await takeSnapshotOf(raw, path, 'before-migration', options.clock, openFile)).path
    const migration = await migrate(raw, migrations, backup)
    const db = new Kysely<DB>({ dialect: new SiteDialect(raw) })
    return {
      path,
      db,
      raw,
      schemaVersion: readSchemaVersion(raw),
      migration,
      openFile,
      close: async () => {
        await db.destroy()
        // Kysely closes the handle only if it ran a query; a site opened just to migrate has not.
        if (raw.open) raw.close()
      }
    }
  } catch (error) {
    raw.close()
    throw error
  }
}

interface FileFacts {
  version: number
  applicationId: number
  hasTables: boolean
}

/** Read-only look at an existing file, so a refused file is left exactly as it was. */
function inspectBeforeWriting(path: string, latest: number, driverOptions: Database.Options): void {
  let probe: Database.Database | undefined
  try {
    let facts = readHeaderFacts(path)
    if (!facts) {
      probe = new Database(path, { ...driverOptions, readonly: true, fileMustExist: true })
      facts = {
        version: readSchemaVersion(probe),
        applicationId: Number(probe.pragma('application_id', { simple: true })),
        hasTables: Number(probe.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()) > 0
      }
    }
    const { version, applicationId, hasTables } = facts
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

/**
 * Reads the facts from the file header when the file alone holds the whole database (no -wal,
 * -shm or -journal beside it). SQLite itself, even read-only, would create -wal and -shm next to
 * a WAL-mode file and leave them behind, so a refused file would not be left as it was.
 * Returns null when companions exist (then SQLite must read them, and they exist already).
 */
function readHeaderFacts(path: string): FileFacts | null {
  if (['-wal', '-shm', '-journal'].some((suffix) => existsSync(`${path}${suffix}`))) return null
  const header = Buffer.alloc(108)
  const fd = openSync(path, 'r')
  let length: number
  try {
    length = readSync(fd, header, 0, header.length, 0)
  } finally {
    closeSync(fd)
  }
  // SQLite treats a zero-byte file as an empty database.
  if (length === 0) return { version: 0, applicationId: 0, hasTables: false }
  if (length < header.length || header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') {
    throw new Error('the file is not an SQLite database')
  }
  // Header layout (sqlite.org/fileformat.html): user_version at 60, application_id at 68; page 1's
  // b-tree (sqlite_schema) starts at 100: an empty schema is a leaf table page (0x0d) with no cells.
  return {
    version: header.readInt32BE(60),
    applicationId: header.readInt32BE(68),
    hasTables: !(header[100] === 0x0d && header.readUInt16BE(103) === 0)
  }
}
