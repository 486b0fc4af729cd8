import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import { z } from 'zod'
import { CHANNELS, type Channel } from '../../../src/shared/ipc/channels'
import { contract } from '../../../src/shared/ipc/contract'
import { ADMIN_RIGHTS } from '../../../src/shared/ipc/rights'
import { AppError, type Result } from '../../../src/shared/ipc/result'
import { createDispatch } from '../../../src/main/core/dispatch'
import type { Handlers } from '../../../src/main/core/handlers'
import type { Core } from '../../../src/main/core/open-core'
import type { Session } from '../../../src/main/core/session'
import { dumpDatabase, makeTempDir, openTestCore } from '../support/site-fixture'

type Failure = Extract<Result<unknown>, { ok: false }>['error']

function expectFailure(result: Result<unknown>, code: Failure['code']): Failure {
  expect(result.ok, JSON.stringify(result)).toBe(false)
  const error = (result as { ok: false; error: Failure }).error
  expect(error.code).toBe(code)
  expect(error.message.length).toBeGreaterThan(0)
  return error
}

function expectOk<T = unknown>(result: Result<unknown>): T {
  expect(result.ok, JSON.stringify(result)).toBe(true)
  return (result as { ok: true; value: T }).value
}

const HUGE = 'x'.repeat(1_000_000)
const json = (text: string): unknown => JSON.parse(text)
const stage = (change: unknown): unknown => ({ screen: 'lists', change })
const groupChange = (values: unknown, id: unknown = 'new:1'): unknown => stage({ entity: 'userGroup', id, values })

/** One valid input per channel: proves the bad ones fail for their badness, not by accident. */
const VALID_INPUTS: Partial<Record<Channel, unknown>> = {
  'app:info': {},
  'app:openExternal': { url: 'https://appstore.superoffice.com/' },
  'site:summary': {},
  'changes:state': { screen: 'lists' },
  'changes:stage': groupChange({ name: 'Valid' }),
  'changes:undo': { screen: 'lists' },
  'changes:redo': { screen: 'lists' },
  'changes:preview': { screen: 'lists' },
  'changes:save': { screen: 'lists' },
  'changes:cancel': { screen: 'lists' },
  'userGroups:list': { includeDeleted: false }
}

/** Inputs no channel accepts (also run on channels added after this file was written). */
const BAD_FOR_EVERY_CHANNEL: unknown[] = [
  undefined, null, 'lists', 42, true, [], [{}],
  json('{"__proto__": {"screen": "lists"}}'),
  { zzNotAField: HUGE }
]

/** The channels issue 3 built; each has hand-written valid and bad inputs below. */
const SPINE_CHANNELS = [
  'app:info', 'app:openExternal', 'site:summary', 'changes:state', 'changes:stage', 'changes:undo', 'changes:redo',
  'changes:preview', 'changes:save', 'changes:cancel', 'userGroups:list'
] as const satisfies readonly Channel[]

const screenBad: unknown[] = [
  {},
  { screen: 'accounts' },
  { screen: 'LISTS' },
  { screen: 1 },
  { screen: null },
  { screen: ['lists'] },
  { screen: HUGE },
  { screen: 'lists', extra: 1 },
  json('{"screen": "lists", "__proto__": {"admin": true}}'),
  json('{"screen": "lists", "constructor": {"prototype": {"admin": true}}}')
]

