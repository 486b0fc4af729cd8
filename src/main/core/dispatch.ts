import type { z } from 'zod'
import { contract } from '../../shared/ipc/contract'
import type { Channel } from '../../shared/ipc/channels'
import { AppError, fail, ok, type Problem, type Result } from '../../shared/ipc/result'
import { hasRight, type AdminRight, type ChannelRight } from '../../shared/ipc/rights'
import { SCREEN_RIGHTS, type Screen } from '../../shared/domain/change-set'
import type { Handlers } from './handlers'
import type { Session } from './session'
import { storageErrorOf } from './db/storage-errors'
import { silentLogger, type Logger } from './log'

export interface DispatchOptions {
  handlers: Handlers
  session: () => Session
  /** Tests turn this on to prove every handler returns what the contract promises. */
  checkOutputs?: boolean
  /** Where unexpected errors are reported (electron-log in the app, a test spy in tests). */
  onUnexpectedError?: (channel: string, error: unknown) => void
  /**
   * Each call at debug level (channel, input with secrets redacted, result code, duration) and
   * unexpected errors at error level. Default: nothing is logged.
   */
  logger?: Logger
}

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>

/**
 * The single door into core: checks the channel exists, parses the input with its schema, checks
 * the admin's rights, calls the handler, and turns every failure into a Result. Never throws.
 */
export function createDispatch(options: DispatchOptions): Dispatch {
  const logger = options.logger ?? silentLogger
  const run: Dispatch = async (channel, input) => {
    if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) {
      return fail('unknown_channel', `The app has no operation called "${String(channel).slice(0, 80)}".`)
    }
    const entry = contract[channel as Channel]
    // A fixed right is checked before the input is even parsed: a caller without it learns nothing.
    if (entry.right !== 'byScreen') {
      const refused = refusal(options.session().rights, entry.right)
      if (refused) return refused
    }
    const parsed = entry.input.safeParse(input)
    if (!parsed.success) {
      const problems = toProblems(parsed.error)
      return fail('invalid_input', `The request was not understood: ${problems[0]?.message ?? 'bad input'} Nothing was changed.`, problems)
    }
    if (entry.right === 'byScreen') {
      const refused = refusal(options.session().rights, requiredRight(entry.right, parsed.data))
      if (refused) return refused
    }
    try {
      const handler = options.handlers[channel as Channel] as (input: unknown) => Promise<unknown>
      const value = await handler(parsed.data)
      if (options.checkOutputs) entry.output.parse(value)
      return ok(value)
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.problems)
      // A full disk, a failing share or a site locked by another program: not a bug, and the
      // admin can act on it (the transaction was rolled back, so nothing was written).
      const storage = storageErrorOf(error)
      if (storage) {
        logger.warn('storage error', { channel, code: storage.code, error })
        return fail(storage.code, storage.message)
      }
      options.onUnexpectedError?.(channel, error)
      logger.error('unexpected error', { channel, error })
      return fail('internal', `Something unexpected went wrong (${error instanceof Error ? error.message : String(error)}). If this was a Save, nothing was written; try again or report the problem.`)
    }
  }
  if (!logger.enabled('debug')) return run
  return async (channel, input) => {
    const started = performance.now()
    const result = await run(channel, input)
    const ms = Math.round((performance.now() - started) * 10) / 10
    // Only the code of the result: values may hold personal data, and the input is redacted.
    logger.debug('dispatch', { channel: String(channel).slice(0, 80), input, result: result.ok ? 'ok' : result.error.code, ms })
    return result
  }
}

/** The not_allowed answer when `rights` lack `needed`; null when allowed. */
function refusal(rights: readonly AdminRight[], needed: ChannelRight): Result<never> | null {
  if (hasRight(rights, needed)) return null
  // Signed out: only sign-in, the first-run set-up and app info answer (their right is 'public').
  if (rights.length === 0) return fail('not_allowed', 'Sign in first: nobody is signed in to this site.')
  return fail('not_allowed', `Your role does not allow this (it needs the "${needed}" right). Ask a general administrator.`)
}

function requiredRight(rule: ChannelRight | 'byScreen', input: unknown): ChannelRight {
  if (rule !== 'byScreen') return rule
  return SCREEN_RIGHTS[(input as { screen: Screen }).screen]
}

function toProblems(error: z.ZodError): Problem[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message.endsWith('.') ? issue.message : `${issue.message}.`
  }))
}
