import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/open-core'
import { insertAssociates, type AssociateSeed } from '../../../src/main/core/demo/associate-builders'
import { decodeList } from '../../../src/shared/domain/user'
import { employee, ids, openUsersCore, stageAssociate, value } from './users-support'

interface Member {
  id: string
  userId: string
  fullName: string
  membership?: 'primary' | 'other'
}
type HoldersPage = { total: number; holders: Member[] }
type MembersPage = { total: number; members: Member[] }

/** SQLite's NOCASE for the IDs used here (ASCII folded only; others by code point, all in the BMP). */
const nocase = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase())
const byUserId = (a: { userId: string; tie: number }, b: { userId: string; tie: number }): number => {
  const x = nocase(a.userId)
  const y = nocase(b.userId)
  return x < y ? -1 : x > y ? 1 : a.tie - b.tie
}
const nameOf = (...parts: Array<string | null | undefined>): string => parts.filter(Boolean).join(' ')
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/**
 * The lists worked out the straightforward way (what the two channels did before they paged in
 * SQL): every saved holder or member of any user type, the pending set laid over them, sorted.
 */
async function reference(core: Core, source: { licence: string } | { group: string }): Promise<Member[]> {
  const raw = core.site.raw
  const rows = new Map<string, Member & { tie: number }>()
  if ('licence' in source) {
    const saved = raw
      .prepare(
        `SELECT a.associate_id AS id, a.user_id, p.first_name, p.middle_name, p.last_name FROM licence_assignment la JOIN licence l USING (licence_id)
         JOIN associate a USING (associate_id) LEFT JOIN person p ON p.person_id = a.person_id WHERE l.module_name = ?`
      )
      .all(source.licence) as Array<{ id: number; user_id: string; first_name: string | null; middle_name: string | null; last_name: string | null }>
    for (const r of saved) rows.set(String(r.id), { id: String(r.id), tie: r.id, userId: r.user_id, fullName: nameOf(r.first_name, r.middle_name, r.last_name) })
  } else {
    const g = Number(source.group)
    const saved = raw
      .prepare(
        `SELECT a.associate_id AS id, a.user_id, p.first_name, p.middle_name, p.last_name,
                CASE WHEN a.user_type = 'employee' AND a.primary_group_id = ? THEN 'primary' ELSE 'other' END AS membership
         FROM associate a LEFT JOIN person p ON p.person_id = a.person_id
         WHERE (a.user_type = 'employee' AND a.primary_group_id = ?) OR EXISTS (SELECT 1 FROM user_group_link l WHERE l.associate_id = a.associate_id AND l.user_group_id = ?)`
      )
      .all(g, g, g) as Array<{ id: number; user_id: string; first_name: string | null; middle_name: string | null; last_name: string | null; membership: 'primary' | 'other' }>
    for (const r of saved) rows.set(String(r.id), { id: String(r.id), tie: r.id, userId: r.user_id, fullName: nameOf(r.first_name, r.middle_name, r.last_name), membership: r.membership })
  }
  let newIndex = 0
  for (const r of await core.engine.merged('users', 'associate', false)) {
    const tie = r.saved ? Number(r.id) : 1e12 + ++newIndex
    rows.delete(r.id)
    const v = r.merged
    if ((v.removal ?? null) !== null) continue
    const row = { id: r.id, tie, userId: str(v.userId), fullName: nameOf(str(v.firstName), str(v.middleName), str(v.lastName)) }
    if ('licence' in source) {
      if (decodeList(v.licences).includes(source.licence)) rows.set(r.id, row)
    } else if (str(v.primaryGroupId) === source.group) rows.set(r.id, { ...row, membership: 'primary' })
    else if (decodeList(v.otherGroupIds).includes(source.group)) rows.set(r.id, { ...row, membership: 'other' })
  }
  return [...rows.values()].sort(byUserId).map(({ tie: _tie, ...m }) => m)
}