/** Bad inputs per channel: wrong types, missing and extra fields, __proto__ keys, huge strings. */
const BAD_INPUTS: Partial<Record<Channel, unknown[]>> = {
  'app:info': [{ x: 1 }, json('{"__proto__": {}}'), { sitePath: '/etc/passwd' }],
  'app:openExternal': [{}, { url: 42 }, { url: null }, { url: `https://superoffice.com/${HUGE}` }, { url: 'https://superoffice.com', target: '_blank' }, json('{"url": "https://superoffice.com", "__proto__": {}}')],
  'site:summary': [{ screen: 'lists' }, json('{"__proto__": {"x": 1}}')],
  'changes:state': screenBad,
  'changes:stage': [
    { screen: 'lists' },
    { change: { entity: 'userGroup', id: 'new:1', values: { name: 'A' } } },
    stage(null),
    stage({ entity: 'user', id: 'new:1', values: { name: 'A' } }),
    stage({ entity: 'userGroup', values: { name: 'A' } }),
    stage({ entity: 'userGroup', id: 'new:1' }),
    stage({ entity: 'userGroup', id: 'new:1', values: { name: 'A' }, extra: true }),
    groupChange({ name: 'A' }, 7),
    groupChange({ name: 'A' }, 'abc'),
    groupChange({ name: 'A' }, '0'),
    groupChange({ name: 'A' }, '007'),
    groupChange({ name: 'A' }, 'new:0'),
    groupChange({ name: 'A' }, 'new:1; DROP TABLE user_group'),
    groupChange({ name: 'A' }, `new:${'9'.repeat(20)}`),
    groupChange({ name: 42 }),
    groupChange({ name: null }),
    groupChange({ name: HUGE }),
    groupChange({ name: 'x'.repeat(61) }),
    groupChange({ tooltip: 'x'.repeat(201) }),
    groupChange({ tooltip: 5 }),
    groupChange({ rank: -1 }),
    groupChange({ rank: 1.5 }),
    groupChange({ rank: '3' }),
    groupChange({ rank: Number.NaN }),
    groupChange({ rank: Number.POSITIVE_INFINITY }),
    groupChange({ rank: 1_000_001 }),
    groupChange({ deleted: 'true' }),
    groupChange({ deleted: 1 }),
    groupChange({ name: 'A', user_group_id: 5 }),
    groupChange({ name: 'A', created_at: 'x' }),
    groupChange(json('{"name": "A", "__proto__": {"deleted": true}}')),
    groupChange([]),
    groupChange('name=A'),
    { screen: 'accounts', change: { entity: 'userGroup', id: 'new:1', values: { name: 'A' } } },
    { ...(groupChange({ name: 'A' }) as object), extra: 1 }
  ],
  'changes:undo': screenBad,
  'changes:redo': screenBad,
  'changes:preview': screenBad,
  'changes:save': screenBad,
  'changes:cancel': screenBad,
  'userGroups:list': [{ includeDeleted: 'yes' }, { includeDeleted: 1 }, { includeDeleted: null }, { includeDeleted: true, screen: 'lists' }, json('{"__proto__": {"includeDeleted": true}}')]
}

