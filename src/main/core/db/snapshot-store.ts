import type Database from 'better-sqlite3'
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, join, resolve, sep } from 'node:path'
import { AppError } from '../../../shared/ipc/result'
import { SNAPSHOT_NAME_PATTERN, type SnapshotInfo, type SnapshotReason } from '../../../shared/domain/snapshot'
import type { Clock } from '../clock'

/** Snapshots live next to the site, in "<site file>.snapshots/": easy to find, copy and delete. */
export function snapshotFolderOf(sitePath: string): string {
  return `${sitePath}.snapshots`
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-')
}

/**
 * Copies the site with SQLite's online backup (consistent even while the app writes) into the
 * snapshot folder. The copy is written under a temporary name and renamed when complete, so a
 * crash never leaves a half snapshot that looks whole; it is then switched to rollback-journal
 * mode so opening it read-only later creates no -wal/-shm files beside it.
 */
export async function takeSnapshotOf(
  raw: Database.Database,
  sitePath: string,
  reason: SnapshotReason,
  clock: Clock,
  openFile: (path: string) => Database.Database
): Promise<SnapshotInfo & { path: string }> {
  const folder = snapshotFolderOf(sitePath)
  mkdirSync(folder, { recursive: true })
  const base = `${stamp(clock())}--${reason}`
  let name = `${base}.smsite`
  for (let n = 2; existsSync(join(folder, name)); n++) name = `${base}-${n}.smsite`
  const path = join(folder, name)
  const partial = `${path}.partial`
  try {
    await raw.backup(partial)
    const copy = openFile(partial)
    try {
      copy.pragma('journal_mode = DELETE')
    } finally {
      copy.close()
    }
    renameSync(partial, path)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  return { ...infoOf(folder, name)!, path }
}

function infoOf(folder: string, name: string): SnapshotInfo | null {
  const match = SNAPSHOT_NAME_PATTERN.exec(name)
  if (!match) return null
  const [, time, reason] = match
  const takenAt = `${time.slice(0, 10)}T${time.slice(11, 13)}:${time.slice(14, 16)}:${time.slice(17, 19)}.${time.slice(20, 23)}Z`
  return { name, takenAt, reason: reason as SnapshotReason, sizeBytes: statSync(join(folder, name)).size }
}

/** The site's snapshots, newest first (other files in the folder are ignored). */
export function listSnapshotsOf(sitePath: string): SnapshotInfo[] {
  const folder = snapshotFolderOf(sitePath)
  if (!existsSync(folder)) return []
  const found = readdirSync(folder)
    .map((name) => infoOf(folder, name))
    .filter((info): info is SnapshotInfo => info !== null)
  // Same millisecond: "-2" was taken after the unnumbered one, "-3" after "-2".
  const sequence = (name: string): number => Number(SNAPSHOT_NAME_PATTERN.exec(name)?.[3] ?? 1)
  return found.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || sequence(b.name) - sequence(a.name))
}

/** The newest snapshot's path, or null: named in messages about a damaged or unusable site. */
export function latestSnapshotPathOf(sitePath: string): string | null {
  const [latest] = listSnapshotsOf(sitePath)
  return latest ? join(snapshotFolderOf(sitePath), latest.name) : null
}

/** The path of one listed snapshot; a name that is not one (or climbs out of the folder) is not_found. */
export function snapshotPathOf(sitePath: string, name: string): string {
  const folder = snapshotFolderOf(sitePath)
  if (!SNAPSHOT_NAME_PATTERN.test(name) || basename(name) !== name || !existsSync(join(folder, name))) {
    throw new AppError('not_found', `There is no snapshot called "${name.slice(0, 120)}" for this site. List the snapshots and pick one of them.`)
  }
  return join(folder, name)
}

/**
 * Restores a snapshot by copying it to a NEW file: never over the live site or any existing file,
 * so a mistaken restore cannot lose work. The admin then opens the copy (or replaces the site
 * by hand after closing the app).
 */
export function restoreSnapshotTo(sitePath: string, name: string, targetPath: string): string {
  const source = snapshotPathOf(sitePath, name)
  const target = resolve(targetPath)
  const live = resolve(sitePath)
  if ([live, `${live}-wal`, `${live}-shm`, `${live}-journal`].includes(target) || target.startsWith(`${resolve(snapshotFolderOf(sitePath))}${sep}`)) {
    throw new AppError('conflict', 'A snapshot is restored into a new file, never over the open site or its snapshots. Choose another file name.')
  }
  if (existsSync(target)) {
    throw new AppError('conflict', `${target} already exists. A snapshot is restored into a new file only; choose a name that is not taken.`)
  }
  try {
    copyFileSync(source, target, constants.COPYFILE_EXCL)
  } catch (error) {
    throw new AppError('storage_failed', `The snapshot could not be copied to ${target}: ${(error as Error).message}. Nothing was changed.`)
  }
  return target
}
