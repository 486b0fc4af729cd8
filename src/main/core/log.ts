/**
 * A small structured logger for core. It has no I/O of its own: records go to a sink (a file
 * appender in the app, an array in tests, nothing by default). Every field passes through
 * `redact` first, so a password, hash, secret or token never reaches a sink, whatever its depth.
 */

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface LogRecord {
  time: string
  level: LogLevel
  message: string
  fields?: unknown
}

export type LogSink = (record: LogRecord) => void

export interface Logger {
  readonly level: LogLevel
  enabled(level: LogLevel): boolean
  error(message: string, fields?: unknown): void
  warn(message: string, fields?: unknown): void
  info(message: string, fields?: unknown): void
  debug(message: string, fields?: unknown): void
}

/** Keys whose values are never logged: password(s), passwordHash, secret, hash, token, passphrase… */
export const SECRET_KEY = /pass(word)?|secret|hash|token/i
export const REDACTED = '[redacted]'

const MAX_DEPTH = 8
const MAX_STRING = 500
const MAX_ITEMS = 50

/**
 * A JSON-safe copy of `value` with every field whose key matches SECRET_KEY replaced by
 * "[redacted]", at any depth (arrays, Maps and nested objects included). Also bounds what a log
 * line can hold: long strings, big arrays, deep nesting and cycles are cut, with a marker.
 */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || value === undefined) return value
  switch (typeof value) {
    case 'string':
      return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…(${value.length} chars)` : value
    case 'number':
      return Number.isFinite(value) ? value : String(value)
    case 'boolean':
      return value
    case 'bigint':
      return `${value}n`
    case 'symbol':
      return value.toString()
    case 'function':
      return '[function]'
  }
  const object = value as object
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (value instanceof Error) {
    return redact({ name: value.name, message: value.message, stack: value.stack, ...(value as unknown as Record<string, unknown>) }, depth, seen)
  }
  if (depth >= MAX_DEPTH) return '[too deep]'
  if (seen.has(object)) return '[circular]'
  seen.add(object)
  try {
    if (Array.isArray(value)) {
      const items = value.slice(0, MAX_ITEMS).map((item) => redact(item, depth + 1, seen))
      if (value.length > MAX_ITEMS) items.push(`…(${value.length} items)`)
      return items
    }
    const entries: Array<[string, unknown]> = value instanceof Map ? [...value.entries()].map(([k, v]) => [String(k), v]) : Object.entries(value)
    const out: Record<string, unknown> = {}
    let count = 0
    for (const [key, item] of entries) {
      if (count++ >= MAX_ITEMS) {
        out['…'] = `(${entries.length} fields)`
        break
      }
      // defineProperty, not assignment: a "__proto__" key from a hostile input stays a plain field.
      Object.defineProperty(out, key, { value: SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1, seen), enumerable: true, writable: true, configurable: true })
    }
    return out
  } finally {
    seen.delete(object)
  }
}

export interface LoggerOptions {
  /** The most detailed level written; default 'info'. */
  level?: LogLevel
  sink: LogSink
  clock?: () => Date
}

export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? 'info'
  const rank = LOG_LEVELS.indexOf(level)
  const clock = options.clock ?? (() => new Date())
  const enabled = (l: LogLevel): boolean => LOG_LEVELS.indexOf(l) <= rank
  const write = (l: LogLevel, message: string, fields?: unknown): void => {
    if (!enabled(l)) return
    const record: LogRecord = { time: clock().toISOString(), level: l, message }
    if (fields !== undefined) record.fields = redact(fields)
    try {
      options.sink(record)
    } catch {
      // A failing log must never fail the operation it describes.
    }
  }
  return {
    level,
    enabled,
    error: (m, f) => write('error', m, f),
    warn: (m, f) => write('warn', m, f),
    info: (m, f) => write('info', m, f),
    debug: (m, f) => write('debug', m, f)
  }
}

/** Logs nothing: the default when no logger is given (CLI, most tests). */
export const silentLogger: Logger = createLogger({ level: 'error', sink: () => {} })

/** One line of JSON per record: what the app's log file holds. */
export function formatLogRecord(record: LogRecord): string {
  return `${JSON.stringify(record)}\n`
}

/** A level from an environment variable or flag; `fallback` when absent or unknown. */
export function parseLogLevel(raw: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const value = raw?.trim().toLowerCase()
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : fallback
}
