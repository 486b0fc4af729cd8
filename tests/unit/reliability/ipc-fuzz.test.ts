import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import { CHANNELS } from '../../../src/shared/ipc/channels'
import { contract } from '../../../src/shared/ipc/contract'
import { ERROR_CODES, type Result } from '../../../src/shared/ipc/result'
import type { Core } from '../../../src/main/core/open-core'
import { dumpDatabase, makeTempDir, openTestCore } from '../support/site-fixture'
import { badInput, inputKeys } from './bad-values'
import { FULL, runSeed, seededRandom } from './prng'
import { expectOk, saveGroups } from './reliability-support'

const CALLS = FULL ? 12_000 : 2_000
const SEED = runSeed(20_269)
/** Generous: a typed refusal takes microseconds; this only catches a hang (a loop, a lost promise). */
const PER_CALL_LIMIT_MS = 5_000

const TIMED_OUT = Symbol('timed out')
function withinLimit<T>(promise: Promise<T>): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<typeof TIMED_OUT>((done) => (timer = setTimeout(() => done(TIMED_OUT), PER_CALL_LIMIT_MS)))
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}

/** For failure messages: inputs may hold BigInt, symbols and megabyte strings. */
function describeInput(input: unknown): string {
  try {
    return (JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function' ? String(v) : v)) ?? String(input)).slice(0, 300)
  } catch {
    return Object.prototype.toString.call(input)
  }
}

describe(`IPC fuzz: ${CALLS} generated bad inputs over every contract channel (seed ${SEED})`, () => {
  let cleanup: () => void
  let core: Core
  const unexpected = vi.fn()
  const opened: string[] = []
  beforeAll(async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    core = await openTestCore(join(temp.dir, 'fuzzed.smsite'), {
      onUnexpectedError: unexpected,
      openExternal: async (url) => void opened.push(url),
      chooseLicenceFile: async () => null,
      chooseSnapshotTarget: async () => null
    })
    // Saved rows and a pending set, so "unchanged" has something to lose.
    await saveGroups(core, 3)
    expectOk(await core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id: 'new:1', values: { name: 'Pending' } } }))
  })
  afterAll(async () => {
    await core?.close()
    cleanup?.()
  })

  it('every call returns a typed error (never throws, never internal, never hangs); the site is unchanged', async () => {
    const before = dumpDatabase(core.site.raw)
    const random = seededRandom(SEED)
    const codes: Record<string, number> = {}
    const byChannel: Record<string, number> = {}
    const accepted: Record<string, number> = {}
    for (let call = 0; call < CALLS; call++) {
      // Round-robin over channels, so each gets its share and new channels are fuzzed as they land.
      const channel = CHANNELS[call % CHANNELS.length]
      const { input, shape } = badInput(random, inputKeys(contract[channel].input))
      const outcome = await withinLimit(core.dispatch(channel, input))
      const where = `#${call} ${channel} (${shape}) ${describeInput(input)}`
      expect(outcome, `${where}: no answer within ${PER_CALL_LIMIT_MS} ms`).not.toBe(TIMED_OUT)
      const result = outcome as Result<unknown>
      byChannel[channel] = (byChannel[channel] ?? 0) + 1
      if (result.ok) {
        // Only an input whose every field was missing or defaulted can be valid (e.g. userGroups:list {}).
        expect(shape, `${where} was accepted`).not.toMatch(/not an object|extra fields/)
        accepted[channel] = (accepted[channel] ?? 0) + 1
        continue
      }
      expect(ERROR_CODES, where).toContain(result.error.code)
      expect(result.error.code, `${where}: ${result.error.message}`).not.toBe('internal')
      expect(result.error.message.length, where).toBeGreaterThan(0)
      expect(result.error.message, where).not.toMatch(/\n\s+at /)
      codes[result.error.code] = (codes[result.error.code] ?? 0) + 1
    }
    expect(unexpected).not.toHaveBeenCalled()
    expect(opened).toEqual([])
    expect(dumpDatabase(core.site.raw)).toEqual(before)
    expect(Object.keys(byChannel).sort()).toEqual([...CHANNELS].sort())
    console.info(`ipc-fuzz: ${CALLS} calls over ${CHANNELS.length} channels, refusals by code ${JSON.stringify(codes)}, accepted (inputs without fields, all defaulted) ${JSON.stringify(accepted)}, seed ${SEED}`)
  }, FULL ? 600_000 : 120_000)
})
