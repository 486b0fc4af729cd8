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
  return (await import(pathToFileURL(resolve('out/main/core.js')).href)) as typeof CoreModule
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
  /** Adds a system licence row, so licence-gated sections can be tested before the Licences screen exists. */
  grantSystemLicence(moduleName: string): void
}

interface Options {
  demo: boolean
  heldSystemLicences: string[]
}

export const test = base.extend<Options & { site: SiteUnderTest; app: Page }>({
  demo: [false, { option: true }],
  heldSystemLicences: [[], { option: true }],

  site: async ({ demo, heldSystemLicences }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'sm-e2e-'))
    const path = join(dir, 'site.smsite')
    const mod = await loadCore()
    const created = await mod.createSite(path, { demo, clock: mod.systemClock })
    await created.close()
    const openedExternally: string[] = []
    const core = await mod.openCore({
      sitePath: path,
      create: false,
      clock: mod.systemClock,
      session: () => mod.localSession('e2e'),
      appInfo: { appVersion: '0.0.0-e2e', versions: { chrome: 'chromium' }, platform: process.platform },
      openExternal: async (url) => {
        openedExternally.push(url)
      },
      checkOutputs: true,
      onUnexpectedError: (channel, error) => console.error(`[dispatch ${channel}]`, error)
    })
    const reader = new Database(path, { readonly: true })
    const site: SiteUnderTest = {
      path,
      core,
      openedExternally,
      results: [],
      query: (sql, ...params) => reader.prepare(sql).all(...params) as never,
      grantSystemLicence: (moduleName) => grantSystemLicence(core.site.raw, moduleName)
    }
    for (const module of heldSystemLicences) site.grantSystemLicence(module)
    await use(site)
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
      const w = window as unknown as { api: Record<string, unknown>; __smDispatch: (c: string, i: unknown) => Promise<unknown> }
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

function grantSystemLicence(raw: Database.Database, moduleName: string): void {
  const now = new Date().toISOString()
  raw.prepare(`INSERT OR IGNORE INTO licence_owner (owner_name, licence_file, activated_at) VALUES ('E2E', '{}', ?)`).run(now)
  const owner = raw.prepare(`SELECT licence_owner_id FROM licence_owner WHERE owner_name = 'E2E'`).pluck().get() as number
  raw
    .prepare(`INSERT INTO licence (licence_owner_id, module_name, display_name, kind, total) VALUES (?, ?, ?, 'system', 1)`)
    .run(owner, moduleName, moduleName)
}
