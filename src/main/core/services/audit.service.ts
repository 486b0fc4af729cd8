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

/** site_meta key holding "newestId:rowHash" of the chain's last entry. */
export const AUDIT_HEAD_META_KEY = 'audit_head'

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
  // Hashed once: a Save's changes text is large (about 200 bytes per row saved).
  const rowHash = auditRowHash(prevHash, row)
  const inserted = await db
    .insertInto('audit_entry')
    .values({ ...row, prev_hash: prevHash, row_hash: rowHash })
    .returning('audit_entry_id')
    .executeTakeFirstOrThrow()
  // The head (newest id and hash) lives outside the table, so deleting the newest rows is seen too.
  const head = `${inserted.audit_entry_id}:${rowHash}`
  await db
    .insertInto('site_meta')
    .values({ key: AUDIT_HEAD_META_KEY, value: head })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: head }))
    .execute()
  return inserted.audit_entry_id
}

export interface AuditChainReport {
  ok: boolean
  /** How many entries were checked. */
  entries: number
  /** The first entry that does not verify, and why; null when the chain is whole. */
  /**
   * `missing_tail`: the head in site_meta names a newer entry than the table holds (the newest
   * rows were deleted); auditEntryId is the first missing one. `head`: the head does not match.
   */
  brokenAt: { auditEntryId: number; reason: 'prev_hash' | 'row_hash' | 'missing_tail' | 'head' } | null
}

/**
 * Walks the audit chain from the first entry: each row's prev_hash must be its predecessor's
 * row_hash (the genesis value for the first) and its row_hash must match its content. Editing,
 * deleting or inserting a row anywhere but at the end breaks the chain at that row.
 */
export async function verifyAuditChain(db: Kysely<DB>): Promise<AuditChainReport> {
  const rows = await db
    .selectFrom('audit_entry')
    .select(['audit_entry_id', 'occurred_at', 'actor', 'screen', 'action', 'summary', 'changes', 'prev_hash', 'row_hash'])
    .orderBy('audit_entry_id')
    .execute()
  let expectedPrev = AUDIT_GENESIS_HASH
  for (const row of rows) {
    if (row.prev_hash !== expectedPrev) return { ok: false, entries: rows.length, brokenAt: { auditEntryId: row.audit_entry_id, reason: 'prev_hash' } }
    if (row.row_hash !== auditRowHash(row.prev_hash, row)) {
      return { ok: false, entries: rows.length, brokenAt: { auditEntryId: row.audit_entry_id, reason: 'row_hash' } }
    }
    expectedPrev = row.row_hash
  }
  const headBreak = await checkAuditHead(db, rows[rows.length - 1] ?? null)
  if (headBreak) return { ok: false, entries: rows.length, brokenAt: headBreak }
  return { ok: true, entries: rows.length, brokenAt: null }
}

/** Compares the newest row with the head kept in site_meta; a site that never logged has neither. */
async function checkAuditHead(db: Kysely<DB>, last: { audit_entry_id: number; row_hash: string } | null): Promise<AuditChainReport['brokenAt']> {
  const meta = await db.selectFrom('site_meta').select('value').where('key', '=', AUDIT_HEAD_META_KEY).executeTakeFirst()
  if (!meta) return last ? { auditEntryId: last.audit_entry_id, reason: 'head' } : null
  const [idText, hash] = meta.value.split(':')
  const headId = Number(idText)
  if (!last) return { auditEntryId: 1, reason: 'missing_tail' }
  if (headId > last.audit_entry_id) return { auditEntryId: last.audit_entry_id + 1, reason: 'missing_tail' }
  if (headId !== last.audit_entry_id || hash !== last.row_hash) return { auditEntryId: last.audit_entry_id, reason: 'head' }
  return null
}

/** One sentence naming the first bad entry, for the CLI and the Verify button. */
export function describeAuditReport(report: AuditChainReport): string {
  if (report.ok) return `The audit log is intact: ${report.entries} ${report.entries === 1 ? 'entry' : 'entries'} verified.`
  const { auditEntryId, reason } = report.brokenAt as NonNullable<AuditChainReport['brokenAt']>
  const why = {
    prev_hash: 'does not follow the entry before it (an entry was deleted or inserted before it)',
    row_hash: 'was changed after it was written',
    missing_tail: 'and the entries after it are missing (the newest entries were deleted)',
    head: 'does not match the chain head recorded in the site (entries were removed or replaced)'
  }[reason]
  return `The audit log has been tampered with: entry ${auditEntryId} ${why}.`
}
