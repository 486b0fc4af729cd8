import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import type { Session } from '../../../src/main/core/session'
import { listFunctionalRights } from '../../../src/main/core/services/role.service'
import type { FunctionalRightRow } from '../../../src/shared/domain/role'
import { makeTempDir, openTestCore } from '../support/site-fixture'
import { stageRole, value } from './role-support'

describe('Roles channels and rights', () => {
  let cleanup: () => void
  let core: Core
  let session: Session
  beforeEach(async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    session = { actor: 'test:admin', rights: ['admin-all'] }
    core = await openTestCore(join(temp.dir, 'rights.smsite'), { session: () => session })
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  const calls: Array<[string, unknown]> = [
    ['roles:list', { roleType: 'employee' }],
    ['roles:get', { id: '3' }],
    ['roles:functionalRights', {}],
    ['changes:state', { screen: 'roles' }],
    ['changes:stage', { screen: 'roles', change: { entity: 'role', id: '3', values: { name: 'X' } } }],
    ['changes:preview', { screen: 'roles' }],
    ['changes:save', { screen: 'roles' }],
    ['changes:cancel', { screen: 'roles' }]
  ]

  it('refuses every Roles call to a session without admin-role', async () => {
    session = { actor: 'test:lists', rights: ['admin-lists', 'admin-users'] }
    for (const [channel, input] of calls) {
      const result = await core.dispatch(channel, input)
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'not_allowed', message: expect.stringContaining('admin-role') } })
    }
    expect(core.site.raw.prepare("SELECT count(*) FROM pending_change WHERE screen = 'roles'").pluck().get()).toBe(0)
  })

  it('lets a role administrator (admin-role only) use them, outputs matching the contract', async () => {
    session = { actor: 'test:roles', rights: ['admin-role'] }
    for (const [channel, input] of calls) {
      const result = await core.dispatch(channel, input)
      expect(result.ok, `${channel}: ${JSON.stringify(result)}`).toBe(true)
    }
  })

  it('a role change staged on another screen is refused', async () => {
    const result = await core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'role', id: '3', values: { name: 'X' } } })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('roles:get refuses a role that does not exist', async () => {
    expect(await core.dispatch('roles:get', { id: '999' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await stageRole(core, '999', { name: 'X' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('roles:get shows the columns and rights of the role\'s type', async () => {
    const external = value<{ relations: string[]; functionalRights: Array<{ id: string }> }>(await core.dispatch('roles:get', { id: '10' }))
    expect(external.relations).toEqual(['own', 'my_company', 'same_project'])
    expect(external.functionalRights.every((r) => r.id.startsWith('ext-'))).toBe(true)
    const anonymous = value<{ relations: string[]; functionalRights: unknown[] }>(await core.dispatch('roles:get', { id: '11' }))
    expect(anonymous.relations).toEqual(['own', 'other_associates', 'external', 'anonymous'])
    expect(anonymous.functionalRights).toEqual([])
  })

  it('the catalogue marks rights whose required licence the site lacks', async () => {
    const rows = value<{ rows: FunctionalRightRow[] }>(await core.dispatch('roles:functionalRights', {})).rows
    expect(rows).toHaveLength(42)
    expect(rows.find((r) => r.id === 'admin-quote')).toMatchObject({ requiredLicence: 'quote', licenceHeld: false })
    expect(rows.find((r) => r.id === 'admin-users')).toMatchObject({ requiredLicence: null, licenceHeld: true })
    const withQuote = await listFunctionalRights(core.site.db, ['quote'])
    expect(withQuote.find((r) => r.id === 'admin-quote')?.licenceHeld).toBe(true)
    expect(withQuote.find((r) => r.id === 'admin-saint-regeneration')?.licenceHeld).toBe(false)
  })
})
