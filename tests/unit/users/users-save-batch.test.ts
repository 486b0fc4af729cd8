import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/open-core'
import type { DiffEntry } from '../../../src/shared/domain/change-set'
import type { AssociateCard, AssociateListRow } from '../../../src/shared/domain/user'
import { employee, ids, openUsersCore, stageAssociate, stageCompany, stageOther, value } from './users-support'

/**
 * Save writes the changed associates set-based (one statement per kind of write over all rows,
 * issue 8): several users changing different things in one set must each end up exactly as staged.
 */
describe('Save of many existing users at once', () => {
  let core: Core
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ core, cleanup } = await openUsersCore())
  })
  afterEach(async () => cleanup())

  const save = async () => value(await core.dispatch('changes:save', { screen: 'users' }))
  const card = async (id: string) => value<AssociateCard>(await core.dispatch('users:get', { id }))
  const idOf = (userId: string) => String(core.site.raw.prepare('SELECT associate_id FROM associate WHERE user_id = ?').pluck().get(userId))

  it('applies field, role, group and licence changes of several rows together', async () => {
    const i = ids(core)
    value(await stageAssociate(core, 'new:1', employee(core, 'AAA', { otherGroupIds: i.group2, licences: 'user,web' })))
    value(await stageAssociate(core, 'new:2', employee(core, 'BBB', { licences: 'user' })))
    value(await stageAssociate(core, 'new:3', employee(core, 'CCC', { otherGroupIds: `${i.group2},${i.group3}` })))
    await save()
    const [a, b, c] = ['AAA', 'BBB', 'CCC'].map(idOf)
    const assignedAt = core.site.raw.prepare("SELECT assigned_at FROM licence_assignment la JOIN licence l USING (licence_id) WHERE la.associate_id = ? AND l.module_name = 'user'").pluck()
    const userSince = assignedAt.get(Number(a))

    value(await stageAssociate(core, a, { firstName: 'Anna', phone: '+47 1', otherGroupIds: i.group3, licences: 'user' }))
    value(await stageAssociate(core, b, { lastName: 'Berg', roleId: '4', primaryGroupId: i.group2, licences: 'user,web', companyId: i.companyB, userId: 'BBB2' }))
    value(await stageAssociate(core, c, { email: 'c@example.com', otherGroupIds: '', canLogIn: false }))
    await save()

    expect(await card(a)).toMatchObject({ firstName: 'Anna', phone: '+47 1', otherGroupIds: [i.group3], licences: ['user'] })
    expect(await card(b)).toMatchObject({ lastName: 'Berg', roleId: '4', primaryGroupId: i.group2, companyId: i.companyB, userId: 'BBB2' })
    expect([...(await card(b)).licences].sort()).toEqual(['user', 'web'])
    expect(await card(c)).toMatchObject({ email: 'c@example.com', otherGroupIds: [], canLogIn: false })
    // A licence kept through the change keeps the day it was assigned.
    expect(assignedAt.get(Number(a))).toBe(userSince)

    // The list sees every change (its keys follow the writes through triggers).
    const list = value<{ rows: AssociateListRow[] }>(await core.dispatch('users:list', { sort: 'userId', limit: 10 }))
    const row = (id: string) => list.rows.find((r) => r.id === id)
    expect(row(a)).toMatchObject({ firstName: 'Anna', licences: ['user'] })
    expect(row(b)).toMatchObject({ userId: 'BBB2', lastName: 'Berg', role: 'User level 3' })
    expect(row(c)?.login.canLogIn).toBe(false)
    const found = value<{ total: number; rows: AssociateListRow[] }>(await core.dispatch('users:list', { licence: 'web', limit: 10 }))
    expect(found.rows.map((r) => r.id)).toEqual([b])
    expect(found.total).toBe(1)
  })

  it('records in the audit exactly the diff the preview showed, for a set touching every user kind', async () => {
    // Save merges the set once and answers the kinds' reads of their siblings from it: the
    // diff it records must be the one the confirmation dialog built from its own reads.
    const i = ids(core)
    value(await stageAssociate(core, 'new:1', employee(core, 'AAA', { licences: 'user,web' })))
    value(await stageAssociate(core, 'new:2', employee(core, 'BBB', { otherGroupIds: i.group2 })))
    await save()
    const [a, b] = ['AAA', 'BBB'].map(idOf)
    value(await stageCompany(core, 'new:1', { name: 'Offline AS', city: 'Bergen' }))
    value(await stageAssociate(core, a, { firstName: 'Anna', licences: 'user', companyId: 'new:1' }))
    value(await stageAssociate(core, b, { otherGroupIds: `${i.group2},${i.group3}`, primaryGroupId: i.group2 }))
    value(await stageAssociate(core, b, { phone: '+47 2' }))
    value(await stageAssociate(core, 'new:2', employee(core, 'CCC')))
    value(await stageOther(core, 'new:1', { userId: 'ERP', userType: 'system', description: 'ERP sync' }))
    const preview = value<{ entries: DiffEntry[] }>(await core.dispatch('changes:preview', { screen: 'users' }))
    expect(preview.entries.map((e) => e.entity)).toEqual(['ourCompany', 'associate', 'associate', 'associate', 'otherUser'])

    const outcome = (await save()) as { savedEntries: number; auditEntryId: number }
    expect(outcome.savedEntries).toBe(5)
    const audit = core.site.raw.prepare('SELECT changes FROM audit_entry WHERE audit_entry_id = ?').pluck().get(outcome.auditEntryId) as string
    expect(JSON.parse(audit)).toEqual(preview.entries)
  })

  it('refuses a user ID taken by a pending row of the other user kind', async () => {
    value(await stageAssociate(core, 'new:1', employee(core, 'Sync')))
    value(await stageOther(core, 'new:1', { userId: 'SYNC', userType: 'system' }))
    const result = await core.dispatch('changes:save', { screen: 'users' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.problems?.map((p) => p.path).sort()).toEqual(['associate:new:1.userId', 'otherUser:new:1.userId'])
    expect(core.site.raw.prepare("SELECT count(*) FROM associate WHERE user_id IN ('Sync', 'SYNC')").pluck().get()).toBe(0)
  })
})
