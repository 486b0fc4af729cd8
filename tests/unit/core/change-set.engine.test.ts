import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { ChangeSetEngine } from '../../../src/main/core/changes/change-set.engine'
import { userGroupKind } from '../../../src/main/core/changes/user-group.kind'
import type { EntityKind } from '../../../src/main/core/changes/entity-kind'
import { AUDIT_GENESIS_HASH, auditRowHash } from '../../../src/main/core/services/audit.service'
import type { Core } from '../../../src/main/core/open-core'
import type { Change, Screen } from '../../../src/shared/domain/change-set'
import { AppError } from '../../../src/shared/ipc/result'
import { FIXED_NOW, adminSession, dumpDatabase, fixedClock, makeTempDir, openTestCore } from '../support/site-fixture'

const LISTS: Screen = 'lists'
const group = (id: string, values: Extract<Change, { entity: 'userGroup' }>['values']): Change => ({ entity: 'userGroup', id, values })

function tableRows(raw: Database.Database, table: 'user_group' | 'pending_change' | 'audit_entry'): unknown[] {
  const order = table === 'pending_change' ? 'screen, seq' : 'rowid'
  return raw.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all()
}

function groups(raw: Database.Database): Array<{ user_group_id: number; name: string; tooltip: string; rank: number; deleted: number }> {
  return raw.prepare('SELECT user_group_id, name, tooltip, rank, deleted FROM user_group ORDER BY user_group_id').all() as never
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error
  )
}

