import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createAppLogger, fileSink } from '../../../src/main/electron/log-file'
import { createLogger } from '../../../src/main/core/log'
import { makeTempDir } from '../support/site-fixture'

describe('the app log file', () => {
  it('appends JSON lines with secrets redacted, and rotates once past the size cap', () => {
    const { dir, cleanup } = makeTempDir()
    try {
      const folder = join(dir, 'logs')
      const logger = createLogger({ level: 'debug', sink: fileSink(folder, 2000) })
      logger.debug('dispatch', { channel: 'auth:signIn', input: { userId: 'ULLA', password: 'hunter2-secret' } })
      const first = readFileSync(join(folder, 'main.log'), 'utf8')
      expect(JSON.parse(first.trim())).toMatchObject({ level: 'debug', message: 'dispatch', fields: { input: { userId: 'ULLA', password: '[redacted]' } } })
      expect(first).not.toContain('hunter2-secret')
      for (let i = 0; i < 40; i++) logger.info('line', { i, text: 'x'.repeat(100) })
      expect(existsSync(join(folder, 'main.old.log'))).toBe(true)
      expect(statSync(join(folder, 'main.log')).size).toBeLessThanOrEqual(2000)
      expect(statSync(join(folder, 'main.old.log')).size).toBeLessThanOrEqual(2000)
    } finally {
      cleanup()
    }
  })

  it('takes its level from SM_LOG_LEVEL (info by default) and never throws on an unwritable folder', () => {
    expect(createAppLogger('/nonexistent', {}).level).toBe('info')
    expect(createAppLogger('/nonexistent', { SM_LOG_LEVEL: 'DEBUG' }).level).toBe('debug')
    expect(createAppLogger('/nonexistent', { SM_LOG_LEVEL: 'loud' }).level).toBe('info')
    const { dir, cleanup } = makeTempDir()
    try {
      const sink = fileSink(join(dir, 'missing', '\0bad'))
      expect(() => sink({ time: '', level: 'error', message: 'x' })).not.toThrow()
    } finally {
      cleanup()
    }
  })
})
