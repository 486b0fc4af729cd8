import { openCore, type Core, type CoreOptions } from '../../../src/main/core/open-core'
import type { Result } from '../../../src/shared/ipc/result'

/** Cheap scrypt for tests (the app uses OWASP's parameters). */
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1, saltBytes: 16, keyBytes: 32 }

/** A clock the test moves by hand, for lock-outs and their expiry. */
export function movableClock(start = '2026-11-23T10:00:00.000Z') {
  let now = new Date(start)
  return { clock: () => new Date(now), advanceMinutes: (m: number) => (now = new Date(now.getTime() + m * 60_000)) }
}

export const SETUP = {
  company: { name: 'Fjord Analytics AS', department: 'IT', city: 'Bergen' },
  admin: { firstName: 'Ingrid', lastName: 'Lie', userId: 'ILIE', password: 'fjord-admin-7' },
  licence: { kind: 'demo' as const }
}

/** Core as the app opens it: no fixed session (signed out), sleeps recorded instead of waited. */
export async function openAuthCore(sitePath: string, overrides: Partial<CoreOptions> = {}): Promise<Core & { sleeps: number[] }> {
  const sleeps: number[] = []
  const core = await openCore({
    sitePath,
    create: true,
    clock: () => new Date('2026-11-23T10:00:00.000Z'),
    appInfo: { appVersion: '0.0.0-test', versions: {}, platform: process.platform },
    openExternal: async () => {},
    checkOutputs: true,
    passwordHashing: FAST_SCRYPT,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    ...overrides
  })
  return Object.assign(core, { sleeps })
}

export function value<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`)
  return result.value as T
}

/** Runs the wizard's Finish on a fresh site: ILIE becomes the General administrator, signed in. */
export async function setUp(core: Core): Promise<void> {
  value(await core.dispatch('setup:complete', SETUP))
}

/**
 * Adds an employee with a password and a role through the Users screen's real channels, as the
 * signed-in administrator. Returns the new associate's id.
 */
export async function addUser(core: Core, userId: string, roleId: number, extra: Record<string, unknown> = {}): Promise<number> {
  const company = core.site.raw.prepare('SELECT company_id FROM our_company ORDER BY company_id LIMIT 1').pluck().get() as number
  const group = core.site.raw.prepare('SELECT user_group_id FROM user_group ORDER BY user_group_id LIMIT 1').pluck().get() as number
  value(
    await core.dispatch('changes:stage', {
      screen: 'users',
      change: { entity: 'associate', id: 'new:1', values: { firstName: userId, lastName: 'Tester', userId, companyId: String(company), roleId: String(roleId), primaryGroupId: String(group), canLogIn: true, password: `${userId.toLowerCase()}-pass-1`, ...extra } }
    })
  )
  value(await core.dispatch('changes:save', { screen: 'users' }))
  return core.site.raw.prepare('SELECT associate_id FROM associate WHERE user_id = ?').pluck().get(userId) as number
}

export const passwordOf = (userId: string): string => `${userId.toLowerCase()}-pass-1`
