import type { ApiBridge } from '../../../src/renderer/src/env'
import type { Channel } from '../../../src/shared/ipc/channels'
import type { ChangeSetState } from '../../../src/shared/domain/change-set'
import type { Result } from '../../../src/shared/ipc/result'

/** A window.api stand-in that records calls and answers from per-channel handlers. */
export function installFakeApi(handlers: Partial<Record<Channel, (input: unknown) => Result<unknown>>>) {
  const calls: { channel: Channel; input: unknown }[] = []
  const api = new Proxy({} as ApiBridge, {
    get: (_target, channel: string) => {
      if (channel === 'onMenuCommand') return undefined
      return async (input: unknown) => {
        calls.push({ channel: channel as Channel, input })
        const handler = handlers[channel as Channel]
        return handler ? handler(input) : { ok: false, error: { code: 'unknown_channel', message: `No fake for ${channel}` } }
      }
    }
  })
  ;(window as unknown as { api: ApiBridge }).api = api
  return { calls }
}

export function state(steps: number, canRedo = false): Result<ChangeSetState> {
  return { ok: true, value: { screen: 'lists', steps, canUndo: steps > 0, canRedo, pendingSince: steps > 0 ? '2026-01-01T00:00:00.000Z' : null } }
}
