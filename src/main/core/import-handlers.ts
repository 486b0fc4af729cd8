import type { Handlers, CoreDeps } from './handlers'
import { UserImportService } from './import/user-import.service'
import { exportUsersCsv } from './import/users-export.service'
import { csvFileBytes } from './csv/csv-codec'
import { writeFileAtomically } from './csv/atomic-write'

type ImportChannel = Extract<keyof Handlers, `import:${string}` | `export:${string}`>

/**
 * Import → Users from CSV and the Users screen's Export (issue 10). Thin: parsing, checking and
 * staging live in the import services; the rules are the Users screen's own.
 */
export function createImportHandlers(deps: CoreDeps): Pick<Handlers, ImportChannel> {
  const imports = new UserImportService(deps.site.db, deps.users)
  return {
    'import:chooseUsersFile': async () => {
      const file = await deps.chooseImportFile()
      return file ? imports.load(file) : { status: 'cancelled' as const }
    },
    'import:checkUsers': ({ token, mapping, from }) => imports.check(token, mapping, from),
    'import:previewUsers': async ({ token, show, offset, limit }) => imports.preview(token, show, offset, limit),
    'import:stageUsers': ({ token }) => imports.stage(token),
    'import:closeUsersFile': async ({ token }) => {
      imports.close(token)
      return { closed: true as const }
    },
    'export:users': async ({ filter, separator, language }) => {
      const target = await deps.chooseUsersExportTarget(`users-${deps.clock().toISOString().slice(0, 10)}.csv`)
      if (!target) return { status: 'cancelled' as const }
      const { text, rows } = await exportUsersCsv(deps.site.db, deps.users, filter, separator, language)
      await writeFileAtomically(target, csvFileBytes(text))
      return { status: 'saved' as const, path: target, rows }
    }
  }
}
