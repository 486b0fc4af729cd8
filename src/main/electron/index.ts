import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, screen, shell } from 'electron'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { openCore, type Core } from '../core/open-core'
import { systemClock } from '../core/clock'
import { MENU_COMMAND_EVENT, type MenuCommand } from '../../shared/ipc/channels'
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppFile } from './app-protocol'
import { denyAllPermissions, guardNavigation, isTrustedSender, secureWebPreferences } from './security'
import { registerIpc } from './ipc'
import { chooseLicenceFile } from './licence-file-dialog'
import { chooseImportFile, chooseUsersExportTarget } from './csv-file-dialogs'
import { chooseSnapshotTarget, takeSnapshotFromMenu } from './snapshot-dialogs'
import { dialogRecoveryUi, openWithRecovery, siteSnapshots } from './site-recovery'
import { createAppLogger } from './log-file'
import { aboutText, buildMenuTemplate } from './menu'
import { argsForSite, chooseAuditExportTarget, chooseSiteToSwitchTo, windowTitle } from './site-switch'
import { isStartupSettingsError, loadStartupSettings } from './startup-settings'
import { DEFAULT_WINDOW_STATE, isVisibleOnSomeDisplay, loadWindowState, saveWindowState } from './window-state'

const here = fileURLToPath(new URL('.', import.meta.url))
const rendererDir = join(here, '../renderer')
const preloadPath = join(here, '../preload/preload.cjs')
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
app.enableSandbox()

// macOS hands a double-clicked .smsite file to a starting app as an 'open-file' event (Windows and
// Linux pass it as an argument). Registered before 'ready' so the launch event is not missed; files
// opened while the app runs are not switched to (File → Switch site does that).
let fileOpenedAtLaunch: string | undefined
app.on('open-file', (event, path) => {
  event.preventDefault()
  fileOpenedAtLaunch ??= path
})

/**
 * The one door to the system browser (DESIGN, Electron security). Core vets every address before
 * it gets here (the allow-list, or a shop address from a verified, signed licence file); links the
 * page itself tries to open are vetted against the allow-list by guardNavigation. This last check
 * only refuses anything that is not plain https.
 */
