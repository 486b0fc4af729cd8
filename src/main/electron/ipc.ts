import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CHANNELS } from '../../shared/ipc/channels'
import { fail } from '../../shared/ipc/result'
import type { Dispatch } from '../core/dispatch'

/**
 * Registers every contract channel on ipcMain. The shell adds only the sender check; parsing,
 * rights and error mapping all happen in `dispatch`, the same door the CLI and the e2e bridge use.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event)) return fail('not_allowed', 'This request did not come from the app window and was refused.')
      return dispatch(channel, input)
    })
  }
}
