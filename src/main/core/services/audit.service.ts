import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'

export interface AuditEvent {
  occurredAt: string
  actor: string
  screen: string
  action: string
  summary: string
  /** Structured detail (for a Save: the diff entries). Passwords never appear here, only "changed". */
  changes: unknown
}

/** The first row's predecessor: the chain starts from a fixed value. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64)

/** Hash of one row's content and its predecessor's hash: editing any earlier row breaks the chain. */
export function auditRowHash(prevHash: string, row: { occurred_at: string; actor: string; screen: string; action: string; summary: string; changes: string }): string {
  const content = JSON.stringify([prevHash, row.occurred_at, row.actor, row.screen, row.action, row.summary, row.changes])
  return createHash('sha256').update(content).digest('hex')
}

/** Appends one audit entry, chained to the newest one; call inside the transaction it records. */
export async function appendAuditEntry(db: Kysely<DB>, event: AuditEvent): Promise<number> {
  const last = await db
    .selectFrom('audit_entry')
    .select('row_hash')
    .orderBy('audit_entry_id', 'desc')
    .limit(1)
    .executeTakeFirst()
  const prevHash = last?.row_hash ?? AUDIT_GENESIS_HASH
  const row = {
    occurred_at: event.occurredAt,
    actor: event.actor,
    screen: event.screen,
    action: event.action,
    summary: event.summary,
    changes: JSON.stringify(event.changes)
  }
  const inserted = await db
    .insertInto('audit_entry')
    .values({ ...row, prev_hash: prevHash, row_hash: auditRowHash(prevHash, row) })
    .returning('audit_entry_id')
    .executeTakeFirstOrThrow()
  return inserted.audit_entry_id
}
