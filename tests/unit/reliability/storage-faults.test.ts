import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import { storageErrorOf } from '../../../src/main/core/db/storage-errors'
import { reportFailure, EXIT } from '../../../src/main/cli/cli-io'
import { dumpDatabase, makeTempDir, openTestCore } from '../support/site-fixture'
import { expectFailure, expectOk, saveGroups, stageRenames } from './reliability-support'

/** An error shaped like better-sqlite3's SqliteError (its class is not exported for construction). */
function sqliteError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'SqliteError', code })
}

describe('disk full during Save (SQLITE_FULL injected through the driver: PRAGMA max_page_count)', () => {
  let cleanup: () => void
  let core: Core
  beforeEach(async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    core = await openTestCore(join(temp.dir, 'site.smsite'))
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  it('fails with a clear message; nothing is applied and the pending set is intact; Save works once there is room', async () => {
    await saveGroups(core, 50)
    await stageRenames(core, 'Renamed')
    const before = dumpDatabase(core.site.raw)
    const statesBefore = expectOk(await core.dispatch('changes:state', { screen: 'lists' }))

    // The site may not grow by a single page: the audit entry of 50 renames needs several.
    const pages = Number(core.site.raw.pragma('page_count', { simple: true }))
    core.site.raw.pragma(`max_page_count = ${pages}`)

    const error = expectFailure(await core.dispatch('changes:save', { screen: 'lists' }), 'storage_failed')
    expect(error.message).toMatch(/disk is full/)
    expect(error.message).toMatch(/Nothing was saved and your pending changes are kept; free some disk space and Save again/)
    expect(core.site.raw.inTransaction).toBe(false)
    expect(dumpDatabase(core.site.raw)).toEqual(before)
    expect(expectOk(await core.dispatch('changes:state', { screen: 'lists' }))).toEqual(statesBefore)

    core.site.raw.pragma(`max_page_count = ${pages * 100}`)
    expect(expectOk<{ savedEntries: number }>(await core.dispatch('changes:save', { screen: 'lists' })).savedEntries).toBe(50)
    expect(core.site.raw.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('staging into a full site fails the same way and stages nothing', async () => {
    await saveGroups(core, 5)
    const before = dumpDatabase(core.site.raw)
    core.site.raw.pragma(`max_page_count = ${Number(core.site.raw.pragma('page_count', { simple: true }))}`)
    let failure = null
    // Pages have some free room: stage until the file would have to grow.
    for (let i = 0; i < 500 && !failure; i++) {
      const result = await core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id: `new:${i + 1}`, values: { name: `N${i}`, tooltip: 'x'.repeat(200) } } })
      if (!result.ok) failure = result
    }
    expect(failure).not.toBeNull()
    expectFailure(failure!, 'storage_failed')
    expect(dumpDatabase(core.site.raw).user_group).toEqual(before.user_group)
  })
})

describe('SQLite errors an admin can act on are mapped, others are not', () => {
  it.each([
    ['SQLITE_FULL', 'storage_failed', /disk is full/],
    ['SQLITE_IOERR_WRITE', 'storage_failed', /disk or network share reported an error/],
    ['SQLITE_IOERR_FSYNC', 'storage_failed', /check the disk or share/],
    ['SQLITE_READONLY', 'storage_failed', /could not be read or written/],
    ['SQLITE_BUSY', 'site_busy', /in use by another program.*try again when it is closed/],
    ['SQLITE_BUSY_SNAPSHOT', 'site_busy', /in use by another program/],
    ['SQLITE_LOCKED', 'site_busy', /in use by another program/],
    ['SQLITE_CORRUPT', 'site_corrupt', /damaged.*snapshot/],
    ['SQLITE_NOTADB', 'site_corrupt', /damaged/]
  ])('%s → %s', (sqliteCode, code, message) => {
    const mapped = storageErrorOf(sqliteError(sqliteCode, 'x'))
    expect(mapped?.code).toBe(code)
    expect(mapped?.message).toMatch(message)
  })

  it('constraint errors and non-SQLite errors stay unmapped (they are bugs: dispatch reports internal)', () => {
    expect(storageErrorOf(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'x'))).toBeNull()
    expect(storageErrorOf(new Error('boom'))).toBeNull()
    expect(storageErrorOf('SQLITE_FULL')).toBeNull()
  })

  it('the CLI exits 3 for a busy or damaged site and 1 for a full disk, printing no stack', () => {
    const lines: string[] = []
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) }
    expect(reportFailure(sqliteError('SQLITE_BUSY', 'database is locked'), io)).toBe(EXIT.siteUnusable)
    expect(reportFailure(sqliteError('SQLITE_CORRUPT', 'malformed'), io)).toBe(EXIT.siteUnusable)
    expect(reportFailure(sqliteError('SQLITE_FULL', 'full'), io)).toBe(EXIT.refused)
    expect(lines.join('\n')).not.toMatch(/\n\s+at /)
  })
})
