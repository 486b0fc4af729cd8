import type { WebContents, WebPreferences, Session, IpcMainInvokeEvent } from 'electron'
import { isAllowedExternalUrl } from '../../shared/domain/external-url'
import { APP_ORIGIN } from './app-protocol'

/** The renderer's powers, per Electron's security checklist. Tests assert each value. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false
  }
}

/** Origins the window may show: the app itself, and the dev server while developing. */
export function isAppUrl(raw: string, devServerUrl?: string): boolean {
  try {
    const url = new URL(raw)
    // Not `url.origin`: Node's URL (the main process) gives "null" for a non-special scheme like
    // app:, so an origin comparison never matched and every IPC call from the window was refused.
    if (`${url.protocol}//${url.host}` === APP_ORIGIN && url.username === '' && url.password === '') return true
    return devServerUrl !== undefined && url.origin !== 'null' && url.origin === new URL(devServerUrl).origin
  } catch {
    return false
  }
}

/**
 * Denies every navigation away from the app and every new window; links to allowed https
 * addresses go to the system browser through the one guarded opener instead.
 */
export function guardNavigation(contents: WebContents, openExternal: (url: string) => void, devServerUrl?: string): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, devServerUrl)) return
    event.preventDefault()
    if (isAllowedExternalUrl(url)) openExternal(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}

/** No camera, microphone, notifications, geolocation…: an admin tool needs none of them. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** Only our own top-level page may call main (not an iframe, not another origin). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, devServerUrl?: string): boolean {
  const frame = event.senderFrame
  if (!frame || frame !== event.sender.mainFrame || frame.parent !== null) return false
  return isAppUrl(frame.url, devServerUrl)
}
