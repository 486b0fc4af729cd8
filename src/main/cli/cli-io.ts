import { AppError } from '../../shared/ipc/result'
import type { Clock } from '../core/clock'
import type { TrustedKeys } from '../core/licences/trusted-keys'

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
}

/** Reports a failure and picks its exit code: 3 when the site itself cannot be used, else 1. */
export function reportFailure(error: unknown, io: Output): number {
  if (error instanceof AppError) {
    io.err(error.message)
    const unusable = error.code === 'site_unavailable' || error.code === 'site_too_new' || error.code === 'migration_failed'
    return unusable ? EXIT.siteUnusable : EXIT.refused
  }
  io.err(`Unexpected error: ${(error as Error).stack ?? String(error)}`)
  return EXIT.refused
}
