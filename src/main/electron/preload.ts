import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS, MENU_COMMAND_EVENT, MENU_COMMANDS, type MenuCommand } from '../../shared/ipc/channels'

/**
 * The sandboxed bridge, generated from the channel names: one function per channel, plus a
 * listener for menu commands. It imports no npm package and exposes no ipcRenderer.
 */
const api: Record<string, unknown> = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)])
)
api.onMenuCommand = (listener: (command: MenuCommand) => void): void => {
  ipcRenderer.on(MENU_COMMAND_EVENT, (_event, command: unknown) => {
    if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand)
  })
}

contextBridge.exposeInMainWorld('api', api)
