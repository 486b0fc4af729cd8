import type { Channel, MenuCommand } from '../../../shared/ipc/channels'
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract'
import type { ErrorCode, Problem } from '../../../shared/ipc/result'

/** A failed call, as a value the UI can show: a stable code, a message and any validation problems. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly problems: Problem[]
  constructor(code: ErrorCode, message: string, problems: Problem[] = []) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.problems = problems
  }
}

/**
 * Calls one contract channel. The bridge returns a Result (it never throws across IPC); here a
 * failed Result becomes an ApiError so callers can use ordinary try/catch.
 */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const bridge = window.api as unknown as Record<Channel, ((input: ChannelInput<C>) => Promise<unknown>) | undefined> | undefined
  const send = bridge?.[channel]
  if (!send) throw new ApiError('internal', `The app's connection to its site is missing (${channel}).`)
  const result = (await send(input)) as Awaited<ReturnType<Window['api'][C]>>
  if (result.ok) return result.value as ChannelOutput<C>
  throw new ApiError(result.error.code, result.error.message, result.error.problems)
}

/** Subscribes to the app menu's Save/Cancel/Undo/Redo; a browser bridge may not offer menus. */
export function onMenuCommand(listener: (command: MenuCommand) => void): void {
  window.api?.onMenuCommand?.(listener)
}

/** Turns anything thrown into an ApiError, so the alert region always has a message to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new ApiError('internal', message)
}
