import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests of the BUILT renderer in Debian's chromium (no Electron binary here). The
 * fixture in tests/e2e/fixtures.ts installs window.api and forwards each call to the real
 * `dispatch` over a fresh SQLite site file.
 */
// E2E_PORT and SM_OUT_DIR let two runs share a machine without sharing a server or a build.
const port = Number(process.env.E2E_PORT ?? 4173)
const outDir = process.env.SM_OUT_DIR ?? 'out'
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `test-results/${port}`,
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    }
  },
  webServer: {
    command: `npx vite preview --outDir ${outDir}/renderer --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000
  }
})
