import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import { AppError } from '../../../shared/ipc/result'

/** A file the admin chose in main's open dialog: its path and its text. */
export interface ChosenFile {
  path: string
  content: string
}

/**
 * Licence files main has read for the renderer, by token. The renderer never sees a path it can
 * open or the bytes: it gets a token for "Load licence from file…" and hands it back to preview
 * and activate, so what is activated is exactly what was verified and previewed.
 */
export class LicenceInbox {
  /** Only the latest few loads are kept; an old token simply asks the admin to load again. */
  static readonly KEEP = 5
  readonly #files = new Map<string, { fileName: string; content: string }>()

  put(file: ChosenFile): { token: string; fileName: string } {
    const token = randomUUID()
    const fileName = basename(file.path)
    this.#files.set(token, { fileName, content: file.content })
    while (this.#files.size > LicenceInbox.KEEP) this.#files.delete(this.#files.keys().next().value as string)
    return { token, fileName }
  }

  get(token: string): string {
    const file = this.#files.get(token)
    if (!file) throw new AppError('not_found', 'That licence file is no longer loaded. Choose "Load licence from file…" again.')
    return file.content
  }

  /** Forgets a file once it has been activated. */
  drop(token: string): void {
    this.#files.delete(token)
  }
}
