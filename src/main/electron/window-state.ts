import { readFileSync, writeFileSync, renameSync } from 'node:fs'
import { z } from 'zod'

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(640).max(20000),
  height: z.number().int().min(480).max(20000),
  maximized: z.boolean()
})
export type WindowState = z.infer<typeof boundsSchema>

export const DEFAULT_WINDOW_STATE = { width: 1280, height: 820, maximized: false } as const

/** Reads the remembered window placement; a missing or damaged file just means defaults. */
export function loadWindowState(file: string): WindowState | null {
  try {
    const parsed = boundsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const temp = `${file}.tmp`
  writeFileSync(temp, JSON.stringify(state))
  renameSync(temp, file)
}

/** Keeps a remembered window only if it still overlaps a display (monitors get unplugged). */
export function isVisibleOnSomeDisplay(state: WindowState, workAreas: ReadonlyArray<{ x: number; y: number; width: number; height: number }>): boolean {
  return workAreas.some(
    (a) => state.x < a.x + a.width - 50 && state.x + state.width > a.x + 50 && state.y >= a.y - 10 && state.y < a.y + a.height - 50
  )
}
