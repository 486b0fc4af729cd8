import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema'
import type { Change, Consequence, DiffEntry, EntityKindName, Scalar, Screen } from '../../../shared/domain/change-set'
import type { Problem } from '../../../shared/ipc/result'
import type { Clock } from '../clock'

/** A row's fields as the change-set engine sees them: plain scalars by field name. */
export type Values = Record<string, Scalar>

/** A row after the pending changes are laid over the saved state. */
export interface MergedRow {
  id: string
  /** Null for rows the pending set creates. */
  saved: Values | null
  merged: Values
  changedFields: string[]
}

/**
 * What an entity kind contributes to the one change-set engine: how to read its saved rows,
 * what a new row starts as, the rules a whole set must pass, and how to write it.
 */
export interface EntityKind {
  entity: EntityKindName
  screen: Screen
  /** Field order for diffs and audit entries. */
  fields: readonly string[]
  defaults: Values
  /** Saved rows by id; `ids` limits the read (undefined = every row of the kind). */
  loadSaved(db: Kysely<DB>, ids?: readonly string[]): Promise<Map<string, Values>>
  /** How the confirmation dialog names a row. */
  label(values: Values): string
  /** Rules over the whole merged state; an empty list means the set may be saved. */
  validate(db: Kysely<DB>, rows: readonly MergedRow[], actingAssociateId?: number): Promise<Problem[]>
  /** Writes the changed rows inside the Save transaction. */
  apply(trx: Transaction<DB>, rows: readonly MergedRow[], clock: Clock): Promise<void>
  /**
   * Optional: rewrites this kind's diff entries before Save's dialog and the audit see them
   * (readable field labels, names instead of ids, users affected, fields that are only noise).
   * The engine builds the entries for this call alone, so they may be changed in place.
   */
  annotate?(db: Kysely<DB>, entries: DiffEntry[]): Promise<DiffEntry[]>
  /**
   * Optional: turns the values of a change before it is stored in the pending set (a password
   * becomes its hash here, so the plain text never reaches the database). May refuse the change.
   */
  prepareStage?(db: Kysely<DB>, change: Change): Promise<Values>
  /**
   * Optional: side effects of the changed rows that Save's dialog shows under the diff (seats
   * used and freed, users who gain or lose the right to log in, …).
   */
  consequences?(db: Kysely<DB>, rows: readonly MergedRow[]): Promise<Consequence[]>
}
