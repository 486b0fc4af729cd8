import type { BrowserWindow, Dialog } from 'electron'

/**
 * File → Switch site: main asks for another site file (the renderer never names a path). The
 * caller restarts the app on it, so the open site is closed cleanly and the new one opens signed
 * out, through the same checks as at start-up. Null when cancelled.
 */
export async function chooseSiteToSwitchTo(dialog: Pick<Dialog, 'showOpenDialog'>, parent: BrowserWindow): Promise<string | null> {
  const { canceled, filePaths } = await dialog.showOpenDialog(parent, {
    title: 'Switch site',
    properties: ['openFile'],
    filters: [
      { name: 'Site files', extensions: ['smsite'] },
      { name: 'All files', extensions: ['*'] }
    ]
  })
  return canceled || filePaths.length === 0 ? null : filePaths[0]
}

/** The app's arguments with `--site` replaced, for relaunching on another site. */
export function argsForSite(argv: readonly string[], sitePath: string): string[] {
  const kept: string[] = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--site') {
      i++
      continue
    }
    if (argv[i].startsWith('--site=')) continue
    kept.push(argv[i])
  }
  return [...kept, '--site', sitePath]
}

/** "Save audit log as…": where main writes the CSV. Null when cancelled. */
export async function chooseAuditExportTarget(dialog: Pick<Dialog, 'showSaveDialog'>, parent: BrowserWindow | null, defaultPath: string): Promise<string | null> {
  const options = { title: 'Export audit log', defaultPath, filters: [{ name: 'CSV files', extensions: ['csv'] }] }
  const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
  return canceled || !filePath ? null : filePath
}

/** "Settings and maintenance — ADMIN (Demo Administrator) — C:\Sites\crm.smsite". */
export function windowTitle(sitePath: string, admin: { userId: string; fullName: string } | null): string {
  const who = admin ? `${admin.userId}${admin.fullName && admin.fullName !== admin.userId ? ` (${admin.fullName})` : ''}` : 'not signed in'
  return `Settings and maintenance — ${who} — ${sitePath}`
}
