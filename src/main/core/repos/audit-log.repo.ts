import { sql, type Kysely, type SelectQueryBuilder } from 'kysely'
import type { DB } from '../db/schema'

export interface AuditQuery {
  actor: string | null
  screen: string | null
  /** YYYY-MM-DD, both ends included. */
  from: string | null
  to: string | null
}

export interface AuditRecord {
  audit_entry_id: number
  occurred_at: string
  actor: string
  screen: string
  action: string
  summary: string
  changes: string
}

/** The filters as SQL: occurred_at is an ISO time, so whole days compare as text prefixes. */
function filtered<O>(query: SelectQueryBuilder<DB, 'audit_entry', O>, filter: AuditQuery): SelectQueryBuilder<DB, 'audit_entry', O> {
  let q = query
  if (filter.actor !== null) q = q.where('actor', '=', filter.actor)
  if (filter.screen !== null) q = q.where('screen', '=', filter.screen)
  if (filter.from !== null) q = q.where('occurred_at', '>=', filter.from)
  // "to 2026-11-23" includes that whole day: everything before the next day's first instant.
  if (filter.to !== null) q = q.where('occurred_at', '<', `${filter.to}T99`)
  return q
}

/**
 * One page of the audit log, newest first, and the total the filters match.
 * SQL: select … from audit_entry where [actor = ?] [and screen = ?] [and occurred_at >= ?] [and occurred_at < ?]
 *      order by audit_entry_id desc limit ? offset ?
 */
export async function findAuditPage(db: Kysely<DB>, filter: AuditQuery, offset: number, limit: number): Promise<{ total: number; rows: AuditRecord[] }> {
  const total = await filtered(db.selectFrom('audit_entry').select(sql<number>`count(*)`.as('n')), filter).executeTakeFirstOrThrow()
  const rows = await filtered(db.selectFrom('audit_entry').select(['audit_entry_id', 'occurred_at', 'actor', 'screen', 'action', 'summary', 'changes']), filter)
    .orderBy('audit_entry_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
  return { total: Number(total.n), rows }
}

/** Every actor and screen the log names, for the filter drop-downs. */
export async function findAuditFacets(db: Kysely<DB>): Promise<{ actors: string[]; screens: string[] }> {
  const actors = await db.selectFrom('audit_entry').select('actor').distinct().orderBy('actor').execute()
  const screens = await db.selectFrom('audit_entry').select('screen').distinct().orderBy('screen').execute()
  return { actors: actors.map((r) => r.actor), screens: screens.map((r) => r.screen) }
}
