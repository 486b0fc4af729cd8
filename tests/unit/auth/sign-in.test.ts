import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import { makeTempDir } from '../support/site-fixture'
import { addUser, openAuthCore, passwordOf, setUp, SETUP, value } from './auth-support'
import { CHANNELS } from '../../../src/shared/ipc/channels'
import { contract } from '../../../src/shared/ipc/contract'
import { SCREENS, SCREEN_RIGHTS } from '../../../src/shared/domain/change-set'
import { hasRight, type AdminRight } from '../../../src/shared/ipc/rights'
import { SessionService, WRONG_CREDENTIALS } from '../../../src/main/core/auth/session.service'
import type { Core } from '../../../src/main/core/open-core'

let temp: ReturnType<typeof makeTempDir>
let core: Core

beforeEach(async () => {
  temp = makeTempDir()
  core = await openAuthCore(join(temp.dir, 'site.smsite'))
  await setUp(core)
})
afterEach(async () => {
  await core.close()
  temp.cleanup()
})

const signIn = async (userId: string, password: string) => value<{ status: string; auth?: { admin: { rights: AdminRight[] } } }>(await core.dispatch('auth:signIn', { userId, password }))

describe('sign-in rules per right', () => {
  it('admin-users and admin-lists roles sign in with just their right; roles without one are refused', async () => {
    await addUser(core, 'ULLA', 8) // User administrator
    await addUser(core, 'LISE', 7) // List administrator
    await addUser(core, 'PER', 2) // User level 1: no admin right
    value(await core.dispatch('auth:signOut', {}))
    expect((await signIn('ULLA', passwordOf('ULLA'))).auth?.admin.rights).toEqual(['admin-users'])
    expect((await signIn('LISE', passwordOf('LISE'))).auth?.admin.rights).toEqual(['admin-lists'])
    expect(await signIn('PER', passwordOf('PER'))).toMatchObject({ status: 'notAdmin' })
    expect(await signIn('ILIE', SETUP.admin.password)).toMatchObject({ status: 'signedIn', auth: { admin: { rights: ['admin-all'] } } })
  })

  it('retired users and users who may not log in are refused even with the right password', async () => {
    await addUser(core, 'ULLA', 8, { canLogIn: false })
    expect(await signIn('ULLA', passwordOf('ULLA'))).toMatchObject({ status: 'cannotLogIn' })
  })

  it('the status never carries a credential', async () => {
    const text = JSON.stringify(value(await core.dispatch('auth:status', {})))
    expect(text).not.toMatch(/scrypt|password|hash/i)
  })
})

describe('the rights hook', () => {
  /** An input that passes the schema for byScreen channels; fixed-right channels are refused before parsing. */
  const inputFor = (channel: string, screen: string) =>
    channel === 'changes:stage' ? { screen, change: { entity: 'userGroup', id: 'new:1', values: { name: 'x' } } } : { screen }

  it.each([['admin-users'], ['admin-lists'], ['admin-role']] as const)('refuses every channel outside %s with not_allowed', async (right) => {
    const session = { actor: `test:${right}`, rights: [right] as AdminRight[] }
    const fixed = await openAuthCore(join(temp.dir, 'site.smsite'), { session: () => session })
    try {
      for (const channel of CHANNELS) {
        const rule = contract[channel].right
        if (rule === 'byScreen') {
          for (const screen of SCREENS) {
            const result = await fixed.dispatch(channel, inputFor(channel, screen))
            if (!hasRight(session.rights, SCREEN_RIGHTS[screen])) expect(result, `${channel} ${screen}`).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
          }
        } else if (!hasRight(session.rights, rule)) {
          expect(await fixed.dispatch(channel, {}), channel).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
        }
      }
    } finally {
      await fixed.close()
    }
  })

  it('signed out, only auth:status, auth:signIn, setup:* , the policy and app:info answer', async () => {
    value(await core.dispatch('auth:signOut', {}))
    const open: string[] = []
    for (const channel of CHANNELS) {
      const result = await core.dispatch(channel, contract[channel].right === 'byScreen' ? inputFor(channel, 'lists') : {})
      if (!(!result.ok && result.error.message.startsWith('Sign in first'))) open.push(channel)
    }
    expect(open.sort()).toEqual(['app:info', 'auth:signIn', 'auth:status', 'preferences:passwordPolicy', 'setup:complete', 'setup:loadLicenceFile'].sort())
  })
})

describe('unknown user and wrong password', () => {
  it('take the same path: a constant-time check against a hash (a dummy one for unknown users), the same answer, the same delay', async () => {
    const realHash = core.site.raw.prepare("SELECT secret_hash FROM credential").pluck().get() as string
    const verify = vi.fn(async () => false)
    const hash = vi.fn(async () => 'scrypt$1024$8$1$ZHVtbXk=$ZHVtbXk=')
    const sleeps: number[] = []
    const service = new SessionService({ db: core.site.db, sitePath: core.site.path, clock: () => new Date('2026-11-23T10:00:00Z'), hasher: { hash, verify }, sleep: async (ms) => void sleeps.push(ms) })
    const unknown = await service.signIn('NOBODY', 'guess')
    const wrong = await service.signIn('ILIE', 'guess')
    expect(unknown).toEqual({ status: 'wrong', message: WRONG_CREDENTIALS })
    expect(wrong).toEqual(unknown)
    expect(verify.mock.calls).toEqual([
      ['guess', 'scrypt$1024$8$1$ZHVtbXk=$ZHVtbXk='],
      ['guess', realHash]
    ])
    expect(sleeps).toEqual([500, 500])
  })
})
