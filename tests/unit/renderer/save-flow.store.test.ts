// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSaveFlowStore } from '../../../src/renderer/src/stores/save-flow.store'
import { useNavigationStore } from '../../../src/renderer/src/stores/navigation.store'
import { useChangeSetStore } from '../../../src/renderer/src/stores/change-set.store'
import { commandForKey } from '../../../src/renderer/src/composables/use-shortcuts'
import { useAuthStore } from '../../../src/renderer/src/stores/auth.store'
import { installFakeApi, state } from './fake-api'

const preview = { ok: true as const, value: { entries: [{ entity: 'userGroup', id: 'new:1', label: '', action: 'create' as const, fields: [] }] } }

async function listsWithOneChange() {
  // A general administrator: the Navigator opens only sections the signed-in admin's rights open.
  useAuthStore().status = { needsSetup: false, signedIn: true, admin: { userId: 'ADMIN', fullName: 'Admin', rights: ['admin-all'] }, sitePath: '/site', isDemoSite: false }
  const navigation = useNavigationStore()
  navigation.goTo('lists')
  await useChangeSetStore('lists').stage({ entity: 'userGroup', id: 'new:1', values: { name: '' } })
  return navigation
}

describe('save flow', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('keeps the Save dialog open with the problems when main refuses the set', async () => {
    const problems = [{ path: 'userGroup:new:1.name', message: 'A new user group needs a name.' }]
    const { calls } = installFakeApi({
      'changes:stage': () => state(1),
      'changes:preview': () => preview,
      'changes:save': () => ({ ok: false, error: { code: 'validation_failed', message: 'Not saved.', problems } })
    })
    await listsWithOneChange()
    const flow = useSaveFlowStore()

    flow.openSave('lists')
    await flow.confirmSave()

    expect(flow.dialog).toBe('save')
    expect(flow.problems).toEqual(problems)
    expect(calls.filter((c) => c.channel === 'changes:cancel')).toEqual([])
  })

  it('asks before leaving a screen with changes, and Discard cancels then navigates', async () => {
    installFakeApi({ 'changes:stage': () => state(1), 'changes:cancel': () => state(0) })
    const navigation = await listsWithOneChange()
    const flow = useSaveFlowStore()

    await navigation.open('users')
    expect(flow.dialog).toBe('leave')
    expect(navigation.activeSection).toBe('lists')

    await flow.leaveWithDiscard()
    expect(flow.dialog).toBeNull()
    expect(navigation.activeSection).toBe('users')
  })

  it('Stay keeps the screen and its changes', async () => {
    installFakeApi({ 'changes:stage': () => state(1) })
    const navigation = await listsWithOneChange()
    const flow = useSaveFlowStore()

    await navigation.open('roles')
    flow.close()

    expect(navigation.activeSection).toBe('lists')
    expect(useChangeSetStore('lists').steps).toBe(1)
  })
})

describe('change-set shortcuts', () => {
  it('leaves Ctrl+Z to a text field but always takes Ctrl+S', () => {
    const input = document.createElement('input')
    document.body.append(input)
    const key = (init: KeyboardEventInit) => {
      const event = new KeyboardEvent('keydown', { ...init, bubbles: true })
      Object.defineProperty(event, 'target', { value: input })
      return event
    }
    expect(commandForKey(key({ key: 'z', ctrlKey: true }))).toBeNull()
    expect(commandForKey(key({ key: 's', ctrlKey: true }))).toBe('save')
    expect(commandForKey(new KeyboardEvent('keydown', { key: 'Z', ctrlKey: true, shiftKey: true }))).toBe('redo')
    expect(commandForKey(new KeyboardEvent('keydown', { key: 'y', metaKey: true }))).toBe('redo')
  })
})