describe('dispatch over a real site', () => {
  let dir: string
  let cleanup: () => void
  let core: Core
  let unexpected: ReturnType<typeof vi.fn<(channel: string, error: unknown) => void>>
  let session: Session
  let opened: string[]

  beforeEach(async () => {
    ;({ dir, cleanup } = makeTempDir())
    unexpected = vi.fn<(channel: string, error: unknown) => void>()
    session = { actor: 'test:admin', rights: ['admin-all'] }
    opened = []
    core = await openTestCore(join(dir, 'site.smsite'), {
      session: () => session,
      onUnexpectedError: unexpected,
      openExternal: async (url) => {
        opened.push(url)
      }
    })
    // Some saved data and a pending change, so "unchanged" has something to compare.
    expectOk(await core.dispatch('changes:stage', groupChange({ name: 'Sales', rank: 1 })))
    expectOk(await core.dispatch('changes:save', { screen: 'lists' }))
    expectOk(await core.dispatch('changes:stage', groupChange({ name: 'Staged', rank: 2 })))
  })

  afterEach(async () => {
    await core.close()
    cleanup()
  })

  it('every channel in the contract answers a valid input (and outputs pass their schema)', async () => {
    expect(Object.keys(VALID_INPUTS).sort()).toEqual([...SPINE_CHANNELS].sort())
    expect(CHANNELS).toEqual(expect.arrayContaining([...SPINE_CHANNELS]))
    for (const channel of SPINE_CHANNELS) {
      expectOk(await core.dispatch(channel, VALID_INPUTS[channel]))
    }
    expect(unexpected).not.toHaveBeenCalled()
    expect(opened).toEqual(['https://appstore.superoffice.com/'])
  })

  it.each([['nope'], ['app:Info'], ['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty'], [''], ['x'.repeat(10_000)]])(
    'unknown channel %# → unknown_channel, nothing changed',
    async (channel) => {
      const before = dumpDatabase(core.site.raw)
      const error = expectFailure(await core.dispatch(channel, {}), 'unknown_channel')
      expect(error.message.length).toBeLessThan(200)
      expect(dumpDatabase(core.site.raw)).toEqual(before)
    }
  )

  it('a non-string channel → unknown_channel', async () => {
    for (const channel of [undefined, null, 42, {}, ['app:info']]) {
      expectFailure(await core.dispatch(channel as unknown as string, {}), 'unknown_channel')
    }
  })

  it('bad input on every channel → invalid_input with problems, and the site is unchanged', async () => {
    expect(Object.keys(BAD_INPUTS).sort()).toEqual([...SPINE_CHANNELS].sort())
    const before = dumpDatabase(core.site.raw)
    let checked = 0
    for (const channel of CHANNELS) {
      for (const input of [...BAD_FOR_EVERY_CHANNEL, ...(BAD_INPUTS[channel] ?? [])]) {
        const result = await core.dispatch(channel, input)
        const error = expectFailure(result, 'invalid_input')
        expect(error.problems?.length, `${channel} ${JSON.stringify(input)?.slice(0, 100)}`).toBeGreaterThan(0)
        for (const problem of error.problems ?? []) {
          expect(problem.path).toMatch(/\S/)
          expect(problem.message).toMatch(/\.$/)
        }
        // Messages stay readable even for a megabyte of input.
        expect(error.message.length).toBeLessThan(500)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100)
    expect(dumpDatabase(core.site.raw)).toEqual(before)
    expect(opened).toEqual([])
    expect(unexpected).not.toHaveBeenCalled()
    // No prototype was polluted by the __proto__ / constructor inputs.
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
    expect(({} as Record<string, unknown>).deleted).toBeUndefined()
  })

  it('a problem names the offending field', async () => {
    const error = expectFailure(await core.dispatch('changes:stage', groupChange({ rank: -1 })), 'invalid_input')
    expect(error.problems?.map((p) => p.path)).toContain('change.values.rank')
    const extra = expectFailure(await core.dispatch('changes:state', { screen: 'lists', extra: 1 }), 'invalid_input')
    expect(JSON.stringify(extra.problems)).toContain('extra')
  })

  it('a change naming no field is refused as invalid_input and stages nothing', async () => {
    const before = dumpDatabase(core.site.raw)
    expectFailure(await core.dispatch('changes:stage', groupChange({})), 'invalid_input')
    expect(dumpDatabase(core.site.raw)).toEqual(before)
  })

  it('without admin-lists: userGroups:list and every changes:* on the lists screen → not_allowed, nothing changed', async () => {
    session = { actor: 'test:users-admin', rights: ['admin-users', 'admin-role'] }
    const before = dumpDatabase(core.site.raw)
    const guarded = SPINE_CHANNELS.filter((c) => c.startsWith('changes:') || c === 'userGroups:list')
    expect(guarded).toHaveLength(8)
    for (const channel of guarded) {
      const error = expectFailure(await core.dispatch(channel, VALID_INPUTS[channel]), 'not_allowed')
      expect(error.message).toContain('admin-lists')
    }
    expect(dumpDatabase(core.site.raw)).toEqual(before)
    // Channels that need no right still work.
    expect(expectOk<{ sitePath: string }>(await core.dispatch('app:info', {})).sitePath).toBe(core.site.path)
    expectOk(await core.dispatch('site:summary', {}))
  })

  it('admin-lists alone is enough for the lists screen', async () => {
    session = { actor: 'test:lists-admin', rights: ['admin-lists'] }
    const value = expectOk<{ rows: Array<{ name: string }> }>(await core.dispatch('userGroups:list', {}))
    expect(value.rows.map((r) => r.name)).toEqual(['Sales', 'Staged'])
    expectOk(await core.dispatch('changes:save', { screen: 'lists' }))
    const audit = core.site.raw.prepare('SELECT actor FROM audit_entry ORDER BY audit_entry_id').pluck().all()
    expect(audit).toEqual(['test:admin', 'test:lists-admin'])
  })

  it('input is checked before rights: a session without rights still gets invalid_input for garbage', async () => {
    session = { actor: 'nobody', rights: [] }
    expectFailure(await core.dispatch('changes:save', { screen: 'nope' }), 'invalid_input')
    expectFailure(await core.dispatch('changes:save', { screen: 'lists' }), 'not_allowed')
  })

  it('app:openExternal refuses addresses off the allow-list without opening anything', async () => {
    for (const url of ['http://superoffice.com/', 'https://superoffice.com.evil.io/', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expectFailure(await core.dispatch('app:openExternal', { url }), 'external_url_refused')
    }
    expect(opened).toEqual([])
  })

  it('site:summary reports the schema, no licences on a new site and the screens with pending changes', async () => {
    const value = expectOk(await core.dispatch('site:summary', {}))
    expect(value).toEqual({
      sitePath: core.site.path,
      schemaVersion: core.site.schemaVersion,
      heldSystemLicences: [],
      screensWithPendingChanges: ['lists']
    })
    expectOk(await core.dispatch('changes:cancel', { screen: 'lists' }))
    expect(expectOk(await core.dispatch('site:summary', {}))).toMatchObject({ screensWithPendingChanges: [] })
  })
})

describe('createDispatch with stub handlers', () => {
  const session: Session = { actor: 'test', rights: ['admin-all'] }

  function stubHandlers(overrides: Partial<Record<Channel, (input: unknown) => Promise<unknown>>>): Handlers {
    const base = Object.fromEntries(
      CHANNELS.map((c) => [c, vi.fn(async () => { throw new Error(`${c} should not be called`) })])
    )
    return { ...base, ...overrides } as unknown as Handlers
  }

  it('an unexpected exception → internal, reported to onUnexpectedError, never thrown', async () => {
    const boom = new Error('disk on fire')
    const onUnexpectedError = vi.fn()
    const dispatch = createDispatch({
      handlers: stubHandlers({ 'changes:save': async () => { throw boom } }),
      session: () => session,
      checkOutputs: true,
      onUnexpectedError
    })
    const result = await dispatch('changes:save', { screen: 'lists' })
    const error = expectFailure(result, 'internal')
    expect(error.message).toContain('disk on fire')
    expect(onUnexpectedError).toHaveBeenCalledExactlyOnceWith('changes:save', boom)
  })

  it('a thrown non-Error value is reported too', async () => {
    const onUnexpectedError = vi.fn()
    const dispatch = createDispatch({
      handlers: stubHandlers({ 'app:info': () => Promise.reject('plain string') }),
      session: () => session,
      onUnexpectedError
    })
    expect(expectFailure(await dispatch('app:info', {}), 'internal').message).toContain('plain string')
    expect(onUnexpectedError).toHaveBeenCalledWith('app:info', 'plain string')
  })

  it('an AppError from a handler keeps its code and problems and is not reported as unexpected', async () => {
    const onUnexpectedError = vi.fn()
    const problems = [{ path: 'userGroup:1.name', message: 'Taken.' }]
    const dispatch = createDispatch({
      handlers: stubHandlers({ 'changes:save': async () => { throw new AppError('validation_failed', 'Nothing was saved.', problems) } }),
      session: () => session,
      onUnexpectedError
    })
    const result = await dispatch('changes:save', { screen: 'lists' })
    expect(result).toEqual({ ok: false, error: { code: 'validation_failed', message: 'Nothing was saved.', problems } })
    expect(onUnexpectedError).not.toHaveBeenCalled()
  })

  it('checkOutputs: an output that breaks the contract → internal', async () => {
    const onUnexpectedError = vi.fn()
    const handlers = stubHandlers({ 'changes:state': async () => ({ screen: 'lists', steps: 'many' }) })
    const checked = createDispatch({ handlers, session: () => session, checkOutputs: true, onUnexpectedError })
    expectFailure(await checked('changes:state', { screen: 'lists' }), 'internal')
    expect(onUnexpectedError).toHaveBeenCalledOnce()
    expect(onUnexpectedError.mock.calls[0][1]).toBeInstanceOf(z.ZodError)
    // Without the check the value passes through unchanged (production does not pay for it).
    const unchecked = createDispatch({ handlers, session: () => session })
    expect(await unchecked('changes:state', { screen: 'lists' })).toEqual({ ok: true, value: { screen: 'lists', steps: 'many' } })
  })

  it('handlers get the parsed input (defaults applied), and are not called when rights are missing', async () => {
    const list = vi.fn(async () => ({ rows: [] }))
    let rights: Session['rights'] = ['admin-all']
    const dispatch = createDispatch({ handlers: stubHandlers({ 'userGroups:list': list }), session: () => ({ actor: 'x', rights }), checkOutputs: true })
    expectOk(await dispatch('userGroups:list', {}))
    expect(list).toHaveBeenCalledExactlyOnceWith({ includeDeleted: true })
    rights = ['admin-users']
    expectFailure(await dispatch('userGroups:list', {}), 'not_allowed')
    expect(list).toHaveBeenCalledOnce()
  })

  it('every channel of the contract has a right rule the dispatcher understands', () => {
    for (const channel of CHANNELS) {
      expect(['public', 'none', 'byScreen', ...ADMIN_RIGHTS]).toContain(contract[channel].right)
    }
    expect(contract['userGroups:list'].right).toBe('admin-lists')
    expect(CHANNELS.filter((c) => c.startsWith('changes:')).map((c) => contract[c].right)).toEqual(
      CHANNELS.filter((c) => c.startsWith('changes:')).map(() => 'byScreen')
    )
  })
})
