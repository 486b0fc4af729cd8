// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useUserImportStore } from '../../../src/renderer/src/stores/user-import.store'
import { useNavigationStore } from '../../../src/renderer/src/stores/navigation.store'
import { useAuthStore } from '../../../src/renderer/src/stores/auth.store'
import { useAlertsStore } from '../../../src/renderer/src/stores/alerts.store'
import { installFakeApi } from './fake-api'

const TOKEN = '4f9a1c1e-8a53-4d1e-9a3e-0c2b6f0e9a11'
const loaded = {
  ok: true as const,
  value: { status: 'loaded', token: TOKEN, fileName: 'users.csv', separator: ';', rows: 25_000, columns: [{ index: 0, header: 'User ID', samples: [] }, { index: 1, header: 'Mail', samples: [] }], suggested: { userId: 0 } }
}
const USERS_STATE = { screen: 'users', steps: 1, canUndo: true, canRedo: false, pendingSince: null }
const summaryWith = (error: number) => ({ create: 25_000 - error, update: 0, unchanged: 0, error })

/** main's chunked check: 10,000 rows a call; the mapping with an e-mail column has no problems. */
function checkUsers(input: unknown) {
  const { from, mapping } = input as { from: number; mapping: Record<string, number> }
  const checked = Math.min(25_000, from + 10_000)
  const done = checked === 25_000
  return { ok: true as const, value: { checked, total: 25_000, done, summary: done ? summaryWith(mapping.email === undefined ? 2 : 0) : null, notices: [] } }
}

const preview = (input: unknown) => ({ ok: true as const, value: { total: 2, offset: (input as { offset: number }).offset, rows: [] } })

describe('Import store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useAuthStore().status = { needsSetup: false, signedIn: true, admin: { userId: 'ADMIN', fullName: 'Admin', rights: ['admin-all'] }, sitePath: '/site', isDemoSite: false }
  })

  it('drives the check a chunk per call, then opens the rows with problems and refuses to stage', async () => {
    const { calls } = installFakeApi({ 'import:chooseUsersFile': () => loaded, 'import:checkUsers': checkUsers, 'import:previewUsers': preview })
    const store = useUserImportStore()
    await store.chooseFile()
    expect(calls.filter((c) => c.channel === 'import:checkUsers').map((c) => (c.input as { from: number }).from)).toEqual([0, 10_000, 20_000])
    expect(store.checked).toBe(25_000)
    expect(store.summary).toEqual(summaryWith(2))
    expect(store.show).toBe('error')
    expect(calls.at(-1)).toEqual({ channel: 'import:previewUsers', input: { token: TOKEN, show: 'error', offset: 0, limit: 50 } })
    expect(store.canStage).toBe(false)
    expect(await store.stage()).toBe(false)
  })

  it('a mapping changed while a check runs starts over; the older run’s answers are dropped', async () => {
    // The first run's second chunk is held back until the admin has changed the mapping.
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let count = 0
    const gatedCheck = (input: unknown) => (++count === 2 ? gate.then(() => checkUsers(input)) : checkUsers(input)) as ReturnType<typeof checkUsers>
    const { calls } = installFakeApi({ 'import:chooseUsersFile': () => loaded, 'import:checkUsers': gatedCheck, 'import:previewUsers': preview })
    const store = useUserImportStore()
    const first = store.chooseFile()
    await vi.waitFor(() => expect(store.checked).toBe(10_000))
    const second = store.setColumn('email', 1)
    release()
    await Promise.all([first, second])
    expect(store.summary).toEqual(summaryWith(0))
    expect(store.show).toBe('all')
    expect(store.canStage).toBe(true)
    // The first run stopped after its second chunk; the new one began at row 0 with the new mapping.
    const checks = calls.filter((c) => c.channel === 'import:checkUsers').map((c) => c.input as { from: number; mapping: object })
    expect(checks.map((c) => [c.from, 'email' in c.mapping])).toEqual([
      [0, false],
      [10_000, false],
      [0, true],
      [10_000, true],
      [20_000, true]
    ])
  })

  it('Stage puts the rows on Users, opens the Users screen and forgets the file', async () => {
    installFakeApi({
      'import:chooseUsersFile': () => loaded,
      'import:checkUsers': checkUsers,
      'import:previewUsers': preview,
      'import:stageUsers': () => ({ ok: true, value: { created: 25_000, updated: 0, state: USERS_STATE } }),
      'import:closeUsersFile': () => ({ ok: true, value: { closed: true } }),
      'changes:state': () => ({ ok: true, value: USERS_STATE })
    })
    const store = useUserImportStore()
    await store.chooseFile()
    await store.setColumn('email', 1)
    expect(await store.stage()).toBe(true)
    expect(useNavigationStore().activeSection).toBe('users')
    expect(store.file).toBeNull()
    expect(useAlertsStore().alerts).toEqual([])
  })
})
