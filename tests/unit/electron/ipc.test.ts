import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => {
  throw new Error('ipc.ts must only `import type` from electron')
})

import { registerIpc } from '../../../src/main/electron/ipc'
import { isTrustedSender } from '../../../src/main/electron/security'
import { APP_ENTRY_URL } from '../../../src/main/electron/app-protocol'
import { CHANNELS } from '../../../src/shared/ipc/channels'
import { contract } from '../../../src/shared/ipc/contract'
import type { Dispatch } from '../../../src/main/core/dispatch'

type Handler = (event: unknown, input: unknown) => Promise<unknown>

function register(dispatch: Dispatch) {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      expect(handlers.has(channel), `${channel} registered twice`).toBe(false)
      handlers.set(channel, handler)
    })
  }
  registerIpc(ipcMain as never, dispatch, (event) => isTrustedSender(event))
  return { handlers, ipcMain }
}

function event(url: string, iframe = false) {
  const mainFrame = { url, parent: null as unknown }
  return { sender: { mainFrame }, senderFrame: iframe ? { url, parent: mainFrame } : mainFrame }
}

describe('registerIpc', () => {
  it('registers exactly the contract channels', () => {
    const { handlers } = register(vi.fn())
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    expect([...handlers.keys()].sort()).toEqual(Object.keys(contract).sort())
  })

  it('forwards a call from our page to dispatch and returns its Result unchanged', async () => {
    const result = { ok: true, value: { steps: 1 } }
    const dispatch = vi.fn(async () => result) as unknown as Dispatch
    const { handlers } = register(dispatch)
    for (const channel of CHANNELS) {
      const input = { probe: channel }
      expect(await handlers.get(channel)!(event(APP_ENTRY_URL), input)).toBe(result)
      expect(dispatch).toHaveBeenLastCalledWith(channel, input)
    }
    expect(dispatch).toHaveBeenCalledTimes(CHANNELS.length)
  })

  it.each([
    ['an iframe of our page', event(APP_ENTRY_URL, true)],
    ['another origin', event('https://evil.example/')],
    ['a file:// page', event('file:///tmp/evil.html')],
    ['a destroyed frame', { sender: { mainFrame: {} }, senderFrame: null }]
  ])('refuses %s with not_allowed without calling dispatch', async (_label, foreign) => {
    const dispatch = vi.fn()
    const { handlers } = register(dispatch)
    for (const channel of CHANNELS) {
      const result = await handlers.get(channel)!(foreign, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
    }
    expect(dispatch).not.toHaveBeenCalled()
  })
})
