import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // SQLite files and child processes: two cores, keep parallelism modest.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000
  }
})
