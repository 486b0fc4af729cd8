import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/ipc/channels'

export interface MenuActions {
  send: (command: MenuCommand) => void
  showAbout: () => void
  /** File → Snapshot: main takes it and reports where (SPEC A3.10). */
  takeSnapshot: () => void
  /** File → Switch site: main asks for another site file and reopens the app on it. */
  switchSite: () => void
  isMac: boolean
  isDev: boolean
}

/**
 * File, Edit (with the screen's Save / Cancel / Undo / Redo), View, Help. Text editing keeps the
 * standard roles, so Ctrl+Z in a text field still undoes typing; the renderer handles Ctrl+Z for
 * staged changes only when no text field has focus.
 */
export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const { send } = actions
  const template: MenuItemConstructorOptions[] = [
    {
      label: '&File',
      submenu: [
        { label: 'Take s&napshot', click: () => actions.takeSnapshot() },
        // The renderer shows its Snapshots page if it has one, and ignores the command otherwise.
        { label: 'Sna&pshots…', click: () => send('snapshots') },
        { type: 'separator' },
        // The renderer signs out through 'auth:signOut' (so unsaved work is asked about first).
        { label: 'Sign &out', click: () => send('signOut') },
        { label: 'S&witch site…', click: () => actions.switchSite() },
        { type: 'separator' },
        actions.isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' }
      ]
    },
    {
      label: '&Edit',
      submenu: [
        { label: '&Save changes…', accelerator: 'CmdOrCtrl+S', click: () => send('save') },
        { label: '&Cancel changes…', click: () => send('cancel') },
        { type: 'separator' },
        { label: 'Undo change', click: () => send('undo') },
        { label: 'Redo change', click: () => send('redo') },
        { type: 'separator' },
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' }
      ]
    },
    {
      label: '&View',
      submenu: [
        ...(actions.isDev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { label: '&Help', submenu: [{ label: '&About Settings and maintenance', click: () => actions.showAbout() }] }
  ]
  if (actions.isMac) template.unshift({ role: 'appMenu' })
  return template
}

/** The About text: versions and the open site, so support can ask for one screenshot. */
export function aboutText(info: { appVersion: string; versions: Record<string, string | undefined>; sitePath: string }): string {
  const v = info.versions
  return [
    `Version ${info.appVersion}`,
    `Electron ${v.electron ?? '?'} · Chromium ${v.chrome ?? '?'} · Node ${v.node ?? '?'}`,
    '',
    `Site file: ${info.sitePath}`
  ].join('\n')
}