describe('change-set engine', () => {
  let dir: string
  let cleanup: () => void
  let core: Core
  let path: string

  /** Saves two groups directly through the engine: Sales (id 1) and Support (id 2). */
  async function seed(): Promise<void> {
    await core.engine.stage(LISTS, group('new:1', { name: 'Sales', tooltip: 'Sellers', rank: 1 }))
    await core.engine.stage(LISTS, group('new:2', { name: 'Support', rank: 2 }))
    await core.engine.save(LISTS, 'seed')
  }

  beforeEach(async () => {
    ;({ dir, cleanup } = makeTempDir())
    path = join(dir, 'site.smsite')
    core = await openTestCore(path)
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  it('starts empty', async () => {
    expect(await core.engine.state(LISTS)).toEqual({ screen: 'lists', steps: 0, canUndo: false, canRedo: false, pendingSince: null })
    expect(await core.engine.preview(LISTS)).toEqual([])
    expect(await core.engine.screensWithChanges()).toEqual([])
  })

  it('stage records numbered steps with the clock time', async () => {
    expect(await core.engine.stage(LISTS, group('new:1', { name: 'A' }))).toEqual({
      screen: 'lists',
      steps: 1,
      canUndo: true,
      canRedo: false,
      pendingSince: FIXED_NOW
    })
    await core.engine.stage(LISTS, group('new:1', { rank: 4 }))
    const rows = tableRows(core.site.raw, 'pending_change') as Array<{ seq: number; change: string; undone: number; staged_at: string }>
    expect(rows.map((r) => [r.seq, JSON.parse(r.change), r.undone, r.staged_at])).toEqual([
      [1, group('new:1', { name: 'A' }), 0, FIXED_NOW],
      [2, group('new:1', { rank: 4 }), 0, FIXED_NOW]
    ])
    expect(await core.engine.screensWithChanges()).toEqual(['lists'])
    // Nothing reaches the real table before Save.
    expect(groups(core.site.raw)).toEqual([])
  })

  it('undo / redo step through the set; a new stage clears redo', async () => {
    await core.engine.stage(LISTS, group('new:1', { name: 'A' }))
    await core.engine.stage(LISTS, group('new:1', { name: 'B' }))
    await core.engine.stage(LISTS, group('new:1', { name: 'C' }))
    const name = async (): Promise<unknown> => (await core.engine.merged(LISTS, 'userGroup', true))[0]?.merged.name

    expect(await core.engine.undo(LISTS)).toMatchObject({ steps: 2, canUndo: true, canRedo: true })
    expect(await name()).toBe('B')
    expect(await core.engine.undo(LISTS)).toMatchObject({ steps: 1, canUndo: true, canRedo: true })
    expect(await name()).toBe('A')
    expect(await core.engine.redo(LISTS)).toMatchObject({ steps: 2, canRedo: true })
    expect(await name()).toBe('B')

    // A new step drops "C", which could otherwise have been redone.
    expect(await core.engine.stage(LISTS, group('new:1', { name: 'D' }))).toMatchObject({ steps: 3, canUndo: true, canRedo: false })
    expect(await name()).toBe('D')
    expect(await core.engine.redo(LISTS)).toMatchObject({ steps: 3, canRedo: false })
    expect(await name()).toBe('D')
    const changes = (tableRows(core.site.raw, 'pending_change') as Array<{ change: string }>).map((r) => JSON.parse(r.change).values.name)
    expect(changes).toEqual(['A', 'B', 'D'])

    // Undo everything: the set is empty again, but can be redone; undo past the start is a no-op.
    await core.engine.undo(LISTS)
    await core.engine.undo(LISTS)
    expect(await core.engine.undo(LISTS)).toEqual({ screen: 'lists', steps: 0, canUndo: false, canRedo: true, pendingSince: null })
    expect(await core.engine.undo(LISTS)).toMatchObject({ steps: 0, canRedo: true })
    expect(await core.engine.preview(LISTS)).toEqual([])
    expect(await core.engine.screensWithChanges()).toEqual([])
    expect(await core.engine.redo(LISTS)).toMatchObject({ steps: 1 })
    expect(await name()).toBe('A')
  })

  it('preview: a create shows old null; an update shows old → new; a rename and back shows nothing', async () => {
    await seed()
    await core.engine.stage(LISTS, group('new:1', { name: 'Finance', rank: 3 }))
    await core.engine.stage(LISTS, group('1', { name: 'Sales and marketing' }))
    await core.engine.stage(LISTS, group('2', { name: 'Helpdesk' }))
    await core.engine.stage(LISTS, group('2', { name: 'Support' }))
    await core.engine.stage(LISTS, group('2', { rank: 2 })) // the saved value: no change either

    const entries = await core.engine.preview(LISTS)
    expect(entries).toEqual([
      {
        entity: 'userGroup',
        id: '1',
        label: 'Sales and marketing',
        action: 'update',
        fields: [{ field: 'name', old: 'Sales', new: 'Sales and marketing' }]
      },
      {
        entity: 'userGroup',
        id: 'new:1',
        label: 'Finance',
        action: 'create',
        fields: [
          { field: 'name', old: null, new: 'Finance' },
          { field: 'tooltip', old: null, new: '' },
          { field: 'rank', old: null, new: 3 },
          { field: 'deleted', old: null, new: false }
        ]
      }
    ])
  })

  it('save writes the rows, an audit entry chained by hash, and clears the set', async () => {
    await core.engine.stage(LISTS, group('new:1', { name: 'Sales', tooltip: 'Sellers', rank: 1 }))
    await core.engine.stage(LISTS, group('new:2', { name: 'Support', rank: 2 }))
    const preview = await core.engine.preview(LISTS)

    expect(await core.engine.save(LISTS, 'test:admin')).toEqual({ savedEntries: 2, auditEntryId: 1 })
    expect(core.site.raw.prepare('SELECT * FROM user_group ORDER BY user_group_id').all()).toEqual([
      { user_group_id: 1, name: 'Sales', tooltip: 'Sellers', rank: 1, deleted: 0, group_type: 'department', created_at: FIXED_NOW, updated_at: FIXED_NOW },
      { user_group_id: 2, name: 'Support', tooltip: '', rank: 2, deleted: 0, group_type: 'department', created_at: FIXED_NOW, updated_at: FIXED_NOW }
    ])
    expect(tableRows(core.site.raw, 'pending_change')).toEqual([])
    expect(await core.engine.state(LISTS)).toMatchObject({ steps: 0, canUndo: false, canRedo: false })

    const [first] = tableRows(core.site.raw, 'audit_entry') as Array<Record<string, string | number>>
    expect(first).toMatchObject({ audit_entry_id: 1, occurred_at: FIXED_NOW, actor: 'test:admin', screen: 'lists', action: 'save', summary: '2 rows saved' })
    expect(JSON.parse(first.changes as string)).toEqual(preview)
    expect(first.prev_hash).toBe(AUDIT_GENESIS_HASH)
    expect(first.row_hash).toBe(auditRowHash(AUDIT_GENESIS_HASH, first as never))
    expect(first.row_hash).toMatch(/^[0-9a-f]{64}$/)

    // A second save chains to the first.
    await core.engine.stage(LISTS, group('2', { tooltip: 'Helpdesk' }))
    expect(await core.engine.save(LISTS, 'test:other')).toEqual({ savedEntries: 1, auditEntryId: 2 })
    const [, second] = tableRows(core.site.raw, 'audit_entry') as Array<Record<string, string>>
    expect(second.prev_hash).toBe(first.row_hash)
    expect(second.row_hash).toBe(auditRowHash(first.row_hash as string, second as never))
    expect(second.summary).toBe('1 row saved')
    expect(JSON.parse(second.changes)).toEqual([
      { entity: 'userGroup', id: '2', label: 'Support', action: 'update', fields: [{ field: 'tooltip', old: '', new: 'Helpdesk' }] }
    ])
    // Editing an earlier row breaks the chain: its stored hash no longer matches its content.
    core.site.raw.prepare("UPDATE audit_entry SET actor = 'someone else' WHERE audit_entry_id = 1").run()
    const tampered = tableRows(core.site.raw, 'audit_entry')[0] as Record<string, string>
    expect(auditRowHash(AUDIT_GENESIS_HASH, tampered as never)).not.toBe(tampered.row_hash)
  })

  it('save with nothing effective writes no audit entry and clears the set', async () => {
    await seed()
    await core.engine.stage(LISTS, group('1', { name: 'Other' }))
    await core.engine.stage(LISTS, group('1', { name: 'Sales' }))
    const audit = tableRows(core.site.raw, 'audit_entry')
    expect(await core.engine.save(LISTS, 'x')).toEqual({ savedEntries: 0, auditEntryId: null })
    expect(tableRows(core.site.raw, 'audit_entry')).toEqual(audit)
    expect(tableRows(core.site.raw, 'pending_change')).toEqual([])
  })

  it('cancel discards the set and leaves the data untouched', async () => {
    await seed()
    const before = dumpDatabase(core.site.raw)
    await core.engine.stage(LISTS, group('1', { name: 'Renamed' }))
    await core.engine.stage(LISTS, group('new:1', { name: 'New' }))
    await core.engine.undo(LISTS)
    expect(await core.engine.cancel(LISTS)).toEqual({ screen: 'lists', steps: 0, canUndo: false, canRedo: false, pendingSince: null })
    expect(dumpDatabase(core.site.raw)).toEqual(before)
  })

  it('the pending set (including undone steps) survives closing and reopening the site', async () => {
    await seed()
    await core.engine.stage(LISTS, group('1', { name: 'Renamed' }))
    await core.engine.stage(LISTS, group('new:1', { name: 'New' }))
    await core.engine.stage(LISTS, group('2', { deleted: true }))
    await core.engine.undo(LISTS)
    const preview = await core.engine.preview(LISTS)
    await core.close()

    core = await openTestCore(path, { create: false })
    expect(await core.engine.state(LISTS)).toEqual({ screen: 'lists', steps: 2, canUndo: true, canRedo: true, pendingSince: FIXED_NOW })
    expect(await core.engine.preview(LISTS)).toEqual(preview)
    expect(await core.engine.screensWithChanges()).toEqual(['lists'])
    await core.engine.redo(LISTS)
    await core.engine.save(LISTS, 'after restart')
    expect(groups(core.site.raw).map((g) => [g.name, g.deleted])).toEqual([
      ['Renamed', 0],
      ['Support', 1],
      ['New', 0]
    ])
  })

  it('staging an update of a row that does not exist → not_found, nothing staged', async () => {
    await seed()
    const error = await rejection(core.engine.stage(LISTS, group('999', { name: 'Ghost' })))
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('not_found')
    expect(tableRows(core.site.raw, 'pending_change')).toEqual([])
    // The same through dispatch.
    const result = await core.dispatch('changes:stage', { screen: 'lists', change: group('999', { name: 'Ghost' }) })
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('staging a change on a screen it does not belong to → invalid_input, nothing staged', async () => {
    const error = await rejection(core.engine.stage('users' as Screen, group('new:1', { name: 'Wrong screen' })))
    expect((error as AppError).code).toBe('invalid_input')
    expect(tableRows(core.site.raw, 'pending_change')).toEqual([])
    const unknownKind = await rejection(core.engine.stage(LISTS, { entity: 'gizmo', id: 'new:1', values: { name: 'x' } } as unknown as Change))
    expect((unknownKind as AppError).code).toBe('invalid_input')
    const empty = await rejection(core.engine.stage(LISTS, group('new:1', {})))
    expect((empty as AppError).code).toBe('invalid_input')
    expect(tableRows(core.site.raw, 'pending_change')).toEqual([])
  })

  it('a staged edit of a row deleted since is skipped, not resurrected', async () => {
    await seed()
    await core.engine.stage(LISTS, group('2', { name: 'Helpdesk' }))
    core.site.raw.prepare('DELETE FROM user_group WHERE user_group_id = 2').run()
    expect(await core.engine.preview(LISTS)).toEqual([])
    expect(await core.engine.save(LISTS, 'x')).toEqual({ savedEntries: 0, auditEntryId: null })
    expect(groups(core.site.raw).map((g) => g.name)).toEqual(['Sales'])
  })

  describe('save is atomic', () => {
    let before: { groups: unknown[]; pending: unknown[]; audit: unknown[] }

    beforeEach(async () => {
      await seed()
      await core.engine.stage(LISTS, group('new:1', { name: 'Finance', rank: 3 }))
      await core.engine.stage(LISTS, group('1', { name: 'Sales and marketing' }))
      await core.engine.stage(LISTS, group('2', { name: 'Helpdesk', deleted: true }))
      await core.engine.stage(LISTS, group('new:2', { name: 'IT', rank: 4 }))
      before = snapshot()
    })

    function snapshot(): { groups: unknown[]; pending: unknown[]; audit: unknown[] } {
      return {
        groups: tableRows(core.site.raw, 'user_group'),
        pending: tableRows(core.site.raw, 'pending_change'),
        audit: tableRows(core.site.raw, 'audit_entry')
      }
    }

    it('when a kind’s apply fails after its first write', async () => {
      let writes = 0
      const failing: EntityKind = {
        ...userGroupKind,
        async apply(trx, rows, clock) {
          await userGroupKind.apply(trx, rows.slice(0, 1), clock)
          writes++
          throw new Error('apply failed half-way')
        }
      }
      const engine = new ChangeSetEngine(core.site.db, [failing], fixedClock)
      const error = await rejection(engine.save(LISTS, 'x'))
      expect((error as Error).message).toBe('apply failed half-way')
      expect(writes).toBe(1)
      expect(snapshot()).toEqual(before)
      // The set is intact and the real engine still saves it.
      expect(await core.engine.save(LISTS, 'x')).toEqual({ savedEntries: 4, auditEntryId: 2 })
      expect(groups(core.site.raw).map((g) => g.name)).toEqual(['Sales and marketing', 'Helpdesk', 'Finance', 'IT'])
    })

    it('when a kind’s validate throws part-way', async () => {
      const failing: EntityKind = {
        ...userGroupKind,
        async validate(db, rows) {
          await userGroupKind.validate.call(this, db, rows)
          throw new Error('validator crashed')
        }
      }
      const engine = new ChangeSetEngine(core.site.db, [failing], fixedClock)
      expect(((await rejection(engine.save(LISTS, 'x'))) as Error).message).toBe('validator crashed')
      expect(snapshot()).toEqual(before)
    })

    it('when validation finds problems (validation_failed, with the problems)', async () => {
      await core.engine.stage(LISTS, group('new:3', { name: 'finance' }))
      before = snapshot()
      const error = (await rejection(core.engine.save(LISTS, 'x'))) as AppError
      expect(error.code).toBe('validation_failed')
      expect(error.problems?.map((p) => p.path).sort()).toEqual(['userGroup:new:1.name', 'userGroup:new:3.name'])
      expect(snapshot()).toEqual(before)
    })

    it('when the database fails half-way (a trigger aborts the audit insert)', async () => {
      core.site.raw.exec("CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_entry BEGIN SELECT RAISE(ABORT, 'audit log is full'); END;")
      const onUnexpectedError = vi.fn()
      const guarded = await openTestCore(path, { create: false, onUnexpectedError })
      try {
        const result = await guarded.dispatch('changes:save', { screen: 'lists' })
        expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
        expect(JSON.stringify(result)).toContain('audit log is full')
        expect(onUnexpectedError).toHaveBeenCalledOnce()
      } finally {
        await guarded.close()
      }
      expect(snapshot()).toEqual(before)
      core.site.raw.exec('DROP TRIGGER audit_refuses')
      expect(await core.engine.save(LISTS, 'x')).toMatchObject({ savedEntries: 4 })
    })

    it('when the database refuses a row half-way (a trigger aborts the second insert)', async () => {
      core.site.raw.exec(
        "CREATE TRIGGER no_it BEFORE INSERT ON user_group WHEN NEW.name = 'IT' BEGIN SELECT RAISE(ABORT, 'no IT'); END;"
      )
      const error = await rejection(core.engine.save(LISTS, 'x'))
      expect(String((error as Error).message)).toContain('no IT')
      expect(snapshot()).toEqual(before)
    })
  })

  it('two screens keep separate sets', async () => {
    // Only one screen has kinds in this issue; a second set name still must not mix with it.
    await core.engine.stage(LISTS, group('new:1', { name: 'A' }))
    const other = 'zz-other' as Screen
    expect(await core.engine.state(other)).toMatchObject({ steps: 0 })
    await core.engine.cancel(other)
    expect(await core.engine.state(LISTS)).toMatchObject({ steps: 1 })
    expect(adminSession.rights).toContain('admin-all')
  })
})
