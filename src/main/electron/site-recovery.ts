import type { BrowserWindow, Dialog } from 'electron'
import { basename, dirname, extname, join } from 'node:path'
import { AppError } from '../../shared/ipc/result'
import type { SnapshotInfo } from '../../shared/domain/snapshot'
import { listSnapshotsOf, restoreSnapshotTo } from '../core/db/snapshot-store'

/**
 * Opening a damaged site (issue 9): openCore refuses it with `site_corrupt` after SQLite's
 * quick_check. The app then offers a CHOICE: restore the latest snapshot into a NEW file and open
 * that, or quit. The damaged file is never written to, repaired or replaced: the admin (or
 * support) may still want it. This file holds the decisions; Electron's dialogs come in through
 * `RecoveryUi`, so the tests drive it with fakes.
 *
 * No sign-in is asked for: the damaged site cannot be read to check one, and whoever runs the app
 * on this file can already copy the snapshot folder beside it by hand.
 */

export interface RecoveryQuestion {
  message: string
  detail: string
  buttons: [restore: string, quit: string]
}

export interface RecoveryUi {
  /** The choice: 0 = restore the snapshot into a new file, 1 (or closing the box) = quit. */
  ask(question: RecoveryQuestion): Promise<number>
  /** A save dialog for the new file; null when cancelled. Never pre-filled with an existing file. */
  chooseTarget(defaultPath: string): Promise<string | null>
  showError(title: string, message: string): void
}

export interface SnapshotSource {
  /** The site's snapshots, newest first. */
  list(sitePath: string): SnapshotInfo[]
  /** Copies one into a new file (refuses an existing file, the site and its companions); returns the path. */
  restore(sitePath: string, name: string, targetPath: string): string
}

export type OpenOutcome<T> =
  | { kind: 'opened'; core: T; sitePath: string; restoredFrom?: string }
  | { kind: 'quit'; exitCode: number }

/** The exit code for "the site could not be opened" (as the CLI's damaged or busy site). */
export const EXIT_NOT_OPENED = 3

const REASON_TEXT: Record<SnapshotInfo['reason'], string> = {
  manual: 'taken by hand',
  'before-migration': 'taken before a database upgrade',
  'before-licence-activation': 'taken before a licence activation',
  'before-provisioning': 'taken before smadmin apply'
}

export function describeSnapshot(snapshot: SnapshotInfo): string {
  const when = snapshot.takenAt.replace('T', ' ').slice(0, 19)
  return `${when} UTC, ${REASON_TEXT[snapshot.reason]}, ${Math.max(1, Math.round(snapshot.sizeBytes / 1024))} KB`
}

/** "<folder of the site>/<name> restored 2026-11-23 10-00.smsite": beside the damaged file, never it. */
export function suggestedRestorePath(sitePath: string, snapshot: SnapshotInfo): string {
  const name = basename(sitePath, extname(sitePath))
  const when = snapshot.takenAt.slice(0, 16).replace('T', ' ').replace(':', '-')
  return join(dirname(sitePath), `${name} restored ${when}.smsite`)
}

const isCorrupt = (error: unknown): error is AppError => error instanceof AppError && error.code === 'site_corrupt'
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Opens `sitePath` with `open`. When the site is damaged, asks whether to restore its latest
 * snapshot into a new file and open that. If the restored copy is damaged too, the next older
 * snapshot is offered. Cancelling the save dialog, or a refused target, asks again. Any other
 * failure is reported and ends with `quit`.
 */
export async function openWithRecovery<T>(
  sitePath: string,
  open: (sitePath: string) => Promise<T>,
  ui: RecoveryUi,
  snapshots: SnapshotSource
): Promise<OpenOutcome<T>> {
  let damage: AppError
  try {
    return { kind: 'opened', core: await open(sitePath), sitePath }
  } catch (error) {
    if (!isCorrupt(error)) {
      ui.showError('The site could not be opened', messageOf(error))
      return { kind: 'quit', exitCode: EXIT_NOT_OPENED }
    }
    damage = error
  }

  const tried = new Set<string>()
  for (;;) {
    const snapshot = snapshots.list(sitePath).find((s) => !tried.has(s.name))
    if (!snapshot) {
      ui.showError(
        'The site file is damaged',
        tried.size === 0
          ? `${damage.message}\n\nThe app will close. Restore the site from your own backup.`
          : `${damage.message}\n\nNo other snapshot of this site is left to try. The app will close; restore the site from your own backup.`
      )
      return { kind: 'quit', exitCode: EXIT_NOT_OPENED }
    }
    const choice = await ui.ask({
      message: tried.size === 0 ? 'The site file is damaged and was not opened.' : 'The restored copy is damaged too.',
      detail:
        `${damage.message}\n\n` +
        `The ${tried.size === 0 ? 'latest' : 'next older'} snapshot is from ${describeSnapshot(snapshot)}. ` +
        'You can restore it into a new file and open that; changes made after it was taken are not in it. ' +
        `The damaged file stays as it is, at ${sitePath}.`,
      buttons: ['Restore into a new file…', 'Quit']
    })
    if (choice !== 0) return { kind: 'quit', exitCode: EXIT_NOT_OPENED }

    const target = await ui.chooseTarget(suggestedRestorePath(sitePath, snapshot))
    if (!target) continue // cancelled: back to the choice
    let restored: string
    try {
      restored = snapshots.restore(sitePath, snapshot.name, target)
    } catch (error) {
      ui.showError('The snapshot could not be restored', messageOf(error))
      continue
    }
    try {
      return { kind: 'opened', core: await open(restored), sitePath: restored, restoredFrom: snapshot.name }
    } catch (error) {
      if (!isCorrupt(error)) {
        ui.showError('The restored site could not be opened', messageOf(error))
        return { kind: 'quit', exitCode: EXIT_NOT_OPENED }
      }
      tried.add(snapshot.name)
      damage = error
    }
  }
}

/** The real snapshot folder beside the site (core's snapshot store). */
export const siteSnapshots: SnapshotSource = {
  list: (sitePath) => listSnapshotsOf(sitePath),
  restore: (sitePath, name, targetPath) => restoreSnapshotTo(sitePath, name, targetPath)
}

/** Electron's message boxes and save dialog (no window exists yet when the site is opened). */
export function dialogRecoveryUi(dialog: Pick<Dialog, 'showMessageBox' | 'showSaveDialog' | 'showErrorBox'>, parent: BrowserWindow | null = null): RecoveryUi {
  return {
    ask: async (question) => {
      const options = { type: 'error' as const, title: 'Settings and maintenance', message: question.message, detail: question.detail, buttons: [...question.buttons], defaultId: 0, cancelId: 1, noLink: true }
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
      return response
    },
    chooseTarget: async (defaultPath) => {
      const options = {
        title: 'Restore the snapshot into a new site file',
        defaultPath,
        filters: [{ name: 'Site files', extensions: ['smsite'] }],
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const]
      }
      const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      return canceled || !filePath ? null : filePath
    },
    showError: (title, message) => dialog.showErrorBox(title, message)
  }
}
