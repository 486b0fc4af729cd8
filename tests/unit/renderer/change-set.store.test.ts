// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useChangeSetStore } from '../../../src/renderer/src/stores/change-set.store'
import { ApiError } from '../../../src/renderer/src/api/client'
import { nextNewId } from '../../../src/renderer/src/stores/user-groups.store'
import { installFakeApi, state } from './fake-api'

describe('change-set store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('stages through changes:stage with its screen and reports the new state', async () => {
    const { calls } = installFakeApi({ 'changes:stage': () => state(1) })
    const changes = useChangeSetStore('lists')
    const revision = changes.revision

    await changes.stage({ entity: 'userGroup', id: 'new:1', values: { name: 'Sales' } })

    expect(calls).toEqual([{ channel: 'changes:stage', input: { screen: 'lists', change: { entity: 'userGroup', id: 'new:1', values: { name: 'Sales' } } } }])
    expect(changes.steps).toBe(1)
    expect(changes.canUndo).toBe(true)
    expect(changes.revision).toBe(revision + 1)
  })

  it('runs quick successive undos one after another, in order', async () => {
    let steps = 2
    const { calls } = installFakeApi({ 'changes:undo': () => state((steps = Math.max(0, steps - 1)), true) })
    const changes = useChangeSetStore('lists')

    await Promise.all([changes.undo(), changes.undo()])

    expect(calls.map((c) => c.channel)).toEqual(['changes:undo', 'changes:undo'])
    expect(changes.steps).toBe(0)
    expect(changes.canRedo).toBe(true)
  })

  it('turns a refused save into an ApiError with the problems and leaves its state alone', async () => {
    const problems = [{ path: 'userGroup:new:1.name', message: 'A new user group needs a name.' }]
    installFakeApi({
      'changes:stage': () => state(1),
      'changes:save': () => ({ ok: false, error: { code: 'validation_failed', message: 'Not saved.', problems } })
    })
    const changes = useChangeSetStore('lists')
    await changes.stage({ entity: 'userGroup', id: 'new:1', values: { name: '' } })

    const error = await changes.save().catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'validation_failed', problems })
    expect(changes.steps).toBe(1)
    // A failed call must not block the queue for the next one.
    installFakeApi({ 'changes:cancel': () => state(0) })
    await changes.cancel()
    expect(changes.steps).toBe(0)
  })

  it('gives a new row the next unused "new:N" id', () => {
    expect(nextNewId([])).toBe('new:1')
    expect(nextNewId([{ id: '7' }, { id: 'new:2' }, { id: 'new:5' }])).toBe('new:6')
  })
})
