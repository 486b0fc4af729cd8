import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { makeTempDir } from '../support/site-fixture'
import { addUser, movableClock, openAuthCore, passwordOf, setUp, SETUP, value } from './auth-support'
import type { Core } from '../../../src/main/core/open-core'

let temp: ReturnType<typeof makeTempDir>
let core: Core & { sleeps: number[] }
let time: ReturnType<typeof movableClock>

beforeEach(async () => {
  temp = makeTempDir()
  time = movableClock()
  core = await openAuthCore(join(temp.dir, 'site.smsite'), { clock: time.clock })
  await setUp(core)
  await addUser(core, 'ULLA', 8)
  value(await core.dispatch('auth:signOut', {}))
  core.sleeps.length = 0
})
afterEach(async () => {
  await core.close()
  temp.cleanup()
})

const signIn = async (userId: string, password: string) => value<{ status: string; lockedUntil?: string }>(await core.dispatch('auth:signIn', { userId, password }))
const actions = () => core.site.raw.prepare("SELECT action FROM audit_entry WHERE screen = 'sign-in' ORDER BY audit_entry_id").pluck().all()

describe('failed sign-ins', () => {
  it('each failure waits longer; the fifth locks the user for 15 minutes, even against the right password', async () => {
    for (let i = 1; i <= 4; i++) expect(await signIn('ULLA', 'wrong')).toMatchObject({ status: 'wrong' })
    expect(await signIn('ULLA', 'wrong')).toEqual({ status: 'locked', lockedUntil: '2026-11-23T10:15:00.000Z', message: expect.stringContaining('locked out until 2026-11-23 10:15') })
    expect(core.sleeps).toEqual([500, 1000, 2000, 4000, 8000])
    expect(await signIn('ULLA', passwordOf('ULLA'))).toMatchObject({ status: 'locked' })
    expect(actions().slice(-6)).toEqual(['signInFailed', 'signInFailed', 'signInFailed', 'signInFailed', 'signInFailed', 'lockout'])

    time.advanceMinutes(16)
    expect(await signIn('ULLA', passwordOf('ULLA'))).toMatchObject({ status: 'signedIn' })
    expect(core.site.raw.prepare('SELECT failed_attempts, locked_until FROM credential c JOIN associate a USING (associate_id) WHERE user_id = ?').get('ULLA')).toEqual({ failed_attempts: 0, locked_until: null })
  })

  it('another administrator lifts the lock at once (auth:unlock, audited)', async () => {
    for (let i = 1; i <= 5; i++) await signIn('ULLA', 'wrong')
    const ulla = core.site.raw.prepare("SELECT associate_id FROM associate WHERE user_id = 'ULLA'").pluck().get() as number
    expect(await core.dispatch('auth:unlock', { associateId: ulla })).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
    await signIn('ILIE', SETUP.admin.password)
    expect(value(await core.dispatch('auth:unlock', { associateId: ulla }))).toEqual({ unlocked: true })
    value(await core.dispatch('auth:signOut', {}))
    expect(await signIn('ULLA', passwordOf('ULLA'))).toMatchObject({ status: 'signedIn' })
    expect(actions()).toContain('unlock')
  })

  it('the number of tries and the lock time come from Preferences → Password policy', async () => {
    await signIn('ILIE', SETUP.admin.password)
    value(await core.dispatch('changes:stage', { screen: 'preferences', change: { entity: 'passwordPolicy', id: '1', values: { lockoutAttempts: 2, lockoutMinutes: 60 } } }))
    value(await core.dispatch('changes:save', { screen: 'preferences' }))
    value(await core.dispatch('auth:signOut', {}))
    await signIn('ULLA', 'wrong')
    expect(await signIn('ULLA', 'wrong')).toMatchObject({ status: 'locked', lockedUntil: '2026-11-23T11:00:00.000Z' })
  })
})
