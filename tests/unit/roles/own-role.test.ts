import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import { AppError } from '../../../src/shared/ipc/result'
import { dumpDatabase, makeTempDir, openTestCore } from '../support/site-fixture'
import { addUsers, stageRole, value } from './role-support'

describe('deleting the signed-in admin’s own role', () => {
  let cleanup: () => void
  let core: Core
  beforeEach(async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    core = await openTestCore(join(temp.dir, 'own-role.smsite'))
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  it('is refused for the admin who holds it, naming the role, and nothing is written', async () => {
    const [admin] = addUsers(core.site.raw, 7, 1, 'listadmin') // role 7: List administrator
    value(await stageRole(core, '7', { deleted: true, reassignTo: '2' }))
    const before = dumpDatabase(core.site.raw)
    const refusal = await core.engine.save('roles', 'tester', admin).then(
      () => null,
      (error: unknown) => error
    )
    expect(refusal).toBeInstanceOf(AppError)
    expect((refusal as AppError).problems?.map((p) => p.message)).toContainEqual(expect.stringContaining('You cannot delete your own role'))
    expect(dumpDatabase(core.site.raw)).toEqual(before)
  })

  it('is allowed for another admin', async () => {
    addUsers(core.site.raw, 7, 1, 'listadmin')
    const [other] = addUsers(core.site.raw, 1, 1, 'general')
    value(await stageRole(core, '7', { deleted: true, reassignTo: '2' }))
    await expect(core.engine.save('roles', 'tester', other)).resolves.toMatchObject({ savedEntries: 1 })
  })
})
