import type { Channel, MenuCommand } from '../../shared/ipc/channels'
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract'
import type { Result } from '../../shared/ipc/result'

/** The bridge the preload exposes, derived from the contract so a renamed channel is a type error. */
export type ApiBridge = { [C in Channel]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> } & {
  /** Present in the Electron app; a browser test bridge may leave it out. */
  onMenuCommand?: (listener: (command: MenuCommand) => void) => void
}

declare global {
  interface Window {
    api: ApiBridge
  }
}
