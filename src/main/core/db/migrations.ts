/** One schema step: `version` is the number in the file name (0001_init.sql → 1). */
export interface Migration {
  version: number
  name: string
  sql: string
}

// Bundled into the build (Vite inlines the files), so a packaged app never looks for them on disk.
const files = import.meta.glob('../../../../migrations/*.sql', { query: '?raw', import: 'default', eager: true })

/** Parses "NNNN_name.sql" paths into ordered migrations; rejects gaps and duplicates. */
export function migrationsFromFiles(entries: Record<string, string>): Migration[] {
  const list = Object.entries(entries).map(([path, sql]) => {
    const file = path.split('/').pop() ?? path
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file)
    if (!match) throw new Error(`Migration file name "${file}" must look like 0001_name.sql`)
    return { version: Number(match[1]), name: match[2], sql }
  })
  list.sort((a, b) => a.version - b.version)
  list.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`Migrations must be numbered 0001, 0002, … without gaps (found ${m.version})`)
  })
  return list
}

export const MIGRATIONS: readonly Migration[] = migrationsFromFiles(files as Record<string, string>)
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length
