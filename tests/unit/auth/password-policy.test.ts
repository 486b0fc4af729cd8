import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { makeTempDir } from '../support/site-fixture'
import { openAuthCore, setUp, value } from './auth-support'
import { checkPassword, DEFAULT_PASSWORD_POLICY } from '../../../src/shared/domain/password-policy'
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

const stagePolicy = async (values: Record<string, unknown>) => core.dispatch('changes:stage', { screen: 'preferences', change: { entity: 'passwordPolicy', id: '1', values } })

describe('Preferences → Password policy', () => {
  it('starts at the built-in default and saves an edited policy on Save, with its audit entry', async () => {
    expect(value(await core.dispatch('preferences:passwordPolicy', {}))).toMatchObject({ isDefault: true, password: DEFAULT_PASSWORD_POLICY, signIn: { lockoutAttempts: 5, lockoutMinutes: 15 } })
    value(await stagePolicy({ MinTotal: 10, MinUC: 1, MinSpec: 1, Msg: 'Ten characters, one capital, one symbol.' }))
    // Pending until Save: the policy in force is unchanged.
    expect(value(await core.dispatch('preferences:passwordPolicy', {}))).toMatchObject({ isDefault: true })
    expect(value(await core.dispatch('preferences:get', {}))).toMatchObject({ values: { MinTotal: 10, MinUC: 1 }, changedFields: ['MinTotal', 'MinUC', 'MinSpec', 'Msg'] })
    value(await core.dispatch('changes:save', { screen: 'preferences' }))
    expect(value(await core.dispatch('preferences:passwordPolicy', {}))).toMatchObject({ isDefault: false, password: { MinTotal: 10, MinNum: 1, MinUC: 1, MinSpec: 1 } })
    const audit = core.site.raw.prepare("SELECT actor, screen, changes FROM audit_entry WHERE screen = 'preferences'").get() as { actor: string; changes: string }
    expect(audit.actor).toBe('ILIE')
    expect(audit.changes).toContain('Minimum length')
  })

  it('refuses a policy whose parts need more characters than its minimum length, and bad numbers', async () => {
    value(await stagePolicy({ MinTotal: 3, MinNum: 2, MinUC: 2 }))
    expect(await core.dispatch('changes:save', { screen: 'preferences' })).toMatchObject({ ok: false, error: { code: 'validation_failed', problems: [{ path: 'passwordPolicy:1.MinTotal' }] } })
    expect(await stagePolicy({ MinTotal: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await stagePolicy({ Msg: 'x'.repeat(100) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('is enforced when a password is set on the user card', async () => {
    value(await stagePolicy({ MinUC: 1 }))
    value(await core.dispatch('changes:save', { screen: 'preferences' }))
    const stage = (password: string) => core.dispatch('changes:stage', { screen: 'users', change: { entity: 'associate', id: 'new:1', values: { userId: 'X', password } } })
    expect(await stage('no-capitals-1')).toMatchObject({ ok: false, error: { code: 'validation_failed', message: 'A password needs at least 8 characters, 1 digit and 1 upper-case letter.' } })
    value(await stage('Capital-1x'))
  })

  it('checkPassword: each rule and the custom message', () => {
    const policy = { MinTotal: 6, MinNum: 1, MinLC: 1, MinUC: 1, MinSpec: 1, Msg: '' }
    expect(checkPassword('aA1!xx', policy).ok).toBe(true)
    expect(checkPassword('aaaaaa', policy).broken).toEqual(['MinNum', 'MinUC', 'MinSpec'])
    expect(checkPassword('a', { ...policy, Msg: 'Ask IT.' }).message).toBe('Ask IT.')
    expect(checkPassword('12345678').broken).toEqual(['letter'])
  })
})
