import { defineConfig } from '@playwright/test'

/** The same smoke story through Playwright's _electron against the real app, where Electron exists. */
export default defineConfig({
  testDir: 'tests/electron',
  workers: 1,
  forbidOnly: !!process.env.CI,
  timeout: 120_000,
  reporter: [['list']]
})
