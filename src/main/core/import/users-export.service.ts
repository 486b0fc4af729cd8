import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { AssociateListQuery } from '../../../shared/domain/user'
import { decodeList } from '../../../shared/domain/user'
import { EXPORT_HEADERS, IMPORT_TARGETS, type CsvSeparator } from '../../../shared/domain/user-import'
import type { Values } from '../changes/entity-kind'
import { loadSavedAssociates } from '../changes/associate.kind'
import { loadUserRules, type UserDeps, type UserRules } from '../changes/user-context'
import { nameKey } from '../changes/user-group.kind'
import { listAssociates } from '../services/users.service'
import { formatCsv } from '../csv/csv-codec'

type ExportFilter = Omit<AssociateListQuery, 'offset' | 'limit'>

const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/**
 * Users → Associates → Export: every user the tab's filter matches, in its sort order (all pages,
 * pending edits included), with the columns Import reads, so the file imports again unchanged.
 */
export async function exportUsersCsv(db: Kysely<DB>, deps: UserDeps, filter: ExportFilter, separator: CsvSeparator, language: 'en' | 'nb'): Promise<{ text: string; rows: number }> {
  // The list's own query decides which users and in what order; one call for the count, one for all.
  const { total } = await listAssociates(db, deps, { ...filter, offset: 0, limit: 1 })
  const listed = total === 0 ? [] : (await listAssociates(db, deps, { ...filter, offset: 0, limit: total })).rows
  const touched = new Map((await deps.engine().merged('users', 'associate', false)).map((r) => [r.id, r.merged]))
  const saved = await loadSavedAssociates(db, listed.filter((r) => !touched.has(r.id)).map((r) => r.id))
  const rules = await loadUserRules(db, deps)
  const licenceName = licenceNamer(rules)

  const headers = EXPORT_HEADERS[language]
  const lines: string[][] = [IMPORT_TARGETS.map((t) => headers[t])]
  for (const row of listed) {
    const v: Values = touched.get(row.id) ?? saved.get(row.id) ?? {}
    const cells: Record<(typeof IMPORT_TARGETS)[number], string> = {
      firstName: row.firstName,
      lastName: row.lastName,
      email: str(v.email),
      phone: str(v.phone),
      userId: row.userId,
      company: row.company,
      role: row.role,
      primaryGroup: row.primaryGroup,
      otherGroups: decodeList(v.otherGroupIds)
        .map((id) => rules.groups.get(id)?.name ?? id)
        .sort((a, b) => a.localeCompare(b))
        .join(', '),
      licences: row.licences.map(licenceName).join(', ')
    }
    lines.push(IMPORT_TARGETS.map((t) => cells[t]))
  }
  return { text: formatCsv(lines, separator), rows: listed.length }
}

/** A licence's display name where it names one licence only (what admins read), else its module name. */
function licenceNamer(rules: UserRules): (moduleName: string) => string {
  const uses = new Map<string, number>()
  for (const l of rules.catalogue.values()) {
    for (const key of new Set([nameKey(l.moduleName), nameKey(l.displayName)])) uses.set(key, (uses.get(key) ?? 0) + 1)
  }
  return (moduleName) => {
    const display = rules.catalogue.get(moduleName)?.displayName
    return display && uses.get(nameKey(display)) === 1 ? display : moduleName
  }
}
