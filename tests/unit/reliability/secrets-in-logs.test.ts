import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { makeTempDir } from '../support/site-fixture'
import { addUser, openAuthCore, passwordOf, setUp, SETUP, value } from '../auth/auth-support'
import { createLogger, formatLogRecord, redact, REDACTED, type LogRecord } from '../../../src/main/core/log'
import { createDispatch } from '../../../src/main/core/dispatch'
import type { Core } from '../../../src/main/core/open-core'
import type { Handlers } from '../../../src/main/core/handlers'

/**
 * Issue 9, Secrets: a full story with logging at debug level, then the log is scanned for every
 * plaintext password used and every stored hash (and the parts of it). None may appear.
 */
let temp: ReturnType<typeof makeTempDir>
let core: Core
let records: LogRecord[]
const logText = () => records.map(formatLogRecord).join('')

beforeEach(async () => {
  temp = makeTempDir()
  records = []
  core = await openAuthCore(join(temp.dir, 'site.smsite'), { logger: createLogger({ level: 'debug', sink: (r) => records.push(r) }) })
})
afterEach(async () => {
  await core.close()
  temp.cleanup()
})

describe('no secret in the debug log', () => {
  it('set-up, a new user with a password, a password change, sign-ins right and wrong: no plaintext, no hash', async () => {
    const changed = 'a-brand-new-secret-9'
    const wrong = 'not-the-password-42'
    await setUp(core) // the first administrator's password goes through setup:complete
    await addUser(core, 'ULLA', 8) // User administrator, password through changes:stage + changes:save
    const ulla = core.site.raw.prepare("SELECT associate_id FROM associate WHERE user_id = 'ULLA'").pluck().get() as number
    value(await core.dispatch('changes:stage', { screen: 'users', change: { entity: 'associate', id: String(ulla), values: { password: changed } } }))
    value(await core.dispatch('changes:save', { screen: 'users' }))
    value(await core.dispatch('auth:signOut', {}))
    expect(value<{ status: string }>(await core.dispatch('auth:signIn', { userId: 'ULLA', password: wrong })).status).toBe('wrong')
    expect(value<{ status: string }>(await core.dispatch('auth:signIn', { userId: 'ULLA', password: passwordOf('ULLA') })).status).toBe('wrong')
    expect(value<{ status: string }>(await core.dispatch('auth:signIn', { userId: 'ULLA', password: changed })).status).toBe('signedIn')
    // A refused stage (bad input) logs its input too.
    await core.dispatch('changes:stage', { screen: 'users', change: { entity: 'associate', id: String(ulla), values: { password: 7, passwordHash: changed } } })

    const hashes = core.site.raw.prepare('SELECT secret_hash FROM credential WHERE secret_hash IS NOT NULL').pluck().all() as string[]
    expect(hashes.length).toBeGreaterThanOrEqual(2)
    const secrets = [SETUP.admin.password, passwordOf('ULLA'), changed, wrong]
    // The whole hash, and its salt and key segments on their own (scrypt$N$r$p$salt$key).
    const hashParts = hashes.flatMap((h) => [h, ...h.split('$').filter((part) => part.length >= 16)])

    const text = logText()
    const calls = records.filter((r) => r.message === 'dispatch')
    console.info(`secrets-in-logs: ${records.length} log records (${calls.length} dispatch calls), ${text.length} characters scanned for ${secrets.length} passwords and ${hashParts.length} hash strings`)
    expect(calls.map((r) => (r.fields as { channel: string }).channel)).toEqual(expect.arrayContaining(['setup:complete', 'changes:stage', 'changes:save', 'auth:signIn', 'auth:signOut']))
    expect(text).toContain(REDACTED) // the passwords were there, and were cut
    for (const secret of [...secrets, ...hashParts]) expect(text, 'a secret reached the log').not.toContain(secret)
    // Each call carries the result code and its duration.
    expect(calls.find((r) => (r.fields as { result: string }).result === 'invalid_input')).toBeTruthy()
    for (const r of calls) expect(typeof (r.fields as { ms: number }).ms).toBe('number')
  })

  it('an unexpected error is logged at error level, its input redacted', async () => {
    const logged: LogRecord[] = []
    const boom = Object.assign(new Error('the disk said no'), { token: 'tok-123456789', detail: { passwordHash: 'scrypt$1$2$3$salt$key' } })
    const dispatch = createDispatch({
      handlers: { 'app:info': async () => { throw boom } } as unknown as Handlers,
      session: () => ({ actor: 't', rights: ['admin-all'] }),
      logger: createLogger({ level: 'debug', sink: (r) => logged.push(r) })
    })
    const result = await dispatch('app:info', {})
    expect(result.ok).toBe(false)
    const error = logged.find((r) => r.level === 'error')
    expect(error?.message).toBe('unexpected error')
    const text = logged.map(formatLogRecord).join('')
    expect(text).toContain('the disk said no')
    expect(text).not.toContain('tok-123456789')
    expect(text).not.toContain('scrypt$1$2$3')
  })
})

describe('redact', () => {
  it('replaces secret-named fields at any depth, in arrays and Maps, and keeps the rest', () => {
    const input = {
      userId: 'ULLA',
      password: 'p1',
      Passwords: ['p2'],
      change: { values: { firstName: 'Ulla', passwordHash: 'h1', nested: [{ clientSecret: 's1', apiToken: 't1', pass: 'p3' }] } },
      map: new Map<string, unknown>([['hash', 'h2'], ['ok', 1]])
    }
    const out = JSON.stringify(redact(input))
    for (const secret of ['p1', 'p2', 'p3', 'h1', 'h2', 's1', 't1']) expect(out).not.toContain(`"${secret}"`)
    expect(out).toContain('"userId":"ULLA"')
    expect(out).toContain('"firstName":"Ulla"')
    expect(out).toContain('"ok":1')
  })

  it('survives hostile inputs: cycles, __proto__ keys, huge strings and arrays, deep nesting', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    const hostile = JSON.parse('{"__proto__": {"password": "p9"}, "constructor": {"token": "t9"}}')
    let deep: unknown = { password: 'deep-secret' }
    for (let i = 0; i < 5000; i++) deep = [deep]
    const out = JSON.stringify(redact({ cyclic, hostile, big: 'x'.repeat(1_000_000), many: new Array(100_000).fill(1), deep }))
    expect(out.length).toBeLessThan(10_000)
    expect(out).not.toContain('p9')
    expect(out).not.toContain('t9')
    expect(out).not.toContain('deep-secret')
    expect(({} as Record<string, unknown>).password).toBeUndefined()
  })

  it('writes nothing below the chosen level, and a failing sink never throws', () => {
    const seen: string[] = []
    const logger = createLogger({ level: 'warn', sink: (r) => seen.push(r.level) })
    logger.debug('d')
    logger.info('i')
    logger.warn('w')
    logger.error('e')
    expect(seen).toEqual(['warn', 'error'])
    const broken = createLogger({ level: 'debug', sink: () => { throw new Error('disk full') } })
    expect(() => broken.error('x')).not.toThrow()
  })
})
