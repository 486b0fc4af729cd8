import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/open-core'
import { createPasswordHasher, verifyPassword } from '../../../src/main/core/auth/password'
import { checkPassword, describePolicy, parsePolicyString } from '../../../src/shared/domain/password-policy'
import { explainPermissions, combinedGroupLevel } from '../../../src/shared/domain/permission-explainer'
import { loginStatusOf } from '../../../src/shared/domain/user-login'
import { insertAssociates, planSeeds } from '../../../src/main/core/demo/associate-builders'
import type { AssociateListRow } from '../../../src/shared/domain/user'
import { employee, openUsersCore, stageAssociate, TEST_SCRYPT, value } from './users-support'

describe('password hashing and policy', () => {
  it('hashes with parameters in the string and verifies in constant time', async () => {
    const hasher = createPasswordHasher(TEST_SCRYPT)
    const a = await hasher.hash('correct horse 1')
    const b = await hasher.hash('correct horse 1')
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/)
    expect(a).not.toBe(b) // salted
    expect(await verifyPassword('correct horse 1', a)).toBe(true)
    expect(await verifyPassword('correct horse 2', a)).toBe(false)
    expect(await verifyPassword('x', 'garbage')).toBe(false)
  })
  it('the default policy wants 8 characters, a digit and a letter; parameters follow the reference', () => {
    expect(checkPassword('abcdefg1').ok).toBe(true)
    expect(checkPassword('abcdefgh').broken).toEqual(['MinNum'])
    expect(checkPassword('12345678').broken).toEqual(['letter'])
    expect(checkPassword('a1').broken).toEqual(['MinTotal'])
    expect(describePolicy()).toBe('A password needs at least 8 characters, 1 digit and 1 letter.')
    const policy = parsePolicyString('MinTotal=10;MinUC=1;MinSpec=1;Msg=Use a long pass phrase')
    expect(policy).toEqual({ MinTotal: 10, MinNum: 0, MinLC: 0, MinUC: 1, MinSpec: 1, Msg: 'Use a long pass phrase' })
    expect(checkPassword('longpassword', policy)).toMatchObject({ ok: false, broken: ['MinUC', 'MinSpec'], message: 'Use a long pass phrase' })
    expect(checkPassword('Long-password', policy).ok).toBe(true)
  })
})

describe('login status and the permission explainer', () => {
  const grants = (m: string) => ({ moduleName: m, ownerName: 'SUPEROFFICE', grants: true, until: null })
  it('needs can-log-in, not retired, a role, the user licence and a client licence', () => {
    expect(loginStatusOf({ userType: 'employee', canLogIn: true, retired: false, hasEmployeeRole: true, held: [grants('user'), grants('web')] }).canLogIn).toBe(true)
    expect(loginStatusOf({ userType: 'employee', canLogIn: false, retired: true, hasEmployeeRole: false, held: [grants('web')] }).reasons).toEqual(['retired', 'login-off', 'no-role', 'no-login-licence'])
    expect(loginStatusOf({ userType: 'employee', canLogIn: true, retired: false, hasEmployeeRole: true, held: [grants('user')] }).reasons).toEqual(['no-client-licence'])
    expect(loginStatusOf({ userType: 'employee', canLogIn: true, retired: false, hasEmployeeRole: true, held: [{ ...grants('user'), grants: false }, grants('windows')] }).reasons).toEqual(['login-licence-ended'])
  })
  it('explains levels per column with their source (hand-computed: User level 2 in Sales + Marketing)', () => {
    const rights = { 'dataRights.sale.own': 'delete', 'dataRights.sale.primary_group': 'delete', 'dataRights.sale.other_groups': 'update', 'dataRights.sale.other_associates': 'none' }
    const e = explainPermissions({ roleName: 'User level 2', roleType: 'employee', rights, primaryGroup: 'Sales', otherGroups: ['Marketing'], retired: false })
    const sale = e.rows.find((r) => r.object === 'sale')!.cells
    expect(sale.map((c) => [c.relation, c.level, c.applies])).toEqual([
      ['own', 'delete', true], ['primary_group', 'delete', true], ['other_groups', 'update', true],
      ['other_associates', 'none', true], ['external', 'none', true], ['anonymous', 'none', true]
    ])
    expect(sale[1].source).toBe('Role "User level 2", column Primary group (Sales)')
    expect(sale[2].source).toBe('Role "User level 2", column Other groups (Marketing)')
    expect(combinedGroupLevel(e, 'sale')).toBe('delete')
    const lonely = explainPermissions({ roleName: 'User level 2', roleType: 'employee', rights, primaryGroup: 'Sales', otherGroups: [], retired: false })
    expect(lonely.rows.find((r) => r.object === 'sale')!.cells[2].applies).toBe(false)
    expect(explainPermissions({ roleName: null, roleType: null, rights: {}, primaryGroup: null, otherGroups: [], retired: false }).notes[0]).toMatch(/no role/)
  })
})