function openExternal(url: string): Promise<void> {
  if (!/^https:\/\/[^\s]+$/.test(url)) return Promise.resolve()
  return shell.openExternal(url)
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  await app.whenReady()

  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererDir)
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })

  // The command line and the machine-wide configuration file (docs/deployment.md) are read
  // together: either one being wrong stops here, before anything is opened or created.
  let settings
  try {
    settings = loadStartupSettings({
      argv: [...process.argv.slice(app.isPackaged ? 1 : 2), ...(fileOpenedAtLaunch ? [fileOpenedAtLaunch] : [])],
      userDataDir: app.getPath('userData'),
      platform: process.platform,
      env: process.env,
      readFile: (path) => readFileSync(path, 'utf8')
    })
  } catch (error) {
    if (isStartupSettingsError(error)) dialog.showErrorBox('Settings and maintenance', error.message)
    app.exit(2)
    return
  }
  const { args, machineConfig } = settings

  if (args.siteGiven && !existsSync(args.sitePath)) {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      message: `There is no site file at ${args.sitePath}.`,
      detail:
        args.siteSource === 'machine-config'
          ? `This is the default site set in the machine-wide configuration file ${machineConfig.path}. Create a new, empty site there?`
          : 'Create a new, empty site there?',
      buttons: ['Create site', 'Quit'],
      defaultId: 1,
      cancelId: 1
    })
    if (response !== 0) {
      app.quit()
      return
    }
  }

  // Dispatch logs (secrets redacted) to <logs>/main.log; SM_LOG_LEVEL=debug logs every call.
  const logger = createAppLogger(app.getPath('logs'))
  logger.info('machine-wide configuration', { file: machineConfig.path, found: machineConfig.found, settings: machineConfig.config })
  // A damaged site (quick_check) is never opened or repaired: site-recovery offers to restore the
  // latest snapshot into a NEW file and open that, or to quit. Other failures are reported.
  const opened = await openWithRecovery(args.sitePath, (sitePath) =>
    openCore({
      sitePath,
      create: true,
      clock: systemClock,
      // No fixed session: the site opens signed out, and sign-in (or the set-up wizard) starts one.
      onSessionChange: (status) => BrowserWindow.getAllWindows()[0]?.setTitle(windowTitle(status.sitePath, status.admin)),
      chooseAuditExportTarget: (suggestedName) => chooseAuditExportTarget(dialog, BrowserWindow.getFocusedWindow(), join(app.getPath('documents'), suggestedName)),
      appInfo: {
        appVersion: app.getVersion(),
        versions: { ...process.versions } as Record<string, string>,
        platform: process.platform,
        // The renderer starts in this language unless the user has picked one in the app.
        defaultLanguage: machineConfig.config.language ?? null
      },
      openExternal,
      chooseLicenceFile: () => chooseLicenceFile(dialog, BrowserWindow.getFocusedWindow()),
      chooseImportFile: () => chooseImportFile(dialog, BrowserWindow.getFocusedWindow()),
      chooseUsersExportTarget: (suggestedName) => chooseUsersExportTarget(dialog, BrowserWindow.getFocusedWindow(), join(app.getPath('documents'), suggestedName)),
      chooseSnapshotTarget: (suggestedName) => chooseSnapshotTarget(dialog, BrowserWindow.getFocusedWindow(), sitePath, suggestedName),
      nativeBinding: process.env.SM_SQLITE_BINDING,
      onUnexpectedError: (channel, error) => console.error(`[ipc ${channel}]`, error),
      logger
    }), dialogRecoveryUi(dialog), siteSnapshots)
  if (opened.kind === 'quit') {
    app.exit(opened.exitCode)
    return
  }
  const core: Core = opened.core

  registerIpc(ipcMain, core.dispatch, (event) => isTrustedSender(event, devServerUrl))
  const window = createWindow()
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  const send = (command: MenuCommand): void => window.webContents.send(MENU_COMMAND_EVENT, command)
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        send,
        isMac: process.platform === 'darwin',
        isDev: !app.isPackaged,
        takeSnapshot: () => void takeSnapshotFromMenu(core.dispatch, dialog, window, core.site.path),
        switchSite: () =>
          void chooseSiteToSwitchTo(dialog, window).then((path) => {
            if (!path) return
            // Pending changes live in the site file, so nothing is lost by reopening.
            app.relaunch({ args: argsForSite(process.argv.slice(1), path) })
            void core.close().finally(() => app.exit(0))
          }),
        showAbout: () =>
          void dialog.showMessageBox(window, {
            title: 'About Settings and maintenance',
            message: 'Settings and maintenance, desktop edition',
            detail: aboutText({ appVersion: app.getVersion(), versions: process.versions, sitePath: core.site.path })
          })
      })
    )
  )
  window.setTitle(windowTitle(core.site.path, null))

  // Pending changes are kept in the site, so closing loses nothing; still ask, as users expect.
  let closing = false
  window.on('close', (event) => {
    if (closing) return
    event.preventDefault()
    void core.engine.screensWithChanges().then(async (screens) => {
      if (screens.length === 0) {
        closing = true
        window.close()
        return
      }
      const { response } = await dialog.showMessageBox(window, {
        type: 'warning',
        message: 'There are unsaved changes.',
        detail: `Screens with changes: ${screens.join(', ')}. You can keep them for the next time you open this site, discard them, or stay and save.`,
        buttons: ['Stay and review', 'Keep for next time and close', 'Discard and close'],
        defaultId: 0,
        cancelId: 0
      })
      if (response === 0) {
        send('save')
        return
      }
      if (response === 2) for (const screen of screens) await core.engine.cancel(screen)
      closing = true
      window.close()
    })
  })
  app.on('window-all-closed', () => {
    void core.close().finally(() => app.quit())
  })
}

function createWindow(): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json')
  const remembered = loadWindowState(stateFile)
  const usable = remembered && isVisibleOnSomeDisplay(remembered, screen.getAllDisplays().map((d) => d.workArea))
  const window = new BrowserWindow({
    ...(usable ? { x: remembered.x, y: remembered.y, width: remembered.width, height: remembered.height } : DEFAULT_WINDOW_STATE),
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Settings and maintenance',
    webPreferences: secureWebPreferences(preloadPath)
  })
  if (usable && remembered.maximized) window.maximize()
  denyAllPermissions(window.webContents.session)
  guardNavigation(window.webContents, (url) => void openExternal(url), devServerUrl)
  window.once('ready-to-show', () => window.show())
  window.on('close', () => {
    const bounds = window.getNormalBounds()
    try {
      saveWindowState(stateFile, { ...bounds, maximized: window.isMaximized() })
    } catch (error) {
      console.error('Could not remember the window position:', error)
    }
  })
  void window.loadURL(devServerUrl ?? APP_ENTRY_URL)
  return window
}

void start()
