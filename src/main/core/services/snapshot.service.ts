import type Database from 'better-sqlite3'
import type { Site } from '../db/open-site'
import type { Clock } from '../clock'
import { listSnapshotsOf, restoreSnapshotTo, snapshotPathOf, takeSnapshotOf } from '../db/snapshot-store'
import type { SnapshotComparison, SnapshotInfo, SnapshotReason } from '../../../shared/domain/snapshot'
import { compareSites } from './snapshot-diff'

/**
 * Snapshots (SPEC A3.10): copies of the site taken with SQLite's online backup on demand and
 * before every migration and licence activation; listed, compared as a report, and restored
 * into a new file. The app's menu and channels and `smadmin snapshot` all use these.
 */
export async function takeSnapshot(site: Site, reason: SnapshotReason, clock: Clock): Promise<SnapshotInfo> {
  const { path: _path, ...info } = await takeSnapshotOf(site.raw, site.path, reason, clock, (file) => site.openFile(file))
  return info
}

export function listSnapshots(site: Pick<Site, 'path'>): SnapshotInfo[] {
  return listSnapshotsOf(site.path)
}

/** What changed from snapshot `a` to snapshot `b`, or to the live site when `b` is "live". */
export function compareSnapshots(site: Site, a: string, b: string | 'live'): SnapshotComparison {
  const opened: Database.Database[] = []
  const open = (name: string): Database.Database => {
    const db = site.openFile(snapshotPathOf(site.path, name), { readonly: true })
    opened.push(db)
    return db
  }
  try {
    const before = open(a)
    const after = b === 'live' ? site.raw : open(b)
    return { a, b: b === 'live' ? 'the live site' : b, sections: compareSites(before, after) }
  } finally {
    for (const db of opened) db.close()
  }
}

/** Copies a snapshot to `targetPath`, a file that must not exist yet (never the live site). */
export function restoreSnapshot(site: Pick<Site, 'path'>, name: string, targetPath: string): string {
  return restoreSnapshotTo(site.path, name, targetPath)
}

/** Throws not_found unless `name` is one of the site's snapshots. */
export function checkSnapshotExists(site: Pick<Site, 'path'>, name: string): void {
  snapshotPathOf(site.path, name)
}