describe('the explainer and the paged list over a real site', () => {
  let core: Core
  let cleanup: () => Promise<void>
  const COUNT = 3000
  beforeAll(async () => {
    ;({ core, cleanup } = await openUsersCore())
    const raw = core.site.raw
    const companyIds = raw.prepare('SELECT company_id FROM our_company').pluck().all() as number[]
    const groupIds = raw.prepare('SELECT user_group_id FROM user_group').pluck().all() as number[]
    raw.prepare("UPDATE licence SET total = 100000 WHERE kind = 'user'").run()
    const licences = [
      { moduleName: 'user', total: 2000, unrestricted: false, prerequisite: null },
      { moduleName: 'web', total: 800, unrestricted: false, prerequisite: 'user' },
      { moduleName: 'windows', total: 5, unrestricted: false, prerequisite: 'user' }
    ]
    insertAssociates(raw, planSeeds({ count: COUNT, companyIds, groupIds, roleIds: [1, 2, 3, 4, 5, 6], licences, bundles: [['user', 'web'], ['user', 'windows'], ['user'], []] }), '2026-01-01T00:00:00.000Z')
  }, 60_000)
  afterAll(async () => cleanup())

  type Page = { total: number; rows: AssociateListRow[] }
  const list = async (q: Record<string, unknown>) => value<Page>(await core.dispatch('users:list', q))
  const sql = (text: string, ...args: unknown[]) => core.site.raw.prepare(text).pluck().get(...args) as number

  it('pages, filters and sorts in main with totals that match SQL', async () => {
    const first = await list({ sort: 'userId', limit: 100 })
    expect(first.total).toBe(COUNT)
    expect(first.rows).toHaveLength(100)
    const ids = first.rows.map((r) => r.userId)
    expect(ids).toEqual([...ids].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')))
    const last = await list({ sort: 'userId', offset: COUNT - 10, limit: 100 })
    expect(last.rows).toHaveLength(10)
    const desc = await list({ sort: 'userId', direction: 'desc', limit: 1 })
    expect(desc.rows[0].userId).toBe(last.rows[9].userId)

    const company = String(sql('SELECT company_id FROM our_company ORDER BY company_id DESC LIMIT 1'))
    expect((await list({ companyId: company })).total).toBe(sql("SELECT count(*) FROM associate a JOIN person p USING (person_id) WHERE p.company_id = ? AND a.user_type = 'employee'", Number(company)))
    expect((await list({ licence: 'windows' })).total).toBe(5)
    expect((await list({ noLicence: true })).total).toBe(sql("SELECT count(*) FROM associate a WHERE user_type = 'employee' AND NOT EXISTS (SELECT 1 FROM licence_assignment la WHERE la.associate_id = a.associate_id)"))
    const canLogIn = await list({ onlyCanLogIn: true, limit: 500 })
    expect(canLogIn.total).toBe(
      sql(`SELECT count(*) FROM associate a WHERE a.user_type = 'employee' AND a.retired = 0 AND a.can_log_in = 1
        AND EXISTS (SELECT 1 FROM licence_assignment la JOIN licence l USING (licence_id) WHERE la.associate_id = a.associate_id AND l.module_name = 'user')
        AND EXISTS (SELECT 1 FROM licence_assignment la JOIN licence l USING (licence_id) WHERE la.associate_id = a.associate_id AND l.module_name IN ('web', 'windows'))`)
    )
    expect(canLogIn.rows.every((r) => r.login.canLogIn)).toBe(true)
    const search = await list({ search: 'user level 3', limit: 500 })
    expect(search.total).toBe(sql('SELECT count(*) FROM user_role WHERE role_id = 4'))
    const byRole = await list({ sort: 'role', limit: 500 })
    expect(byRole.rows.map((r) => r.role)).toEqual([...byRole.rows.map((r) => r.role)].sort())
  })

  it('overlays pending changes on the rows shown and includes pending new users', async () => {
    value(await stageAssociate(core, 'new:1', employee(core, 'AAAA-NEW', { licences: 'user,windows' })))
    const top = await list({ sort: 'userId', limit: 1 })
    expect(top.total).toBe(COUNT + 1)
    expect(top.rows[0]).toMatchObject({ userId: 'AAAA-NEW', status: 'new' })
    expect((await list({ licence: 'windows' })).total).toBe(6)
    const someone = (await list({ licence: 'windows' })).rows.find((r) => r.status === 'saved')!
    value(await stageAssociate(core, someone.id, { licences: 'user', lastName: 'Zzz-changed' }))
    expect((await list({ licence: 'windows' })).total).toBe(5)
    const changed = (await list({ sort: 'lastName', direction: 'desc', limit: 1 })).rows[0]
    expect(changed).toMatchObject({ id: someone.id, lastName: 'Zzz-changed', status: 'changed' })
    const explained = value<{ role: string; rows: Array<{ object: string; cells: Array<{ relation: string; level: string }> }> }>(await core.dispatch('users:explain', { id: someone.id }))
    expect(explained.rows).toHaveLength(11)
    value(await core.dispatch('changes:cancel', { screen: 'users' }))
  })
})
