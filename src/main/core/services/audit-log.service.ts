import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { AuditRow } from '../../../shared/domain/audit'
import { findAuditFacets, findAuditPage, type AuditQuery, type AuditRecord } from '../repos/audit-log.repo'
import { formatCsv, formatCsvRow } from '../csv/csv-codec'

/** Rows the CSV export reads per query, so a long log never sits in memory twice. */
const EXPORT_PAGE = 2000

/** Licences → Status: one page of the log (paged in SQL) with the filter choices. */
export async function readAuditPage(db: Kysely<DB>, filter: AuditQuery, offset: number, limit: number) {
  const page = await findAuditPage(db, filter, offset, limit)
  return { total: page.total, rows: page.rows.map(toAuditRow), ...(await findAuditFacets(db)) }
}

/** The CSV of every entry the filters match, oldest first, with a header line. */
export async function auditCsv(db: Kysely<DB>, filter: AuditQuery): Promise<{ csv: string; rows: number }> {
  const lines = [['id', 'time', 'admin', 'screen', 'action', 'summary', 'details']]
  const { total } = await findAuditPage(db, filter, 0, 1)
  const chunks: AuditRow[][] = []
  for (let offset = 0; offset < total; offset += EXPORT_PAGE) chunks.push((await findAuditPage(db, filter, offset, EXPORT_PAGE)).rows.map(toAuditRow))
  const rows = chunks.flat().reverse()
  for (const r of rows) lines.push([String(r.id), r.occurredAt, r.actor, r.screen, r.action, r.summary, r.details.join('\n')])
  return { csv: formatCsv(lines, ','), rows: rows.length }
}

/**
 * One cell as the export writes it (the shared codec): RFC 4180 quoting, and a leading quote for
 * cells a spreadsheet would run as a formula, so an admin's typed name never becomes code.
 */
export function csvCell(value: string): string {
  return formatCsvRow([value], ',')
}

function toAuditRow(record: AuditRecord): AuditRow {
  return {
    id: record.audit_entry_id,
    occurredAt: record.occurred_at,
    actor: record.actor,
    screen: record.screen,
    action: record.action,
    summary: record.summary,
    details: detailsOf(record.changes)
  }
}

/** A Save's diff as "Entity label — Field: old → new" lines; other events have no field lines. */
function detailsOf(changes: string): string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(changes)
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  const lines: string[] = []
  for (const entry of parsed as Array<{ label?: string; fields?: Array<{ field: string; label?: string; old: unknown; new: unknown }> }>) {
    for (const f of entry.fields ?? []) {
      // Passwords are stored only as "changed"/"set" by the kinds; this is a second guard.
      const secret = /password/i.test(f.field)
      const show = (v: unknown): string => (v === null || v === undefined ? '—' : secret ? 'changed' : String(v))
      lines.push(`${entry.label ?? ''} — ${f.label ?? f.field}: ${show(f.old)} → ${show(f.new)}`)
    }
  }
  return lines
}
