import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { allEntityKinds } from '../../../src/main/core/changes/kinds'
import type { UserDeps } from '../../../src/main/core/changes/user-context'
import type { Core } from '../../../src/main/core/open-core'
import { changeSchema } from '../../../src/shared/domain/change-set'
import { dumpDatabase, makeTempDir, openTestCore } from '../support/site-fixture'

/**
 * Reading the pending set back (issue 8): a stored change with the shape the engine stores is
 * taken as it is, anything else goes through changeSchema as before.
 */
describe('change-set engine: reading stored changes', () => {
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

  /** Stores a change the way a hand edit of the site file would, bypassing stage. */
  const storeByHand = (change: unknown): void => {
    const seq = Number(core.site.raw.prepare("SELECT coalesce(max(seq), 0) + 1 FROM pending_change WHERE screen = 'lists'").pluck().get())
    core.site.raw.prepare("INSERT INTO pending_change (screen, seq, change, staged_at) VALUES ('lists', ?, ?, '2026-11-23T10:00:00Z')").run(seq, JSON.stringify(change))
  }

  it('saves a change stored in the shape stage stores, as if it had been staged', async () => {
    storeByHand({ entity: 'userGroup', id: 'new:1', values: { name: 'Sales', rank: 3 } })
    const saved = await core.dispatch('changes:save', { screen: 'lists' })
    expect(saved.ok).toBe(true)
    expect(core.site.raw.prepare('SELECT name, rank, deleted FROM user_group').all()).toEqual([{ name: 'Sales', rank: 3, deleted: 0 }])
  })

  it.each([
    ['a value of the wrong type', { entity: 'userGroup', id: 'new:1', values: { name: 'Sales', rank: 'high' } }, /rank/],
    ['a field the kind does not have', { entity: 'userGroup', id: 'new:1', values: { name: 'Sales', colour: 'red' } }, /colour/],
    ['a bad row id', { entity: 'userGroup', id: 'first', values: { name: 'Sales' } }, /row id/],
    ['an unknown kind', { entity: 'printer', id: 'new:1', values: { name: 'Sales' } }, /entity/]
  ])('refuses a hand-edited change with %s through the full schema, writing nothing', async (_, change, message) => {
    storeByHand(change)
    const before = dumpDatabase(core.site.raw)
    const saved = await core.dispatch('changes:save', { screen: 'lists' })
    expect(saved.ok).toBe(false)
    if (!saved.ok) expect(saved.error.message).toMatch(message)
    expect(dumpDatabase(core.site.raw)).toEqual(before)
  })

  it('does not check a hand-edited value of the right type against the schema again; the database still refuses it whole', async () => {
    // The schema's finer rules (here: rank not negative) ran when the change was staged; a value
    // edited into the file by hand afterwards meets the table's own CHECK, and nothing is written.
    storeByHand({ entity: 'userGroup', id: 'new:1', values: { name: 'Sales' } })
    storeByHand({ entity: 'userGroup', id: 'new:2', values: { name: 'Support', rank: -1 } })
    const before = dumpDatabase(core.site.raw)
    const saved = await core.dispatch('changes:save', { screen: 'lists' })
    expect(saved.ok).toBe(false)
    if (!saved.ok) expect(saved.error.message).toMatch(/nothing was written/)
    expect(dumpDatabase(core.site.raw)).toEqual(before)
  })
})

describe('entity kinds: defaults', () => {
  // The engine takes a stored field's value as it is when it has the type of the kind's default
  // for that field (hasStoredShape): every default must therefore be a value its schema accepts.
  it.each(allEntityKinds({} as UserDeps).map((kind) => [kind.entity, kind] as const))('%s: every default is a value the change schema accepts', (_, kind) => {
    const change = { entity: kind.entity, id: kind.entity === 'passwordPolicy' ? '1' : 'new:1', values: kind.defaults }
    expect(changeSchema.parse(change)).toEqual(change)
  })
})