/** Every page of a list at `size`, concatenated, each page's total checked against `expected`. */
async function allPages(read: (offset: number, limit: number) => Promise<{ total: number; rows: Member[] }>, size: number, expected: number): Promise<Member[]> {
  const rows: Member[] = []
  for (let offset = 0; offset < expected + size; offset += size) {
    const page = await read(offset, size)
    expect(page.total).toBe(expected)
    expect(page.rows.length).toBe(Math.max(0, Math.min(size, expected - offset)))
    rows.push(...page.rows)
  }
  return rows
}

const SIZES = [1, 2, 3, 5, 8, 13, 50, 1000]

describe('User licences and User groups: pages add up to the whole list, pending rows included', () => {
  let core: Core
  let cleanup: () => Promise<void>
  let byUserId: Map<string, string>
  let group1: string
  let group2: string

  const holders = (moduleName: string) => async (offset: number, limit: number) => {
    const page = value<HoldersPage>(await core.dispatch('users:licenceHolders', { moduleName, offset, limit }))
    return { total: page.total, rows: page.holders }
  }
  const members = (groupId: string) => async (offset: number, limit: number) => {
    const page = value<MembersPage>(await core.dispatch('users:groupMembers', { groupId, offset, limit }))
    return { total: page.total, rows: page.members }
  }

  async function expectListsRight(): Promise<void> {
    for (const licence of ['user', 'web', 'travel', 'marketing']) {
      const whole = await reference(core, { licence })
      for (const size of SIZES) expect(await allPages(holders(licence), size, whole.length), `${licence} by ${size}`).toEqual(whole)
    }
    for (const group of [group1, group2]) {
      const whole = await reference(core, { group })
      for (const size of SIZES) expect(await allPages(members(group), size, whole.length), `group ${group} by ${size}`).toEqual(whole)
    }
  }

  beforeEach(async () => {
    ;({ core, cleanup } = await openUsersCore())
    const i = ids(core)
    group1 = i.group1
    group2 = i.group2
    const raw = core.site.raw
    // Saved users written directly (more holders than the demo licence's seats allow to Save),
    // with user IDs whose NOCASE order differs from both a binary and a Unicode collator's.
    const userIds = ['adam', 'Bea', 'bob', 'CARL', 'c_d', 'c-d', 'cd', 'Dag', 'eva', 'Éva', 'Finn', 'gro', 'Hal', 'ida', 'Jo', 'kai', 'Liv', 'mia', 'Nils', 'Ola', 'Åse', 'ørjan', 'zed', 'Zoe']
    const seeds: AssociateSeed[] = userIds.map((userId, n) => ({
      firstName: ['Kari', 'Ola', ''][n % 3] ?? '',
      lastName: `Holder ${n}`,
      email: '',
      phone: '',
      companyId: Number(i.companyA),
      userId,
      roleId: 3,
      primaryGroupId: Number(n % 3 === 0 ? i.group2 : i.group1),
      otherGroupIds: n % 4 === 0 ? [Number(i.group1)] : n % 5 === 0 ? [Number(i.group2), Number(i.group3)] : [],
      licences: n % 7 === 3 ? [] : n % 2 === 0 ? ['user', 'web'] : ['user', 'windows', ...(n % 3 === 1 ? ['travel'] : [])],
      canLogIn: true,
      retired: false
    }))
    insertAssociates(raw, seeds, new Date().toISOString())
    // A system user with a user licence and an other group: not in associate_list, still listed.
    const now = new Date().toISOString()
    const system = Number(raw.prepare("INSERT INTO associate (user_id, user_type, description, can_log_in, created_at, updated_at) VALUES ('Sys-int', 'system', '', 1, ?, ?)").run(now, now).lastInsertRowid)
    raw.prepare("INSERT INTO licence_assignment (licence_id, associate_id, assigned_at) SELECT licence_id, ?, ? FROM licence WHERE module_name = 'user'").run(system, now)
    raw.prepare('INSERT INTO user_group_link (associate_id, user_group_id) VALUES (?, ?)').run(system, Number(i.group1))
    byUserId = new Map((raw.prepare("SELECT user_id, associate_id FROM associate WHERE user_type = 'employee'").all() as Array<{ user_id: string; associate_id: number }>).map((r) => [r.user_id, String(r.associate_id)]))
  })
  afterEach(() => cleanup())

  const idOf = (userId: string): string => {
    const id = byUserId.get(userId)
    if (id === undefined) throw new Error(`no ${userId}`)
    return id
  }

  it('without pending changes', async () => {
    expect((await reference(core, { licence: 'user' })).length).toBeGreaterThan(15)
    expect((await reference(core, { licence: 'user' })).map((m) => m.userId)).toContain('Sys-int')
    await expectListsRight()
  })

  it('with gains, losses, new and removed users, renames and primary ↔ other group switches staged', async () => {
    const i = ids(core)
    // Licences: gain (held none), lose (held user and web), a new holder, a removed holder, a rename that moves a holder.
    value(await stageAssociate(core, idOf('CARL'), { licences: 'user,marketing' }))
    value(await stageAssociate(core, idOf('bob'), { licences: '' }))
    value(await stageAssociate(core, 'new:1', employee(core, 'Cb', { licences: 'user,web', primaryGroupId: i.group2, otherGroupIds: i.group1 })))
    value(await stageAssociate(core, 'new:2', employee(core, 'zz-new', { licences: 'user', primaryGroupId: i.group2 })))
    value(await stageAssociate(core, 'new:3', employee(core, 'AAA', { licences: 'user,marketing', primaryGroupId: i.group1 })))
    value(await stageAssociate(core, idOf('eva'), { removal: 'delete-associate' }))
    value(await stageAssociate(core, idOf('adam'), { userId: 'Yann' }))
    // Groups: primary → other, other → primary, leaving an other group, an untouched field change.
    value(await stageAssociate(core, idOf('Bea'), { primaryGroupId: i.group2, otherGroupIds: i.group1 }))
    value(await stageAssociate(core, idOf('Jo'), { primaryGroupId: i.group1, otherGroupIds: '' }))
    value(await stageAssociate(core, idOf('ida'), { otherGroupIds: '' }))
    value(await stageAssociate(core, idOf('kai'), { firstName: 'Kai' }))

    const user = await reference(core, { licence: 'user' })
    const ids1 = user.map((m) => m.userId)
    expect(ids1).toEqual(expect.arrayContaining(['CARL', 'Cb', 'zz-new', 'AAA', 'Yann']))
    expect(ids1).not.toContain('bob')
    expect(ids1).not.toContain('eva')
    expect(ids1).not.toContain('adam')
    const g1 = await reference(core, { group: i.group1 })
    expect(g1.find((m) => m.userId === 'Bea')?.membership).toBe('other')
    expect(g1.find((m) => m.userId === 'Jo')?.membership).toBe('primary')
    expect(g1.find((m) => m.userId === 'Cb')?.membership).toBe('other')
    await expectListsRight()
  })

  it('after a Save the lists and their totals follow the saved rows (no count kept from before)', async () => {
    await expectListsRight()
    value(await stageAssociate(core, idOf('bob'), { licences: 'user' }))
    value(await stageAssociate(core, idOf('Jo'), { primaryGroupId: group1, otherGroupIds: group2 }))
    await expectListsRight()
    value(await core.dispatch('changes:save', { screen: 'users' }))
    expect((await reference(core, { licence: 'web' })).map((m) => m.userId)).not.toContain('bob')
    await expectListsRight()
  })

  it('a large pending set: pages stay exact across saved and pending rows', async () => {
    const prefixes = ['b', 'F', 'm', 'Ø']
    for (let n = 0; n < 60; n++) {
      const userId = `${prefixes[n % 4] ?? ''}${String(n).padStart(2, '0')}`
      value(await stageAssociate(core, `new:${n + 10}`, employee(core, userId, { licences: n % 2 ? 'user' : 'user,web', otherGroupIds: n % 3 ? '' : group2 })))
    }
    for (const userId of ['Hal', 'Liv', 'Nils']) value(await stageAssociate(core, idOf(userId), { licences: 'user,web,marketing', primaryGroupId: group2 }))
    await expectListsRight()
  })
})
