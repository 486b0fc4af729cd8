import { AppError } from '../../../shared/ipc/result'

/** better-sqlite3's SqliteError carries SQLite's (extended) result code as text, e.g. "SQLITE_IOERR_WRITE". */
function sqliteCodeOf(error: unknown): string | null {
  if (!(error instanceof Error)) return null
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null
}

/**
 * Turns the SQLite failures an admin can act on (full disk, failing disk or share, a site locked
 * by another program, a damaged file) into AppErrors that say what happened and what to do.
 * Every write runs in a transaction that SQLite rolls back on these errors, so each message can
 * promise that nothing was written. Returns null for anything else (a bug: dispatch says internal).
 */
export function storageErrorOf(error: unknown): AppError | null {
  const code = sqliteCodeOf(error)
  if (!code) return null
  const detail = `(${code}: ${(error as Error).message})`
  if (code.startsWith('SQLITE_FULL')) {
    return new AppError(
      'storage_failed',
      `The disk is full, or the site file reached its size limit ${detail}. Nothing was saved and your pending changes are kept; free some disk space and Save again.`
    )
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
    return new AppError(
      'storage_failed',
      `The site file could not be read or written: the disk or network share reported an error ${detail}. Nothing was saved and your pending changes are kept; check the disk or share and try again. If it keeps failing, restore the latest snapshot into a new file.`
    )
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError(
      'site_busy',
      `The site is in use by another program (the app or an smadmin command) that is writing to it ${detail}. Nothing was changed; try again when it is closed.`
    )
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return new AppError(
      'site_corrupt',
      `The site file is damaged ${detail}. Nothing was written to it. Close it and restore the latest snapshot into a new file ("smadmin snapshot restore").`
    )
  }
  return null
}
