import { randomUUID } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../../shared/ipc/result'

/**
 * Writes a whole file or nothing: the bytes go to a temporary file beside the target, are flushed
 * to disk, and only then renamed over it. A full disk or a failing share therefore never leaves a
 * half-written export where the admin expects a complete one (or an older good file destroyed).
 */
export async function writeFileAtomically(target: string, data: Uint8Array | string): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomUUID().slice(0, 8)}.tmp`)
  try {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppError('storage_failed', `Could not write ${target} (${reason}). Nothing was written there; choose another folder or free some space and try again.`)
  }
}
