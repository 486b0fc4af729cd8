import type { BrowserWindow, Dialog } from 'electron'
import { readFile, stat } from 'node:fs/promises'
import { AppError } from '../../shared/ipc/result'

/** A real licence file is a few kilobytes; anything far larger is not read into memory. */
const MAX_BYTES = 1_000_000

/**
 * "Load licence from file…": main shows the open dialog and reads the chosen file, so the
 * renderer never touches the file system (DESIGN, Electron security). Null when cancelled.
 */
export async function chooseLicenceFile(dialog: Pick<Dialog, 'showOpenDialog'>, parent: BrowserWindow | null): Promise<{ path: string; content: string } | null> {
  const options = {
    title: 'Load licence from file',
    properties: ['openFile' as const],
    filters: [
      { name: 'Licence files', extensions: ['json', 'lic', 'licence', 'license'] },
      { name: 'All files', extensions: ['*'] }
    ]
  }
  const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
  if (canceled || filePaths.length === 0) return null
  const path = filePaths[0]
  if ((await stat(path)).size > MAX_BYTES) {
    throw new AppError('licence_refused', `${path} is far too large to be a licence file. Nothing was changed.`, [{ path: 'unreadable', message: 'File too large.' }])
  }
  return { path, content: await readFile(path, 'utf8') }
}
