import type { z } from 'zod'
import { contract } from '../../shared/ipc/contract'
import type { Channel } from '../../shared/ipc/channels'
import { AppError, fail, ok, type Problem, type Result } from '../../shared/ipc/result'
import { hasRight, type ChannelRight } from '../../shared/ipc/rights'
import { SCREEN_RIGHTS, type Screen } from '../../shared/domain/change-set'
import type { Handlers } from './handlers'
import type { Session } from './session'

export interface DispatchOptions {
  handlers: Handlers
  session: () => Session
  /** Tests turn this on to prove every handler returns what the contract promises. */
  checkOutputs?: boolean
  /** Where unexpected errors are reported (electron-log in the app, a test spy in tests). */
  onUnexpectedError?: (channel: string, error: unknown) => void
}

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>

/**
 * The single door into core: checks the channel exists, parses the input with its schema, checks
 * the admin's rights, calls the handler, and turns every failure into a Result. Never throws.
 */
export function createDispatch(options: DispatchOptions): Dispatch {
  return async (channel, input) => {
    if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) {
      return fail('unknown_channel', `The app has no operation called "${String(channel).slice(0, 80)}".`)
    }
    const entry = contract[channel as Channel]
    const parsed = entry.input.safeParse(input)
    if (!parsed.success) {
      const problems = toProblems(parsed.error)
      return fail('invalid_input', `The request was not understood: ${problems[0]?.message ?? 'bad input'} Nothing was changed.`, problems)
    }
    const needed = requiredRight(entry.right, parsed.data)
    if (!hasRight(options.session().rights, needed)) {
      return fail('not_allowed', `Your role does not allow this (it needs the "${needed}" right). Ask a general administrator.`)
    }
    try {
      const handler = options.handlers[channel as Channel] as (input: unknown) => Promise<unknown>
      const value = await handler(parsed.data)
      if (options.checkOutputs) entry.output.parse(value)
      return ok(value)
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message, error.problems)
      options.onUnexpectedError?.(channel, error)
      return fail('internal', `Something unexpected went wrong (${error instanceof Error ? error.message : String(error)}). If this was a Save, nothing was written; try again or report the problem.`)
    }
  }
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
