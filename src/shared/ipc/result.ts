/** Stable error codes: tests and message catalogues key on these, never on message text. */
export const ERROR_CODES = [
  'unknown_channel',
  'invalid_input',
  'not_allowed',
  'not_found',
  'conflict',
  'validation_failed',
  'nothing_to_save',
  'site_unavailable',
  'site_too_new',
  'migration_failed',
  'external_url_refused',
  /** A licence file was refused (issue 5); problem paths name the reason ("bad-signature", …) or, for a malformed file, the field. */
  'licence_refused',
  /** The site file failed SQLite's quick_check when opened (issue 9); it was not written to. */
  'site_corrupt',
  /** Another program (the app, a CLI run) holds the site's write lock past the busy timeout. */
  'site_busy',
  /** The disk is full or the file system failed while writing; the transaction was rolled back. */
  'storage_failed',
  'internal'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** One problem found while validating input or a change set; `path` points at the offending field. */
export interface Problem {
  path: string
  message: string
}

export interface AppErrorShape {
  code: ErrorCode
  message: string
  problems?: Problem[]
}

/** What every IPC call returns: failures are values, never exceptions across the bridge. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail(code: ErrorCode, message: string, problems?: Problem[]): { ok: false; error: AppErrorShape } {
  return { ok: false, error: problems ? { code, message, problems } : { code, message } }
}

/** Thrown inside main when a rule refuses an action; `dispatch` turns it into a failed Result. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly problems?: Problem[]
  constructor(code: ErrorCode, message: string, problems?: Problem[]) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.problems = problems
  }
}
