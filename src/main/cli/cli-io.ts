import { AppError } from '../../shared/ipc/result'
import type { Clock } from '../core/clock'
import { storageErrorOf } from '../core/db/storage-errors'
import type { TrustedKeys } from '../core/licences/trusted-keys'
import type { ScryptParams } from '../core/auth/password'

/** Exit codes shared by every command (docs/cli.md). */
export const EXIT = { ok: 0, refused: 1, usage: 2, siteUnusable: 3 } as const

export interface Output {
  out: (line: string) => void
  err: (line: string) => void
}

/** What tests may replace; the installed command always uses the real clock and the built-in keys. */
export interface CliDeps {
  clock?: Clock
  trustedKeys?: TrustedKeys
  /** Cheaper scrypt than OWASP's, so tests that set passwords stay fast. */
  passwordHashing?: ScryptParams
}

/** Reports a failure and picks its exit code: 3 when the site itself cannot be used, else 1. */
export function reportFailure(failure: unknown, io: Output): number {
  // SQLite's own errors an admin can act on (site in use, disk full, damaged file) become AppErrors.
  const error = storageErrorOf(failure) ?? failure
  if (error instanceof AppError) {
    io.err(error.message)
    const unusable = ['site_unavailable', 'site_too_new', 'migration_failed', 'site_corrupt', 'site_busy'].includes(error.code)
    return unusable ? EXIT.siteUnusable : EXIT.refused
  }
  io.err(`Unexpected error: ${(error as Error).stack ?? String(error)}`)
  return EXIT.refused
}
