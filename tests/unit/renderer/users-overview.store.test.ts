// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { MEMBERS_PAGE_SIZE, lastPageIfPast, useUsersOverviewStore } from '../../../src/renderer/src/stores/users-overview.store'
import { installFakeApi } from './fake-api'

/** A holders list of `total()` people, paged as main pages it. */
function holdersOf(total: () => number) {
  return (input: unknown) => {
    const { moduleName, offset, limit } = input as { moduleName: string; offset: number; limit: number }
    const ids = Array.from({ length: Math.max(0, Math.min(limit, total() - offset)) }, (_, i) => String(offset + i + 1))
    return { ok: true as const, value: { moduleName, total: total(), holders: ids.map((id) => ({ id, userId: `U${id}`, fullName: `User ${id}` })) } }
  }
}

describe('Users → User licences / User groups: pages', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('knows where the last page starts only when the page shown is past the end', () => {
    expect(lastPageIfPast(0, 0)).toBeNull()
    expect(lastPageIfPast(50, 0)).toBe(0)
    expect(lastPageIfPast(50, 51)).toBeNull()
    expect(lastPageIfPast(50, 50)).toBe(0)
    expect(lastPageIfPast(100, 51)).toBe(50)
    expect(lastPageIfPast(150, 100)).toBe(50)
    expect(lastPageIfPast(10, 3, 5)).toBe(0)
  })

  it('shows the last page instead of an empty one when a reload finds fewer holders', async () => {
    let total = 120
    const { calls } = installFakeApi({ 'users:licenceHolders': holdersOf(() => total) })
    const store = useUsersOverviewStore()
    store.selectedModule = 'web'
    await store.loadHolders(2 * MEMBERS_PAGE_SIZE)
    expect(store.holders.items.map((h) => h.id)[0]).toBe('101')

    total = 60 // a Save took 60 holders away
    await store.loadHolders()
    expect(store.holders).toMatchObject({ total: 60, offset: MEMBERS_PAGE_SIZE })
    expect(store.holders.items.map((h) => h.id)).toEqual(Array.from({ length: 10 }, (_, i) => String(51 + i)))
    expect(calls.map((c) => (c.input as { offset: number }).offset)).toEqual([100, 100, 50])
  })

  it('does the same for a group’s members', async () => {
    let total = 75
    installFakeApi({
      'users:groupMembers': (input) => {
        const { groupId, offset, limit } = input as { groupId: string; offset: number; limit: number }
        const n = Math.max(0, Math.min(limit, total - offset))
        return { ok: true as const, value: { groupId, total, members: Array.from({ length: n }, (_, i) => ({ id: String(offset + i + 1), userId: `U${offset + i + 1}`, fullName: '', membership: 'other' as const })) } }
      }
    })
    const store = useUsersOverviewStore()
    store.selectedGroupId = '7'
    await store.loadMembers(MEMBERS_PAGE_SIZE)
    expect(store.members.items).toHaveLength(25)
    total = 0
    await store.loadMembers()
    expect(store.members).toEqual({ total: 0, offset: 0, items: [] })
  })
})
