import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import type * as Playwright from '@playwright/test'
import { resolve } from 'node:path'
import { openCore } from '../src/main/core/open-core'
import { DEMO_ADMIN } from '../src/main/core/demo/demo-admin'
import { CHANNELS } from '../src/shared/ipc/channels'
import type { BenchSite } from './site-generator'
import { stats, type Figure } from './bench'

/** Chromium flags as in playwright.config.ts (Debian's chromium, no GPU, no background traffic). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

interface ScrollerElement {
  scrollTop: number
  readonly scrollHeight: number
  getAttribute(name: string): string | null
  querySelector(selector: string): unknown
  querySelectorAll(selector: string): { length: number }
}

interface ScrollReport {
  total: number
  ms: number
  maxDomRows: number
  longestFrameMs: number
  reachedEnd: boolean
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`vite preview did not answer at ${url}`)
}

/**
 * (6) The built renderer in chromium with the built core bridged in as the e2e fixture does
 * (tests/e2e/fixtures.ts): signs in as ADMIN, opens Users, times the first rows, scrolls to the
 * end while counting rendered rows and the longest gap between frames.
 */
export async function browserBench(site: BenchSite, add: (f: Figure) => void, notes: string[], outDir = process.env.SM_OUT_DIR ?? 'out'): Promise<void> {
  const rendererDir = resolve(outDir, 'renderer')
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    notes.push(`browser part skipped: no built renderer at ${rendererDir}`)
    return
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    notes.push(`browser part skipped: no chromium at ${executablePath}`)
    return
  }
  // Kept out of the bundle: Playwright is a dev tool, loaded only when the browser part runs.
  const playwrightName = '@playwright/test'
  const { chromium } = (await import(/* @vite-ignore */ playwrightName)) as typeof Playwright
  const port = Number(process.env.BENCH_PORT ?? 4290)
  const url = `http://127.0.0.1:${port}/`
  let server: ChildProcess | undefined
  const core = await openCore({
    sitePath: site.path,
    create: false,
    clock: () => new Date(),
    trustedKeys: site.trustedKeys,
    sleep: async () => {},
    appInfo: { appVersion: 'bench', versions: { chrome: 'chromium' }, platform: process.platform },
    openExternal: async () => {}
  })
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
  try {
    const signIn = await core.dispatch('auth:signIn', { userId: DEMO_ADMIN.userId, password: DEMO_ADMIN.password })
    if (!signIn.ok || (signIn.value as { status: string }).status !== 'signedIn') throw new Error(`sign-in failed: ${JSON.stringify(signIn)}`)
    server = spawn(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'preview', '--outDir', rendererDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' })
    await waitForServer(url, 30_000)

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const listCalls: number[] = []
    await page.exposeBinding('__smDispatch', async (_source, channel: string, input: unknown) => {
      const start = performance.now()
      const result = await core.dispatch(channel, input)
      if (channel === 'users:list') listCalls.push(performance.now() - start)
      return result
    })
    await page.addInitScript((channels: readonly string[]) => {
      const w = globalThis as unknown as { api: Record<string, unknown>; __smDispatch: (c: string, i: unknown) => Promise<unknown> }
      const api: Record<string, unknown> = {}
      for (const channel of channels) api[channel] = (input: unknown) => w.__smDispatch(channel, input)
      api.onMenuCommand = () => undefined
      w.api = api
    }, [...CHANNELS])

    const grid = page.getByRole('grid', { name: 'Associates' })
    const firstRow = grid.locator('[role=row][data-associate-id]').first()
    const started = performance.now()
    await page.goto(url)
    const users = page.getByRole('navigation', { name: 'Navigator' }).getByRole('button', { name: 'Users', exact: true })
    await users.waitFor({ timeout: 30_000 })
    const clicked = performance.now()
    await users.click()
    await firstRow.waitFor({ timeout: 60_000 })
    const shown = performance.now()
    add({ group: '6 chromium', name: 'navigation → first rows (app start, sign-in done)', unit: 'ms', core: stats([shown - started]), raw: null, ratio: null, target: 'report', met: null })
    add({ group: '6 chromium', name: 'click Users → first rows', unit: 'ms', core: stats([shown - clicked]), raw: null, ratio: null, target: '≤ 1000 ms', met: shown - clicked <= 1000 })

    // Runs in the page; typed structurally because this file is compiled without the DOM library.
    const report = (await grid.evaluate(async (el: ScrollerElement) => {
      const raf = (globalThis as unknown as { requestAnimationFrame: (cb: (t: number) => void) => void }).requestAnimationFrame
      const frame = (): Promise<number> => new Promise((r) => raf(r))
      const rows = (): number => el.querySelectorAll('[role=row]').length
      const total = Number(el.getAttribute('aria-rowcount')) - 1
      let maxDomRows = rows()
      let longestFrameMs = 0
      let last = await frame()
      const start = performance.now()
      const steps = 60
      for (let i = 1; i <= steps; i++) {
        el.scrollTop = (el.scrollHeight * i) / steps
        const now = await frame()
        longestFrameMs = Math.max(longestFrameMs, now - last)
        last = now
        maxDomRows = Math.max(maxDomRows, rows())
      }
      let reachedEnd = false
      const until = performance.now() + 20_000
      while (performance.now() < until) {
        el.scrollTop = el.scrollHeight
        const now = await frame()
        longestFrameMs = Math.max(longestFrameMs, now - last)
        last = now
        maxDomRows = Math.max(maxDomRows, rows())
        if (el.querySelector(`[role=row][aria-rowindex="${total + 1}"][data-associate-id]`)) {
          reachedEnd = true
          break
        }
      }
      return { total, ms: performance.now() - start, maxDomRows, longestFrameMs, reachedEnd }
    })) as ScrollReport
    add({ group: '6 chromium', name: `scroll to the end of ${report.total} rows${report.reachedEnd ? '' : ' (end NOT reached in 20 s)'}`, unit: 'ms', core: stats([report.ms]), raw: null, ratio: null, target: 'report', met: report.reachedEnd ? null : false })
    add({ group: '6 chromium', name: 'longest frame while scrolling', unit: 'ms', core: stats([report.longestFrameMs]), raw: null, ratio: null, target: 'report', met: null })
    add({ group: '6 chromium', name: 'max rendered rows in the DOM', unit: 'rows', core: stats([report.maxDomRows]), raw: null, ratio: null, target: '≤ 200', met: report.maxDomRows <= 200 })
    if (listCalls.length > 0) {
      add({ group: '6 chromium', name: `'users:list' calls made by the screen (${listCalls.length})`, unit: 'ms', core: stats(listCalls), raw: null, ratio: null, target: 'report', met: null })
    }
  } finally {
    await browser.close()
    server?.kill()
    await core.close()
  }
}
