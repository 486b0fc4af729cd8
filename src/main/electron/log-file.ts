import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createLogger, formatLogRecord, parseLogLevel, type Logger, type LogSink } from '../core/log'

/** The app's log: one JSON line per record in "<logs folder>/main.log". */
export const LOG_FILE_NAME = 'main.log'
/** At this size main.log becomes main.old.log (replacing the previous one): at most ~2 × 1 MB on disk. */
export const LOG_MAX_BYTES = 1024 * 1024

/**
 * A sink that appends to `<folder>/main.log` with plain fs (no extra dependency), rotating once
 * when the file passes `maxBytes`. Core has redacted secrets before a record gets here. Writing
 * is synchronous so the last lines before a crash are on disk; a failing disk drops the line.
 */
export function fileSink(folder: string, maxBytes = LOG_MAX_BYTES): LogSink {
  const file = join(folder, LOG_FILE_NAME)
  const old = join(folder, 'main.old.log')
  let size = -1
  return (record) => {
    const line = formatLogRecord(record)
    try {
      if (size < 0) {
        mkdirSync(folder, { recursive: true })
        try {
          size = statSync(file).size
        } catch {
          size = 0
        }
      }
      if (size + line.length > maxBytes && size > 0) {
        rmSync(old, { force: true })
        renameSync(file, old)
        size = 0
      }
      appendFileSync(file, line, { mode: 0o600 })
      size += Buffer.byteLength(line)
    } catch {
      // A log must never stop the app; the record is lost.
    }
  }
}

/** The app's logger: level from SM_LOG_LEVEL (error / warn / info / debug), info by default. */
export function createAppLogger(logsFolder: string, env: NodeJS.ProcessEnv = process.env): Logger {
  return createLogger({ level: parseLogLevel(env.SM_LOG_LEVEL, 'info'), sink: fileSink(logsFolder) })
}
