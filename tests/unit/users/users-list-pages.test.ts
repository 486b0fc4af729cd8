import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/open-core'
import type { AssociateListRow } from '../../../src/shared/domain/user'
import { employee, openUsersCore, stageAssociate, value } from './users-support'

type Page = { total: number; rows: AssociateListRow[] }

/**
 * The list merges saved rows (walked by index) with pending ones (filtered and sorted once per
 * state, then cut to the page's head). Whatever the page size, paging must give the same rows in
 * the same order as one big page, for every sort, both directions and with a filter.
 */
describe('Users list: pages with pending rows add up to the whole list', () => {
  let core: Core
  let cleanup: () => Promise<void>

  beforeEach(async () => {
    ;({ core, cleanup } = await openUsersCore())
    for (let i = 0; i < 12; i++) {
      value(await stageAssociate(core, `new:${i + 1}`, employee(core, `S${String(i).padStart(2, '0')}`, { firstName: ['Ada', 'bo', 'Cy', 'åse'][i % 4] })))
    }
    value(await core.dispatch('changes:save', { screen: 'users' }))
    // Pending: new users that sort among the saved ones, and edits that move saved ones.
    for (let i = 0; i < 7; i++) value(await stageAssociate(core, `new:${100 + i}`, employee(core, `P${i}`, { firstName: ['ada', 'Bo', 'cy'][i % 3], lastName: `Nordmann S0${i}` })))
    const saved = value<Page>(await core.dispatch('users:list', { sort: 'userId', limit: 3 }))
    value(await stageAssociate(core, saved.rows[0].id, { lastName: 'Zz moved last' }))
  })
  afterEach(() => cleanup())

  for (const sort of ['userId', 'firstName', 'lastName', 'loginStatus'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`${sort} ${direction}`, async () => {
        for (const search of ['', 'nordmann s0']) {
          const whole = value<Page>(await core.dispatch('users:list', { sort, direction, search, limit: 500 }))
          const paged: string[] = []
          for (let offset = 0; offset < whole.total; offset += 4) {
            const page = value<Page>(await core.dispatch('users:list', { sort, direction, search, offset, limit: 4 }))
            expect(page.total).toBe(whole.total)
            paged.push(...page.rows.map((r) => r.id))
          }
          expect(paged).toEqual(whole.rows.map((r) => r.id))
          expect(whole.rows.some((r) => r.status === 'new')).toBe(true)
        }
      })
    }
  }
})
