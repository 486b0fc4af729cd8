import type Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { AppError } from '../../../shared/ipc/result'
import { latestSnapshotPathOf } from './snapshot-store'

/**
 * Runs SQLite's quick_check on an existing site before anything writes to it, and refuses a
 * damaged file with `site_corrupt`, naming the newest snapshot to restore. Nothing is repaired:
 * SQLite's own recovery or a migration on a damaged file could make the damage permanent.
 *
 * When the file has -wal/-shm companions they are read through a read-only connection, which
 * never checkpoints into the file; without them a read-write connection is used, because a
 * read-only one would create the companions and leave them behind, while a read-write one
 * removes them again on close (and, with an empty WAL, writes nothing to the file).
 */
export function checkSiteIntact(path: string, openFile: (path: string, options: { readonly?: boolean }) => Database.Database): void {
  const hasCompanions = ['-wal', '-shm'].some((suffix) => existsSync(`${path}${suffix}`))
  let problems: string[]
  let connection: Database.Database | undefined
  try {
    connection = openFile(path, { readonly: hasCompanions })
    const rows = connection.pragma('quick_check(5)') as Array<{ quick_check: string }>
    problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') throw error
    problems = [(error as Error).message]
  } finally {
    connection?.close()
  }
  if (problems.length === 0) return
  const latest = latestSnapshotPathOf(path)
  const restore = latest
    ? `The latest snapshot is ${latest}: restore it into a new file ("smadmin snapshot restore" names it) and open that.`
    : 'There is no snapshot of this site; restore it from your own backup.'
  throw new AppError(
    'site_corrupt',
    `The site file ${path} is damaged (SQLite's check found: ${problems.join('; ').slice(0, 300)}). It was not opened and nothing was written to it. ${restore}`
  )
}
