import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { makeTempDir } from '../support/site-fixture'
import { addUser, openAuthCore, passwordOf, setUp, value } from './auth-support'
import type { Core } from '../../../src/main/core/open-core'

let temp: ReturnType<typeof makeTempDir>
let core: Core
let self: number

beforeEach(async () => {
  temp = makeTempDir()
  core = await openAuthCore(join(temp.dir, 'site.smsite'))
  await setUp(core)
  self = core.site.raw.prepare("SELECT associate_id FROM associate WHERE user_id = 'ILIE'").pluck().get() as number
})
afterEach(async () => {
  await core.close()
  temp.cleanup()
})

async function saveUserChange(id: number, values: Record<string, unknown>) {
  value(await core.dispatch('changes:stage', { screen: 'users', change: { entity: 'associate', id: String(id), values } }))
  const saved = await core.dispatch('changes:save', { screen: 'users' })
  value(await core.dispatch('changes:cancel', { screen: 'users' }))
  return saved
}

const problemsOf = (result: Awaited<ReturnType<typeof core.dispatch>>): string[] => (result.ok ? [] : (result.error.problems ?? []).map((p) => p.message))

describe('nobody can remove their own access', () => {
  it('the signed-in admin cannot change their own role, retire or delete themselves', async () => {
    expect(problemsOf(await saveUserChange(self, { roleId: '8' }))).toContain('Ingrid Lie (ILIE) is signed in: you cannot change your own role.')
    expect(problemsOf(await saveUserChange(self, { retired: true, licences: '' }))).toContain('Ingrid Lie (ILIE) is signed in: you cannot retire yourself.')
    expect(problemsOf(await saveUserChange(self, { removal: 'delete-associate' }))).toContain('Ingrid Lie (ILIE) is signed in: you cannot delete yourself.')
  })

  it('the last General administrator cannot be demoted by another admin', async () => {
    const ulla = await addUser(core, 'ULLA', 8)
    void ulla
    value(await core.dispatch('auth:signOut', {}))
    value(await core.dispatch('auth:signIn', { userId: 'ULLA', password: passwordOf('ULLA') }))
    const result = await saveUserChange(self, { roleId: '8' })
    expect(problemsOf(result).join(' ')).toMatch(/last General administrator/)
  })

  it('Roles: revoking admin-all from the last role giving it to a user who can log in is refused; moving it first is fine', async () => {
    const stageRole = async (id: string, values: Record<string, unknown>) => value(await core.dispatch('changes:stage', { screen: 'roles', change: { entity: 'role', id, values } }))
    await stageRole('1', { 'functionalRights.admin-all': false })
    const refused = await core.dispatch('changes:save', { screen: 'roles' })
    expect(problemsOf(refused).join(' ')).toMatch(/last role giving General administrator/)
    value(await core.dispatch('changes:cancel', { screen: 'roles' }))

    await addUser(core, 'ULLA', 8)
    await stageRole('8', { 'functionalRights.admin-all': true })
    await stageRole('1', { 'functionalRights.admin-all': false })
    value(await core.dispatch('changes:save', { screen: 'roles' }))
  })
})
