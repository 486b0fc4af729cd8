import { readFileSync, writeFileSync } from 'node:fs'

/**
 * The README's Performance section shows the latest full run (issue 8). `npm run bench` replaces
 * what stands between these two markers, and nothing else, so the prose around it stays hand-written.
 */
export const README_START = '<!-- bench:latest -->'
export const README_END = '<!-- /bench:latest -->'

/** The README text with the table between the markers replaced; throws when the markers are missing or out of order. */
export function withLatestTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START)
  const end = readme.indexOf(README_END)
  if (start < 0 || end < start) throw new Error(`README.md has no "${README_START}" … "${README_END}" section to put the bench table in.`)
  return `${readme.slice(0, start + README_START.length)}\n\n${table.trim()}\n\n${readme.slice(end)}`
}

/** Writes the table into the README at `path` (see withLatestTable). */
export function writeLatestTable(path: string, table: string): void {
  writeFileSync(path, withLatestTable(readFileSync(path, 'utf8'), table))
}
