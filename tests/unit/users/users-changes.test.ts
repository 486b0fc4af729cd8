import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/open-core'
import type { Consequence, DiffEntry } from '../../../src/shared/domain/change-set'
import type { AssociateCard, AssociateListRow } from '../../../src/shared/domain/user'
import { dumpDatabase } from '../support/site-fixture'
import { employee, ids, openUsersCore, stageAssociate, stageCompany, stageOther, value } from './users-support'

describe('Users on the change-set engine', () => {
  let core: Core
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ core, cleanup } = await openUsersCore())
  })
  afterEach(async () => cleanup())

  const save = () => core.dispatch('changes:save', { screen: 'users' })
  const preview = async () => value<{ entries: DiffEntry[]; consequences: Consequence[] }>(await core.dispatch('changes:preview', { screen: 'users' }))
  const card = async (id: string) => value<AssociateCard>(await core.dispatch('users:get', { id }))
  const raw = () => core.site.raw
  const idOf = (userId: string) => raw().prepare('SELECT associate_id FROM associate WHERE user_id = ?').pluck().get(userId) as number
  /** Saves, expects a refusal, checks nothing was written; returns the messages. */
  const refused = async (): Promise<string[]> => {
    const before = dumpDatabase(raw())
    const result = await save()
    expect(result.ok).toBe(false)
    if (result.ok) return []
    expect(result.error.code).toBe('validation_failed')
    expect(dumpDatabase(raw())).toEqual(before)
    return (result.error.problems ?? []).map((p) => p.message)
  }
  const saveOk = async () => value(await save())

  it('creates a user with person, role, groups, licences and password in one Save', async () => {
    const i = ids(core)
    value(await stageAssociate(core, 'new:1', employee(core, 'KNOR', { email: 'kari@example.com', otherGroupIds: `${i.group2},${i.group3}`, licences: 'web,user', password: 'secret123' })))
    const { entries, consequences } = await preview()
    expect(entries[0].label).toBe('Kari Nordmann KNOR (KNOR)')
    const labels = entries[0].fields.map((f) => f.label)
    expect(labels).toEqual(expect.arrayContaining(['Role', 'Primary group', 'Licence: Standard CRM (web)', 'Licence: Login rights to SuperOffice CRM', 'Password']))
    expect(entries[0].fields.find((f) => f.label === 'Role')?.new).toBe('User level 2')
    expect(consequences.map((c) => c.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Standard CRM \(web\): 0 → 1 in use of 5/), 'Kari Nordmann KNOR (KNOR) gains the right to log in.']))
    await saveOk()
    const id = idOf('KNOR')
    expect(raw().prepare('SELECT role_id FROM user_role WHERE associate_id = ?').pluck().get(id)).toBe(3)
    expect(raw().prepare('SELECT count(*) FROM user_group_link WHERE associate_id = ?').pluck().get(id)).toBe(2)
    expect(raw().prepare('SELECT count(*) FROM licence_assignment WHERE associate_id = ?').pluck().get(id)).toBe(2)
    expect(raw().prepare('SELECT email FROM person p JOIN associate a USING (person_id) WHERE a.associate_id = ?').pluck().get(id)).toBe('kari@example.com')
    expect(String(raw().prepare('SELECT secret_hash FROM credential WHERE associate_id = ?').pluck().get(id))).toMatch(/^scrypt\$1024\$8\$1\$/)
    expect((await card(String(id))).login).toMatchObject({ canLogIn: true, reasons: [] })
  })

  it('refuses every rule breach at once and writes nothing', async () => {
    const i = ids(core)
    value(await stageAssociate(core, 'new:1', employee(core, 'DUP')))
    value(await stageAssociate(core, 'new:2', employee(core, 'dup')))
    value(await stageAssociate(core, 'new:3', { ...employee(core, 'X3'), roleId: '10' })) // external role
    value(await stageAssociate(core, 'new:4', { ...employee(core, 'X4'), roleId: null, primaryGroupId: null, companyId: null }))
    value(await stageAssociate(core, 'new:5', { ...employee(core, 'X5'), licences: 'web' })) // child without parent
    value(await stageAssociate(core, 'new:6', { ...employee(core, 'X6'), otherGroupIds: '99999', licences: 'nonexistent' }))
    raw().prepare('UPDATE user_group SET deleted = 1 WHERE user_group_id = ?').run(Number(i.group3))
    value(await stageAssociate(core, 'new:7', { ...employee(core, 'X7'), primaryGroupId: i.group3, retired: true, licences: 'user' }))
    const messages = await refused()
    const all = messages.join('\n')
    expect(all).toMatch(/two users with the user ID "dup"/i)
    expect(all).toMatch(/associates need an employee role/)
    expect(all).toMatch(/needs a role/)
    expect(all).toMatch(/needs a primary group/)
    expect(all).toMatch(/needs an owning company/)
    expect(all).toMatch(/Standard CRM \(web\), which needs Login rights/)
    expect(all).toMatch(/does not exist or is deleted/)
    expect(all).toMatch(/"nonexistent", which no valid licence owner provides/)
    expect(all).toMatch(/former employee and cannot hold licences/)
  })

  it('user IDs are unique case-insensitively across saved users, other users and Unicode case', async () => {
    value(await stageAssociate(core, 'new:1', employee(core, 'ÅSE')))
    await saveOk()
    value(await stageAssociate(core, 'new:2', employee(core, 'åse')))
    expect((await refused()).join()).toMatch(/two users with the user ID "åse"/)
    value(await core.dispatch('changes:cancel', { screen: 'users' }))
    value(await stageOther(core, 'new:1', { userId: 'Åse', userType: 'system' }))
    expect((await refused()).join()).toMatch(/two users/)
  })

  it('counts seats with the pending changes and names the licence, the numbers and the users', async () => {
    // web has 5 seats in the demo licence.
    for (let n = 1; n <= 6; n++) value(await stageAssociate(core, `new:${n}`, employee(core, `W${n}`, { licences: 'user,web' })))
    const overview = value<{ rows: Array<{ moduleName: string; inUse: number; free: number | null; overAssigned: boolean }> }>(await core.dispatch('users:licences', {}))
    expect(overview.rows.find((r) => r.moduleName === 'web')).toMatchObject({ inUse: 6, free: -1, overAssigned: true })
    const messages = await refused()
    expect(messages.join()).toMatch(/Standard CRM \(web\) \(web\): 6 would be in use but only 5 licensed; remove 1\. Given in this change set to: .*W1.*W6/)
    // Freeing one seat in the same set makes it fit.
    value(await stageAssociate(core, 'new:6', { licences: 'user' }))
    await saveOk()
    expect(raw().prepare("SELECT count(*) FROM licence_assignment la JOIN licence l USING (licence_id) WHERE l.module_name = 'web'").pluck().get()).toBe(5)
    // The card's counters include pending changes.
    value(await stageAssociate(core, String(idOf('W1')), { licences: 'user' }))
    const c = await card(String(idOf('W6')))
    const web = c.licenceOwners[0].restricted.find((l) => l.moduleName === 'web')!
    expect(web).toMatchObject({ inUse: 4, free: 1, enabled: true })
    expect(c.licenceOwners[0].unrestricted.map((l) => l.moduleName)).toContain('travel')
  })

  it('no new assignments after the owner expired; existing ones stay', async () => {
    value(await stageAssociate(core, 'new:1', employee(core, 'OLD', { licences: 'user,web' })))
    await saveOk()
    // Expire the owner in the signed file's eyes: move the clock instead (the file is signed).
    const { openTestCore, fixedClock } = await import('../support/site-fixture')
    void openTestCore
    void fixedClock
    const later = new Date('2028-06-01T00:00:00Z')
    const { ChangeSetEngine } = await import('../../../src/main/core/changes/change-set.engine')
    void ChangeSetEngine
    const core2 = await (await import('../../../src/main/core/open-core')).openCore({
      sitePath: core.site.path,
      create: false,
      clock: () => later,
      session: () => ({ actor: 't', rights: ['admin-all'] }),
      appInfo: { appVersion: '0', versions: {}, platform: 'x' },
      openExternal: async () => {},
      passwordHashing: { N: 1024, r: 8, p: 1, saltBytes: 16, keyBytes: 64 }
    })
    try {
      value(await core2.dispatch('changes:stage', { screen: 'users', change: { entity: 'associate', id: 'new:1', values: employee(core, 'NEW', { licences: 'user' }) } }))
      const result = await core2.dispatch('changes:save', { screen: 'users' })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.problems?.map((p) => p.message).join()).toMatch(/cannot be newly assigned .* has expired/)
      const old = value<AssociateCard>(await core2.dispatch('users:get', { id: String(idOf('OLD')) }))
      expect(old.login.reasons).toEqual(expect.arrayContaining(['login-licence-ended']))
    } finally {
      await core2.close()
    }
  })

  it('retire frees licences and login, keeps history; re-activate restores the flags', async () => {
    value(await stageAssociate(core, 'new:1', employee(core, 'RET', { licences: 'user,web' })))
    await saveOk()
    const id = String(idOf('RET'))
    const pre = value<{ options: Array<{ option: string; values: Record<string, unknown> }> }>(await core.dispatch('users:removalPreflight', { id }))
    value(await stageAssociate(core, id, pre.options.find((o) => o.option === 'mark-former')!.values))
    const { consequences } = await preview()
    expect(consequences.map((c) => c.message)).toEqual(expect.arrayContaining([expect.stringMatching(/Standard CRM \(web\): 1 → 0 in use .*1 freed/), expect.stringMatching(/RET\) loses the right to log in/)]))
    await saveOk()
    expect(raw().prepare('SELECT retired, can_log_in FROM associate WHERE associate_id = ?').get(Number(id))).toEqual({ retired: 1, can_log_in: 0 })
    expect(raw().prepare('SELECT p.retired FROM person p JOIN associate a USING (person_id) WHERE a.associate_id = ?').pluck().get(Number(id))).toBe(1)
    expect(raw().prepare('SELECT count(*) FROM licence_assignment WHERE associate_id = ?').pluck().get(Number(id))).toBe(0)
    expect((await card(id)).login.reasons).toEqual(expect.arrayContaining(['retired', 'login-off']))
    value(await stageAssociate(core, id, { retired: false, canLogIn: true, licences: 'user,web' }))
    await saveOk()
    expect((await card(id)).login.canLogIn).toBe(true)
  })

  it('Remove User: each option, with the pre-flight naming the last General administrator', async () => {
    value(await stageAssociate(core, 'new:1', employee(core, 'ADM', { roleId: '1', licences: 'user,web' })))
    value(await stageAssociate(core, 'new:2', employee(core, 'DEL1', { licences: 'user' })))
    value(await stageAssociate(core, 'new:3', employee(core, 'DEL2')))
    value(await stageAssociate(core, 'new:4', employee(core, 'LIC', { licences: 'user,web' })))
    await saveOk()
    const adm = String(idOf('ADM'))
    const pre = value<{ blockers: Array<{ code: string }>; options: Array<{ option: string; allowed: boolean }> }>(await core.dispatch('users:removalPreflight', { id: adm }))
    expect(pre.blockers.map((b) => b.code)).toEqual(['last-administrator'])
    expect(pre.options.map((o) => [o.option, o.allowed])).toEqual([
      ['remove-licences', true], ['mark-former', false], ['delete-associate', false], ['delete-associate-and-person', false]
    ])
    value(await stageAssociate(core, adm, { removal: 'delete-associate' }))
    expect((await refused()).join()).toMatch(/last General administrator/)
    value(await core.dispatch('changes:cancel', { screen: 'users' }))

    const del1 = idOf('DEL1')
    const person1 = raw().prepare('SELECT person_id FROM associate WHERE associate_id = ?').pluck().get(del1) as number
    const del2 = idOf('DEL2')
    const person2 = raw().prepare('SELECT person_id FROM associate WHERE associate_id = ?').pluck().get(del2) as number
    value(await stageAssociate(core, String(del1), { removal: 'delete-associate' }))
    value(await stageAssociate(core, String(del2), { removal: 'delete-associate-and-person' }))
    value(await stageAssociate(core, String(idOf('LIC')), { licences: '' }))
    const list = value<{ rows: AssociateListRow[] }>(await core.dispatch('users:list', { search: 'DEL' }))
    expect(list.rows.map((r) => r.removal)).toEqual(['delete-associate', 'delete-associate-and-person'])
    await saveOk()
    expect(idOf('DEL1')).toBeUndefined()
    expect(raw().prepare('SELECT count(*) FROM person WHERE person_id = ?').pluck().get(person1)).toBe(1)
    expect(raw().prepare('SELECT count(*) FROM person WHERE person_id = ?').pluck().get(person2)).toBe(0)
    expect(raw().prepare('SELECT user_id FROM associate_history ORDER BY user_id').pluck().all()).toEqual(['DEL1', 'DEL2'])
    expect(raw().prepare('SELECT count(*) FROM licence_assignment WHERE associate_id = ?').pluck().get(idOf('LIC'))).toBe(0)
  })

  it('clone copies role, groups, company and licences with a seat check; move changes company', async () => {
    const i = ids(core)
    value(await stageAssociate(core, 'new:1', employee(core, 'SRC', { roleId: '4', otherGroupIds: i.group2, licences: 'user,web,windows,travel' })))
    await saveOk()
    const src = String(idOf('SRC'))
    const prev = value<{ copies: { role: string; licences: string[]; otherGroups: string[] }; seats: Array<{ moduleName: string; freeNow: number; fits: boolean }>; suggestedUserId: string }>(
      await core.dispatch('users:clonePreview', { sourceId: src, firstName: 'Ola', lastName: 'Hansen' })
    )
    expect(prev.copies.role).toBe('User level 3')
    expect(prev.copies.otherGroups).toEqual(['Sales'])
    expect(prev.seats.find((s) => s.moduleName === 'web')).toMatchObject({ freeNow: 4, fits: true })
    expect(prev.seats.map((s) => s.moduleName)).not.toContain('travel') // unrestricted: no counter
    expect(prev.suggestedUserId).toBe('OHAN')
    const cloned = value<{ id: string }>(await core.dispatch('users:clone', { sourceId: src, firstName: 'Ola', lastName: 'Hansen' }))
    expect(cloned.id).toBe('new:1')
    // Move the source to the other company in the same set.
    value(await stageAssociate(core, src, { companyId: i.companyB }))
    const { consequences } = await preview()
    expect(consequences.find((c) => c.kind === 'company')?.message).toMatch(/SRC\) moves from Nordlys Consulting AS to Nordlys Consulting AB/)
    await saveOk()
    const clone = idOf('OHAN')
    expect(raw().prepare('SELECT role_id FROM user_role WHERE associate_id = ?').pluck().get(clone)).toBe(4)
    expect(raw().prepare('SELECT count(*) FROM licence_assignment WHERE associate_id = ?').pluck().get(clone)).toBe(4)
    expect(raw().prepare('SELECT company_id FROM person p JOIN associate a USING (person_id) WHERE a.associate_id = ?').pluck().get(Number(src))).toBe(Number(i.companyB))
    expect(raw().prepare('SELECT person_id FROM associate WHERE associate_id = ?').pluck().get(clone)).not.toBe(raw().prepare('SELECT person_id FROM associate WHERE associate_id = ?').pluck().get(Number(src)))
  })

  it('our companies: add existing, create new, refuse removing one with users or the database owner', async () => {
    const i = ids(core)
    value(await stageAssociate(core, 'new:1', employee(core, 'B1', { companyId: i.companyB })))
    await saveOk()
    raw().prepare("INSERT INTO company (name, created_at, updated_at) VALUES ('Partner Ltd', 'x', 'x')").run()
    const hits = value<{ rows: Array<{ id: string; isOurCompany: boolean }> }>(await core.dispatch('users:findCompanies', { text: 'part', match: 'startsWith' }))
    expect(hits.rows).toHaveLength(1)
    value(await stageCompany(core, hits.rows[0].id, { member: true }))
    value(await stageCompany(core, 'new:1', { name: 'Offline AS', city: 'Bergen' }))
    value(await stageAssociate(core, 'new:1', employee(core, 'OFF', { companyId: 'new:1' })))
    value(await stageCompany(core, i.companyB, { member: false }))
    value(await stageCompany(core, i.companyA, { member: false }))
    const companies = value<{ rows: Array<{ name: string; associates: number; deleteBlockedReason: string | null }> }>(await core.dispatch('users:ourCompanies', {}))
    expect(companies.rows.find((c) => c.name === 'Offline AS')?.associates).toBe(1)
    const messages = (await refused()).join('\n')
    expect(messages).toMatch(/Nordlys Consulting AB still has 1 associate/)
    expect(messages).toMatch(/Nordlys Consulting AS owns this database/)
    value(await stageCompany(core, i.companyB, { member: true }))
    value(await stageCompany(core, i.companyA, { member: true }))
    await saveOk()
    const offline = raw().prepare("SELECT company_id FROM company WHERE name = 'Offline AS'").pluck().get() as number
    expect(raw().prepare('SELECT company_id FROM person p JOIN associate a USING (person_id) WHERE a.user_id = ?').pluck().get('OFF')).toBe(offline)
    expect(raw().prepare('SELECT count(*) FROM our_company').pluck().get()).toBe(4)
  })

  it('other users need Expander Services and are written as system/anonymous users', async () => {
    value(await stageOther(core, 'new:1', { userId: 'ERP', userType: 'system', description: 'ERP sync', password: 'integration1' }))
    await saveOk()
    const rows = value<{ available: boolean; rows: Array<{ userId: string; hasPassword: boolean }> }>(await core.dispatch('users:otherUsers', {}))
    expect(rows).toMatchObject({ available: true, rows: [{ userId: 'ERP', hasPassword: true }] })
    raw().prepare("DELETE FROM licence WHERE module_name = 'expander-services'").run()
    // Totals come from the verified file, so deleting the row changes nothing: rules read the signed file.
    expect(value<{ available: boolean }>(await core.dispatch('users:otherUsers', {})).available).toBe(true)
  })

  it('a failure while applying rolls everything back and keeps the pending set', async () => {
    value(await stageAssociate(core, 'new:1', employee(core, 'OK1', { licences: 'user' })))
    value(await stageAssociate(core, 'new:2', employee(core, 'BOOM')))
    raw().exec("CREATE TRIGGER boom BEFORE INSERT ON associate WHEN NEW.user_id = 'BOOM' BEGIN SELECT RAISE(ABORT, 'injected'); END")
    const before = dumpDatabase(raw())
    const result = await save()
    expect(result.ok).toBe(false)
    expect(dumpDatabase(raw())).toEqual(before)
    expect(value<{ steps: number }>(await core.dispatch('changes:state', { screen: 'users' })).steps).toBe(2)
  })

  it('the plain password never reaches pending_change, audit_entry or any channel output', async () => {
    const secret = 'Plaintext-Secret-42'
    value(await stageAssociate(core, 'new:1', employee(core, 'PWD', { password: secret, licences: 'user,web' })))
    const outputs: unknown[] = []
    outputs.push(await preview())
    outputs.push(await core.dispatch('users:list', {}))
    outputs.push(await core.dispatch('users:get', { id: 'new:1' }))
    expect(JSON.stringify(raw().prepare('SELECT * FROM pending_change').all())).not.toContain(secret)
    await saveOk()
    const id = String(idOf('PWD'))
    value(await stageAssociate(core, id, { password: `${secret}-2` }))
    outputs.push(await preview(), await core.dispatch('users:get', { id }), await core.dispatch('users:explain', { id }), await core.dispatch('users:removalPreflight', { id }))
    await saveOk()
    const everything = JSON.stringify([outputs, dumpDatabase(raw())])
    expect(everything).not.toContain(secret)
    const hash = String(raw().prepare('SELECT secret_hash FROM credential').pluck().get())
    expect(JSON.stringify(outputs)).not.toContain(hash.split('$')[5])
    expect(String(raw().prepare('SELECT changes FROM audit_entry ORDER BY audit_entry_id DESC').pluck().get())).toContain('"new":"changed"')
    // A weak password is refused when staged, and a hash cannot be staged directly.
    expect(value.bind(null, await stageAssociate(core, id, { password: 'short' }))).toThrow(/at least 8 characters/)
    const direct = await stageAssociate(core, id, { passwordHash: 'scrypt$1$1$1$AA==$AA==' })
    expect(direct.ok).toBe(false)
  })
})
