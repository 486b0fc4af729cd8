import type { BrowserWindow, Dialog } from 'electron'
import { dirname, join } from 'node:path'
import type { Dispatch } from '../core/dispatch'

/** "Restore snapshot": main asks where to write the copy; the renderer never picks a path. Null when cancelled. */
export async function chooseSnapshotTarget(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  parent: BrowserWindow | null,
  sitePath: string,
  suggestedName: string
): Promise<string | null> {
  const options = {
    title: 'Restore snapshot into a new site file',
    defaultPath: join(dirname(sitePath), suggestedName),
    filters: [{ name: 'Site files', extensions: ['smsite'] }],
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const]
  }
  const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  return canceled || !filePath ? null : filePath
}

/** File → Take snapshot: through dispatch (so the admin-all right applies), then says where it went. */
export async function takeSnapshotFromMenu(dispatch: Dispatch, dialog: Pick<Dialog, 'showMessageBox'>, parent: BrowserWindow, sitePath: string): Promise<void> {
  const result = await dispatch('snapshots:take', {})
  await dialog.showMessageBox(parent, result.ok
    ? { type: 'info', message: 'Snapshot taken.', detail: `${(result.value as { name: string }).name}\nin ${sitePath}.snapshots` }
    : { type: 'error', message: 'The snapshot could not be taken.', detail: result.error.message })
}
