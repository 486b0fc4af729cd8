import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import type { Change } from '../../../src/shared/domain/change-set'
import { AppError } from '../../../src/shared/ipc/result'
import { makeTempDir, openTestCore } from '../support/site-fixture'

/** `stageMany`: a CSV import or a provisioning file is one step that one Undo takes back. */
const group = (id: string, name: string): Change => ({ entity: 'userGroup', id, values: { name } })

describe('change-set engine: staging a batch as one step', () => {
  let cleanup: () => void
  let core: Core

  beforeEach(async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    core = await openTestCore(join(temp.dir, 'site.smsite'))
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  it('stores many changes as one step; undo and redo move the whole batch', async () => {
    const batch = Array.from({ length: 500 }, (_, i) => group(`new:${i + 1}`, `Group ${i + 1}`))
    const state = await core.engine.stageMany('lists', batch)
    expect(state.steps).toBe(1)
    expect(await core.engine.preview('lists')).toHaveLength(500)

    await core.engine.stage('lists', group('new:501', 'One more'))
    expect((await core.engine.state('lists')).steps).toBe(2)
    await core.engine.undo('lists')
    await core.engine.undo('lists')
    expect(await core.engine.preview('lists')).toEqual([])
    await core.engine.redo('lists')
    expect(await core.engine.preview('lists')).toHaveLength(500)

    expect((await core.engine.save('lists', 'test')).savedEntries).toBe(500)
  })

  it('refuses the whole batch when one change is wrong, and stores nothing', async () => {
    const wrongScreen = { entity: 'associate', id: 'new:1', values: { firstName: 'Ann' } } as Change
    const error = await core.engine.stageMany('lists', [group('new:1', 'Fine'), wrongScreen]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).message).toMatch(/belongs to the users screen/)

    const missing = await core.engine.stageMany('lists', [group('new:1', 'Fine'), group('999', 'Gone')]).catch((e: unknown) => e)
    expect((missing as AppError).code).toBe('not_found')
    expect((await core.engine.state('lists')).steps).toBe(0)
  })

  it('refuses an empty batch', async () => {
    await expect(core.engine.stageMany('lists', [])).rejects.toThrow(/nothing to stage/)
  })
})
