import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'

/**
 * The newest audit entries of one screen.
 * SQL: select audit_entry_id, occurred_at, actor, action, summary from audit_entry where screen = ?
 *      order by audit_entry_id desc limit ?
 */
export function findAuditEntriesOfScreen(db: Kysely<DB>, screen: string, limit: number) {
  return db
    .selectFrom('audit_entry')
    .select(['audit_entry_id', 'occurred_at', 'actor', 'action', 'summary'])
    .where('screen', '=', screen)
    .orderBy('audit_entry_id', 'desc')
    .limit(limit)
    .execute()
}
