import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHANNELS } from '../../../src/shared/ipc/channels'
import { APP_ENTRY_URL } from '../../../src/main/electron/app-protocol'

/**
 * The Electron entry point (index.ts) wired against a fake `electron` module: proves the real
 * start-up uses the secure preferences, registers every channel behind the sender check, guards
 * navigation and serves the renderer only from its folder.
 */
const fake = vi.hoisted(() => {
  type Fn = (...args: unknown[]) => unknown
  const appListeners = new Map<string, Fn>()
  const windows: BrowserWindow[] = []
  const ipcHandlers = new Map<string, Fn>()
  const protocolHandlers = new Map<string, Fn>()
  const state = { userData: '' }

  class BrowserWindow {
    readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>
    readonly listeners = new Map<string, Fn[]>()
    readonly contentsListeners = new Map<string, Fn>()
    windowOpenHandler: Fn | undefined
    loadedUrl: string | undefined
    title = ''
    closed = 0
    readonly permission: { request?: Fn; check?: Fn } = {}
    readonly webContents = {
      on: (event: string, fn: Fn) => this.contentsListeners.set(event, fn),
      setWindowOpenHandler: (fn: Fn) => (this.windowOpenHandler = fn),
      send: vi.fn(),
      session: {
        setPermissionRequestHandler: (fn: Fn) => (this.permission.request = fn),
        setPermissionCheckHandler: (fn: Fn) => (this.permission.check = fn)
      }
    }
    constructor(options: BrowserWindow['options']) {
      this.options = options
      windows.push(this)
    }
    on(event: string, fn: Fn) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn])
    }
    once(event: string, fn: Fn) {
      this.on(event, fn)
    }
    loadURL(url: string) {
      this.loadedUrl = url
      return Promise.resolve()
    }
    setTitle(title: string) {
      this.title = title
    }
    close() {
      this.closed++
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
      for (const fn of this.listeners.get('close') ?? []) fn(event)
      return event
    }
    show() {}
    maximize() {}
    isMinimized() { return false }
    isMaximized() { return false }
    restore() {}
    focus() {}
    getNormalBounds() { return { x: 10, y: 20, width: 1200, height: 800 } }
  }

  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: vi.fn((name: string) => (name === 'userData' ? state.userData : '/nonexistent')),
      getVersion: () => '9.9.9',
      on: (event: string, fn: Fn) => appListeners.set(event, fn),
      quit: vi.fn(),
      exit: vi.fn()
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 1 })) },
    ipcMain: { handle: vi.fn((channel: string, fn: Fn) => ipcHandlers.set(channel, fn)) },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => template) },
    net: { fetch: vi.fn(async (url: string) => new Response(`served ${url}`)) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, fn: Fn) => protocolHandlers.set(scheme, fn))
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: vi.fn(async () => {}) }
  }
  return { electron, state, windows, ipcHandlers, protocolHandlers, appListeners }
})

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

function sender(url: string, iframe = false) {
  const mainFrame = { url, parent: null as unknown }
  return { sender: { mainFrame }, senderFrame: iframe ? { url, parent: mainFrame } : mainFrame }
}

describe('main process start-up (index.ts with a fake electron)', () => {
  beforeAll(async () => {
    fake.state.userData = mkdtempSync(join(tmpdir(), 'smadmin-userdata-'))
    await import('../../../src/main/electron/index')
    await vi.waitFor(() => expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalled(), { timeout: 10_000 })
  })

  afterAll(async () => {
    // Closing the last window closes the site before quitting.
    fake.appListeners.get('window-all-closed')?.()
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled(), { timeout: 10_000 })
    rmSync(fake.state.userData, { recursive: true, force: true })
  })

  it('enables the sandbox, takes the single-instance lock and registers app:// as a secure scheme', () => {
    expect(fake.electron.app.enableSandbox).toHaveBeenCalled()
    expect(fake.electron.app.requestSingleInstanceLock).toHaveBeenCalled()
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }
    ])
    expect(fake.electron.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(fake.electron.app.exit).not.toHaveBeenCalled()
  })

  it('opens (creating) the default site under userData and loads the app page', () => {
    expect(existsSync(join(fake.state.userData, 'sites', 'default.smsite'))).toBe(true)
    expect(fake.windows).toHaveLength(1)
    const [window] = fake.windows
    expect(window.loadedUrl).toBe(APP_ENTRY_URL)
    expect(window.title).toContain(join(fake.state.userData, 'sites', 'default.smsite'))
  })

  it('creates the window with the secure web preferences', () => {
    const prefs = fake.windows[0].options.webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false
    })
    expect(String(prefs.preload)).toMatch(/preload[\\/]preload\.cjs$/)
  })

  it('registers every channel; our page gets answers, an iframe or other origin gets not_allowed', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort())
    const info = await fake.ipcHandlers.get('app:info')!(sender(APP_ENTRY_URL), {})
    expect(info).toMatchObject({ ok: true, value: { appVersion: '9.9.9', sitePath: join(fake.state.userData, 'sites', 'default.smsite') } })
    expect(await fake.ipcHandlers.get('app:info')!(sender(APP_ENTRY_URL, true), {})).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
    expect(await fake.ipcHandlers.get('changes:save')!(sender('https://evil.example/'), { screen: 'lists' })).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' }
    })
  })

  it('guards navigation, window.open and permissions on the real window', () => {
    const [window] = fake.windows
    const navigate = (url: string) => {
      const event = { prevented: false, preventDefault() { this.prevented = true } }
      window.contentsListeners.get('will-navigate')!(event, url)
      return event.prevented
    }
    expect(navigate('https://evil.example/')).toBe(true)
    expect(navigate(`${APP_ENTRY_URL}#/lists`)).toBe(false)
    expect(window.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(window.windowOpenHandler!({ url: 'https://superoffice.com/' })).toEqual({ action: 'deny' })
    expect(fake.electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://superoffice.com/')
    expect(window.permission.check!({}, 'media')).toBe(false)
  })

  it('serves app:// only from the renderer folder', async () => {
    const handler = fake.protocolHandlers.get('app')!
    const ok = (await handler({ url: 'app://renderer/index.html' })) as Response
    expect(await ok.text()).toMatch(/^served file:\/\/.*\/renderer\/index\.html$/)
    const refused = (await handler({ url: 'app://renderer/..%2f..%2fpackage.json' })) as Response
    expect(refused.status).toBe(404)
    expect(fake.electron.net.fetch).toHaveBeenCalledOnce()
  })

  it('builds the menu with File, Edit, View, Help', () => {
    const template = fake.electron.Menu.setApplicationMenu.mock.calls[0][0] as Array<{ label?: string; role?: string }>
    expect(template.map((t) => t.label ?? t.role).filter((l) => l !== 'appMenu').map((l) => l!.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Help'])
  })

  it('closing the window without pending changes closes it and remembers its position', async () => {
    const [window] = fake.windows
    const first = window.close()
    expect(first.defaultPrevented).toBe(true) // asks the engine first
    await vi.waitFor(() => expect(window.closed).toBe(2), { timeout: 10_000 })
    expect(existsSync(join(fake.state.userData, 'window-state.json'))).toBe(true)
  })
})
