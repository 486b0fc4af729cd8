import { describe, expect, it, vi } from 'vitest'

// Nothing under test may load the real Electron (no binary on our machines); fail loudly if it does.
vi.mock('electron', () => {
  throw new Error('security.ts must only `import type` from electron')
})

import { denyAllPermissions, guardNavigation, isAppUrl, isTrustedSender, secureWebPreferences } from '../../../src/main/electron/security'
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../src/main/electron/app-protocol'

type Listener = (...args: unknown[]) => void

/** A stand-in for WebContents that records listeners and the window-open handler. */
function fakeContents() {
  const listeners = new Map<string, Listener[]>()
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return contents
    },
    setWindowOpenHandler(handler: typeof windowOpenHandler) {
      windowOpenHandler = handler
    }
  }
  const emit = (name: string, url?: string): { prevented: boolean } => {
    const event = { prevented: false, preventDefault() { this.prevented = true } }
    const registered = listeners.get(name) ?? []
    expect(registered.length, `a ${name} listener`).toBeGreaterThan(0)
    for (const listener of registered) listener(event, url)
    return event
  }
  return { contents, emit, open: (url: string) => windowOpenHandler!({ url }), hasOpenHandler: () => windowOpenHandler !== undefined }
}

describe('secureWebPreferences', () => {
  it('locks the renderer down per Electron’s security checklist', () => {
    const prefs = secureWebPreferences('/app/preload.cjs')
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false
    })
    // Nothing that would loosen it sneaks in.
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
    expect(prefs).not.toHaveProperty('disableBlinkFeatures')
  })
})

describe('guardNavigation', () => {
  const setup = (devServerUrl?: string) => {
    const fake = fakeContents()
    const opened: string[] = []
    guardNavigation(fake.contents as never, (url) => opened.push(url), devServerUrl)
    return { ...fake, opened }
  }

  it('lets the app navigate within its own origin', () => {
    const { emit, opened } = setup()
    expect(emit('will-navigate', APP_ENTRY_URL).prevented).toBe(false)
    expect(emit('will-navigate', `${APP_ORIGIN}/other.html#x`).prevented).toBe(false)
    expect(opened).toEqual([])
  })

  it.each([
    'https://evil.example/',
    'http://superoffice.com/',
    'file:///etc/passwd',
    'app://other-host/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url'
  ])('denies will-navigate to %s and opens nothing', (url) => {
    const { emit, opened } = setup()
    expect(emit('will-navigate', url).prevented).toBe(true)
    expect(opened).toEqual([])
  })

  it('hands an allowed https link to openExternal instead of navigating', () => {
    const { emit, opened } = setup()
    expect(emit('will-navigate', 'https://appstore.superoffice.com/en/').prevented).toBe(true)
    expect(opened).toEqual(['https://appstore.superoffice.com/en/'])
  })

  it('denies redirects away from the app', () => {
    const { emit } = setup()
    expect(emit('will-redirect', 'https://evil.example/').prevented).toBe(true)
    expect(emit('will-redirect', `${APP_ORIGIN}/index.html`).prevented).toBe(false)
  })

  it('denies attaching webviews', () => {
    const { emit } = setup()
    expect(emit('will-attach-webview').prevented).toBe(true)
  })

  it('window.open is always denied; only allowed https addresses go to the browser', () => {
    const { open, opened, hasOpenHandler } = setup()
    expect(hasOpenHandler()).toBe(true)
    expect(open('https://superoffice.com/docs')).toEqual({ action: 'deny' })
    expect(open(APP_ENTRY_URL)).toEqual({ action: 'deny' })
    expect(open('http://superoffice.com/')).toEqual({ action: 'deny' })
    expect(open('https://superoffice.com.evil.io/')).toEqual({ action: 'deny' })
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://superoffice.com/docs'])
  })

  it('accepts the dev server origin only when one is given', () => {
    expect(setup('http://localhost:5173/').emit('will-navigate', 'http://localhost:5173/#/lists').prevented).toBe(false)
    expect(setup().emit('will-navigate', 'http://localhost:5173/#/lists').prevented).toBe(true)
    expect(setup('http://localhost:5173/').emit('will-navigate', 'http://localhost:5174/').prevented).toBe(true)
  })
})

describe('isAppUrl', () => {
  it('is true only for the app origin (and a given dev server)', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true)
    expect(isAppUrl('app://renderer.evil/index.html')).toBe(false)
    expect(isAppUrl('app://renderer@evil/index.html')).toBe(false)
    expect(isAppUrl('app://user@renderer/index.html')).toBe(false)
    expect(isAppUrl('app://renderer:8080/index.html')).toBe(false)
    expect(isAppUrl('http://renderer/index.html')).toBe(false)
    // Opaque origins ("null") never match each other.
    expect(isAppUrl('data:text/html,x', 'data:text/html,y')).toBe(false)
    expect(isAppUrl('')).toBe(false)
    expect(isAppUrl('http://localhost:5173/', 'not a url')).toBe(false)
  })
})

describe('isTrustedSender', () => {
  function sender(url: string, options: { iframe?: boolean; destroyed?: boolean } = {}) {
    const mainFrame = { url, parent: null as unknown }
    const child = { url, parent: mainFrame }
    return {
      sender: { mainFrame },
      senderFrame: options.destroyed ? null : options.iframe ? child : mainFrame
    }
  }

  it('trusts only our own top-level page', () => {
    expect(isTrustedSender(sender(APP_ENTRY_URL) as never)).toBe(true)
    expect(isTrustedSender(sender(APP_ENTRY_URL, { iframe: true }) as never)).toBe(false)
    expect(isTrustedSender(sender('https://evil.example/') as never)).toBe(false)
    expect(isTrustedSender(sender('file:///tmp/x.html') as never)).toBe(false)
    expect(isTrustedSender(sender(APP_ENTRY_URL, { destroyed: true }) as never)).toBe(false)
    expect(isTrustedSender(sender('http://localhost:5173/') as never, 'http://localhost:5173')).toBe(true)
    expect(isTrustedSender(sender('http://localhost:5173/') as never)).toBe(false)
  })

  it('refuses a frame that claims to be the main frame but has a parent', () => {
    const mainFrame = { url: APP_ENTRY_URL, parent: { url: 'https://evil.example/' } }
    expect(isTrustedSender({ sender: { mainFrame }, senderFrame: mainFrame } as never)).toBe(false)
  })
})

describe('denyAllPermissions', () => {
  it('answers every permission request and check with no', () => {
    let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined
    let checkHandler: ((...args: unknown[]) => boolean) | undefined
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h)
    }
    denyAllPermissions(session as never)
    const answers: boolean[] = []
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      requestHandler!({}, permission, (granted) => answers.push(granted))
      expect(checkHandler!({}, permission, APP_ORIGIN, {})).toBe(false)
    }
    expect(answers).toEqual([false, false, false, false, false])
  })
})
