import { test as base, expect, type Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type * as CoreModule from '../../src/main/core/index'
import { CHANNELS } from '../../src/shared/ipc/channels'
import type { Result } from '../../src/shared/ipc/result'

/** The built core (out/main/core.js): e2e drives the same bundle the app ships. */
async function loadCore(): Promise<typeof CoreModule> {
  return (await import(pathToFileURL(resolve(process.env.SM_OUT_DIR ?? 'out', 'main/core.js')).href)) as typeof CoreModule
}

export interface SiteUnderTest {
  path: string
  core: CoreModule.Core
  /** Addresses the app asked to open in the system browser. */
  openedExternally: string[]
  /** Every result the renderer received, for scans (e.g. no secret ever crosses the bridge). */
  results: Array<{ channel: string; result: Result<unknown> }>
  /** A separate read-only connection, to check what is really in SQLite. */
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[]
  /** Signs a licence body with the test vendor key the site trusts (the app's real key stays offline). */
  signLicence(body: unknown): string
  /** Puts a file where the next "Load licence from file…" will find it (main's file dialog in the app). */
  offerLicenceFile(name: string, content: string): void
  /** Puts a CSV file where the next Import → "Choose CSV file…" finds it (main's open dialog in the app). */
  offerImportFile(name: string, content: string | Uint8Array): void
  /** Where Users → Export… writes (main's save dialog in the app): the test folder. */
  exportDir: string
  /** Activates a licence file through the real channels, as the Licences screen does. */
  activateLicence(content: string): Promise<void>
}

interface Options {
  demo: boolean
  heldSystemLicences: string[]
  /**
   * Start signed in (default). A demo site signs in as its ADMIN through the real 'auth:signIn';
   * a fresh non-demo site has no administrator (it would show the set-up wizard), so it runs with
   * a fixed general-administrator session instead of adding one to the data each spec checks.
   * false: the page opens at Sign in or the set-up wizard.
   */
  signedIn: boolean
}

export const test = base.extend<Options & { site: SiteUnderTest; app: Page }>({
  demo: [false, { option: true }],
  heldSystemLicences: [[], { option: true }],
  signedIn: [true, { option: true }],

  site: async ({ demo, heldSystemLicences, signedIn }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'sm-e2e-'))
    const path = join(dir, 'site.smsite')
    const mod = await loadCore()
    // Each test trusts a vendor key of its own; the demo key is trusted as in the app.
    const vendor = mod.generateEd25519KeyPair()
    const vendorKey = mod.privateKeyFromPem(vendor.privateKeyPem)
    const offeredFiles: Array<{ path: string; content: string }> = []
    const offeredImports: Array<{ path: string; bytes: Uint8Array }> = []
    const created = await mod.createSite(path, { demo, clock: mod.systemClock })
    await created.close()
    const openedExternally: string[] = []
    const core = await mod.openCore({
      sitePath: path,
      create: false,
      clock: mod.systemClock,
      ...(signedIn && !demo ? { session: () => mod.localSession('e2e') } : {}),
      // Refused sign-ins are held back in the app; specs never wait for real time.
      sleep: async () => {},
      chooseAuditExportTarget: async (name) => join(dir, name),
      appInfo: { appVersion: '0.0.0-e2e', versions: { chrome: 'chromium' }, platform: process.platform },
      openExternal: async (url) => {
        openedExternally.push(url)
      },
      checkOutputs: true,
      trustedKeys: { vendorKeys: [vendor.publicKey], demoKey: mod.DEMO_PUBLIC_KEY },
      chooseLicenceFile: async () => offeredFiles.shift() ?? null,
      chooseImportFile: async () => offeredImports.shift() ?? null,
      chooseUsersExportTarget: async (name) => join(dir, name),
      onUnexpectedError: (channel, error) => console.error(`[dispatch ${channel}]`, error)
    })
    const reader = new Database(path, { readonly: true })
    const site: SiteUnderTest = {
      path,
      core,
      openedExternally,
      results: [],
      query: (sql, ...params) => reader.prepare(sql).all(...params) as never,
      signLicence: (body) => mod.signLicenceBody(body, vendorKey),
      offerLicenceFile: (name, content) => offeredFiles.push({ path: join(dir, name), content }),
      offerImportFile: (name, content) => offeredImports.push({ path: join(dir, name), bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content }),
      exportDir: dir,
      activateLicence: async (content) => {
        offeredFiles.push({ path: join(dir, 'licence.json'), content })
        const loaded = await core.dispatch('licences:loadFile', {})
        if (!loaded.ok || (loaded.value as { status: string }).status !== 'loaded') throw new Error(`loadFile failed: ${JSON.stringify(loaded)}`)
        const token = (loaded.value as { token: string }).token
        const activated = await core.dispatch('licences:activate', { token, removals: [] })
        if (!activated.ok) throw new Error(`activate failed: ${JSON.stringify(activated.error)}`)
      }
    }
    if (signedIn && demo) {
      const signIn = await core.dispatch('auth:signIn', { userId: mod.DEMO_ADMIN.userId, password: mod.DEMO_ADMIN.password })
      if (!signIn.ok || (signIn.value as { status: string }).status !== 'signedIn') throw new Error(`sign-in failed: ${JSON.stringify(signIn)}`)
    }
    if (heldSystemLicences.length > 0) await site.activateLicence(site.signLicence(systemLicenceBody(heldSystemLicences)))
    await use(site)
    // SPEC D8 / issue 9: the renderer never receives a password hash, whatever the test did.
    expect(storedHashesIn(site.results), 'an IPC result carried a stored password hash').toEqual([])
    reader.close()
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  },

  app: async ({ page, site }, use) => {
    await page.exposeBinding('__smDispatch', async (_source, channel: string, input: unknown) => {
      const result = await site.core.dispatch(channel, input)
      site.results.push({ channel, result })
      return result
    })
    await page.addInitScript((channels: readonly string[]) => {
      const w = globalThis as unknown as { api: Record<string, unknown>; __smDispatch: (c: string, i: unknown) => Promise<unknown> }
      const api: Record<string, unknown> = {}
      for (const channel of channels) api[channel] = (input: unknown) => w.__smDispatch(channel, input)
      api.onMenuCommand = () => undefined
      w.api = api
    }, [...CHANNELS])
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto('/')
    await use(page)
    expect(errors, 'the page logged errors (CSP violations, exceptions)').toEqual([])
  }
})

export { expect }

/** A vendor licence holding just the given system licences, for Navigator gating stories. */
export function systemLicenceBody(modules: readonly string[]) {
  return {
    owner: { name: 'SUPEROFFICE', description: 'SuperOffice AS', shopUrl: 'https://www.superoffice.com/shop' },
    licensee: { companyName: 'E2E Testing AS', serialNumber: 'E2E-0001' },
    dates: {},
    isDemo: false,
    licences: modules.map((moduleName, index) => ({
      moduleName,
      displayName: moduleName,
      tooltip: '',
      kind: 'system',
      total: 1,
      unrestricted: false,
      prerequisite: null,
      allowedUserTypes: [],
      hidden: false,
      sortOrder: index
    }))
  }
}

/** Strings in IPC results that look like a stored password hash ("scrypt$N$r$p$salt$key", auth/password.ts). */
export function storedHashesIn(results: ReadonlyArray<{ channel: string; result: unknown }>): string[] {
  const found: string[] = []
  for (const { channel, result } of results) {
    for (const match of JSON.stringify(result).matchAll(/scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]*\$?[A-Za-z0-9+/=]*/g)) found.push(`${channel}: ${match[0].slice(0, 40)}…`)
  }
  return found
}
