import type { BrowserWindow, Dialog } from 'electron'
import { readFile, stat } from 'node:fs/promises'
import { AppError } from '../../shared/ipc/result'

/** 100,000 users take about 15 MB; a file far beyond that is not a users file worth reading into memory. */
const MAX_IMPORT_BYTES = 256 * 1024 * 1024

/**
 * Import → "Users from CSV": main shows the open dialog and reads the chosen file's bytes (the
 * core finds the encoding), so the renderer never touches the file system. Null when cancelled.
 */
export async function chooseImportFile(dialog: Pick<Dialog, 'showOpenDialog'>, parent: BrowserWindow | null): Promise<{ path: string; bytes: Uint8Array } | null> {
  const options = {
    title: 'Import users from CSV',
    properties: ['openFile' as const],
    filters: [
      { name: 'CSV files', extensions: ['csv', 'txt', 'tsv'] },
      { name: 'All files', extensions: ['*'] }
    ]
  }
  const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  if (canceled || filePaths.length === 0) return null
  const path = filePaths[0]
  if ((await stat(path)).size > MAX_IMPORT_BYTES) {
    throw new AppError('invalid_input', `${path} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files and import them one after the other.`)
  }
  return { path, bytes: await readFile(path) }
}

/** Users → Export: where main writes the users CSV. Null when cancelled. */
export async function chooseUsersExportTarget(dialog: Pick<Dialog, 'showSaveDialog'>, parent: BrowserWindow | null, defaultPath: string): Promise<string | null> {
  const options = { title: 'Export users to CSV', defaultPath, filters: [{ name: 'CSV files', extensions: ['csv'] }] }
  const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  return canceled || !filePath ? null : filePath
}
