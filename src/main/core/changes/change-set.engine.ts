import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema'
import {
  changeSchema,
  isNewId,
  type Change,
  type ChangeSetState,
  type Consequence,
  type DiffEntry,
  type Scalar,
  type Screen
} from '../../../shared/domain/change-set'
import { AppError } from '../../../shared/ipc/result'
import type { Clock } from '../clock'
import type { EntityKind, MergedRow, Values } from './entity-kind'
import { appendAuditEntry } from '../services/audit.service'
import { runCompiledArrays, slot } from '../repos/compiled-query'

export interface SaveOutcome {
  savedEntries: number
  auditEntryId: number | null
}

/**
 * The one change-set engine (SPEC D2, DESIGN "Change sets"): each screen's staged edits live in
 * `pending_change`, so they survive a crash; Save validates the whole set and applies it in one
 * transaction together with its audit entry; Cancel discards it.
 */
export class ChangeSetEngine {
  readonly #db: Kysely<DB>
  readonly #kinds: ReadonlyMap<string, EntityKind>
  readonly #clock: Clock
  /**
   * Stored change text → its parsed Change. One Save re-reads the set per kind (and the kinds
   * read their siblings' rows), so 10,000 staged rows were parsed by zod five times (issue 8).
   * Keyed by the exact text, so a row edited elsewhere is parsed afresh. Bounded.
   */
  readonly #parsed = new Map<string, readonly Change[]>()
  #parsedCount = 0
  /**
   * While Save validates and builds its diff: the touched rows of each kind, merged once, by the
   * transaction they were read in. Kinds read their siblings' rows through `mergedIn` (user IDs
   * are unique across both user kinds, companies count their associates), and before this each
   * such read re-read and re-merged the whole set (issue 8). Nothing writes in that window.
   */
  readonly #mergedForSave = new WeakMap<Kysely<DB>, { screen: Screen; rows: ReadonlyMap<string, MergedRow[]> }>()

  constructor(db: Kysely<DB>, kinds: readonly EntityKind[], clock: Clock) {
    this.#db = db
    this.#kinds = new Map(kinds.map((k) => [k.entity, k]))
    this.#clock = clock
  }

  async state(screen: Screen): Promise<ChangeSetState> {
    const rows = await this.#db
      .selectFrom('pending_change')
      .select(['undone', 'staged_at'])
      .where('screen', '=', screen)
      .orderBy('seq')
      .execute()
    const applied = rows.filter((r) => r.undone === 0)
    return {
      screen,
      steps: applied.length,
      canUndo: applied.length > 0,
      canRedo: rows.some((r) => r.undone === 1),
      pendingSince: applied[0]?.staged_at ?? null
    }
  }

  /** Adds one step; a new step after undo drops the steps that could have been redone. */
  async stage(screen: Screen, change: Change): Promise<ChangeSetState> {
    return this.stageMany(screen, [change])
  }

  /**
   * Adds many changes as ONE step (a CSV import, a provisioning file): a single Undo takes the
   * whole batch back. Every change is checked before anything is stored, so a refused change
   * leaves the set as it was.
   */
  async stageMany(screen: Screen, changes: readonly Change[]): Promise<ChangeSetState> {
    if (changes.length === 0) throw new AppError('invalid_input', 'There is nothing to stage.')
    const stored = await this.#prepareStep(this.#db, screen, changes)
    await this.#db.transaction().execute((trx) => this.#insertStep(trx, screen, stored))
    return this.state(screen)
  }

  /**
   * `stageMany` inside a transaction the caller owns: provisioning stages and saves several
   * screens in one transaction, so a refusal anywhere writes nothing anywhere.
   */
  async stageManyIn(trx: Kysely<DB>, screen: Screen, changes: readonly Change[]): Promise<void> {
    if (changes.length === 0) return
    await this.#insertStep(trx, screen, await this.#prepareStep(trx, screen, changes))
  }

  /** Checks a step's changes against their kinds and the saved rows; returns what is stored. */
  async #prepareStep(db: Kysely<DB>, screen: Screen, changes: readonly Change[]): Promise<Change[]> {
    const savedIdsByKind = new Map<EntityKind, Set<string>>()
    for (const change of changes) {
      const kind = this.#kind(change.entity)
      if (kind.screen !== screen) {
        throw new AppError('invalid_input', `A ${change.entity} change belongs to the ${kind.screen} screen, not ${screen}.`)
      }
      if (Object.keys(change.values).length === 0) {
        throw new AppError('invalid_input', 'The change names no field to set.')
      }
      if (!isNewId(change.id)) {
        const ids = savedIdsByKind.get(kind) ?? new Set<string>()
        ids.add(change.id)
        savedIdsByKind.set(kind, ids)
      }
    }
    // One read per kind for the whole batch, not one per change.
    for (const [kind, ids] of savedIdsByKind) {
      const saved = await kind.loadSaved(db, [...ids])
      const missing = [...ids].find((id) => !saved.has(id))
      if (missing) throw new AppError('not_found', `There is no ${kind.entity} with id ${missing}; it may have been deleted. Reload the screen.`)
    }
    // Kinds may turn values first (a password becomes its hash): only the result is stored.
    const stored: Change[] = []
    for (const change of changes) {
      const kind = this.#kind(change.entity)
      stored.push(kind.prepareStage ? ({ ...change, values: await kind.prepareStage(db, change) } as Change) : change)
    }
    return stored
  }

  async #insertStep(trx: Kysely<DB>, screen: Screen, stored: readonly Change[]): Promise<void> {
    await trx.deleteFrom('pending_change').where('screen', '=', screen).where('undone', '=', 1).execute()
    const last = await trx
      .selectFrom('pending_change')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('screen', '=', screen)
      .executeTakeFirst()
    await trx
      .insertInto('pending_change')
      .values({
        screen,
        seq: (last?.seq ?? 0) + 1,
        // A step of one change stores the change; a batch stores the array (see #parseStep).
        change: JSON.stringify(stored.length === 1 ? stored[0] : stored),
        staged_at: this.#clock().toISOString()
      })
      .execute()
  }

  async undo(screen: Screen): Promise<ChangeSetState> {
    const step = await this.#db
      .selectFrom('pending_change')
      .select('seq')
      .where('screen', '=', screen)
      .where('undone', '=', 0)
      .orderBy('seq', 'desc')
      .executeTakeFirst()
    if (step) await this.#setUndone(screen, step.seq, 1)
    return this.state(screen)
  }

  async redo(screen: Screen): Promise<ChangeSetState> {
    const step = await this.#db
      .selectFrom('pending_change')
      .select('seq')
      .where('screen', '=', screen)
      .where('undone', '=', 1)
      .orderBy('seq')
      .executeTakeFirst()
    if (step) await this.#setUndone(screen, step.seq, 0)
    return this.state(screen)
  }

  async cancel(screen: Screen): Promise<ChangeSetState> {
    await this.#db.deleteFrom('pending_change').where('screen', '=', screen).execute()
    return this.state(screen)
  }

  /** Screens whose sets hold applied steps (window close and start-up ask about these). */
  async screensWithChanges(): Promise<Screen[]> {
    const rows = await this.#db
      .selectFrom('pending_change')
      .select('screen')
      .distinct()
      .where('undone', '=', 0)
      .orderBy('screen')
      .execute()
    return rows.map((r) => r.screen as Screen)
  }

  /**
   * Saved rows of one kind with the screen's pending changes laid over them. With `allRows`
   * every saved row is returned (small lists); otherwise only the rows the set touches.
   */
  merged(screen: Screen, entity: Change['entity'], allRows: boolean): Promise<MergedRow[]> {
    return this.#merged(this.#db, screen, entity, allRows)
  }

  /**
   * The same as `merged`, read through `db`: kinds use it inside Save's transaction to see the
   * pending rows of their sibling kinds (user IDs are unique across associates and other users).
   */
  mergedIn(db: Kysely<DB>, screen: Screen, entity: Change['entity'], allRows: boolean): Promise<MergedRow[]> {
    return this.#merged(db, screen, entity, allRows)
  }

  /** Every saved row of a kind, as its kind reads it (export reads the site through the kinds). */
  savedIn(db: Kysely<DB>, entity: Change['entity']): Promise<Map<string, Values>> {
    return this.#kind(entity).loadSaved(db)
  }

  /** Side effects of the pending set that Save's dialog lists under the diff (kinds' `consequences`). */
  consequences(screen: Screen): Promise<Consequence[]> {
    return this.consequencesIn(this.#db, screen)
  }

  /** `consequences` read through `db` (a caller's transaction). */
  async consequencesIn(db: Kysely<DB>, screen: Screen): Promise<Consequence[]> {
    const found: Consequence[] = []
    for (const { kind, rows } of await this.#changedByKind(db, screen)) {
      if (kind.consequences) found.push(...(await kind.consequences(db, rows)))
    }
    return found
  }

  async #merged(db: Kysely<DB>, screen: Screen, entity: Change['entity'], allRows: boolean): Promise<MergedRow[]> {
    const kind = this.#kind(entity)
    // Inside Save's validation and diff: the rows Save merged (see #mergedForSave).
    const inSave = allRows ? undefined : this.#mergedForSave.get(db)
    if (inSave?.screen === screen) return inSave.rows.get(entity) ?? []
    return this.#mergeInto(db, kind, await this.#appliedChanges(db, screen), allRows)
  }

  /** Each kind's changed rows, from ONE read of the screen's set (preview, consequences). */
  async #changedByKind(db: Kysely<DB>, screen: Screen): Promise<Array<{ kind: EntityKind; rows: MergedRow[] }>> {
    return changedOnly(await this.#touchedByKind(db, screen))
  }

  /** Every touched row of each kind of the screen (changed or not), from ONE read of the set. */
  async #touchedByKind(db: Kysely<DB>, screen: Screen): Promise<Array<{ kind: EntityKind; rows: MergedRow[] }>> {
    const set = await this.#appliedChanges(db, screen)
    const out: Array<{ kind: EntityKind; rows: MergedRow[] }> = []
    for (const kind of this.#kindsOf(screen)) out.push({ kind, rows: await this.#mergeInto(db, kind, set, false) })
    return out
  }

  /** Saved rows of `kind` (all, or those the set touches) with the set's changes of that kind laid over. */
  async #mergeInto(db: Kysely<DB>, kind: EntityKind, set: readonly Change[], allRows: boolean): Promise<MergedRow[]> {
    const changes = set.filter((c) => c.entity === kind.entity)
    // Nothing of this kind is staged: there is nothing to read.
    if (changes.length === 0 && !allRows) return []
    const savedIds = [...new Set(changes.map((c) => c.id))].filter((id) => !isNewId(id))
    const saved = await kind.loadSaved(db, allRows ? undefined : savedIds)

    // Each row is copied once and the changes are laid over the copy in order (not one copy
    // per change); saved rows come first, in the order they were read, then new ones.
    const merged = new Map<string, Values>()
    for (const [id, values] of saved) merged.set(id, { ...values })
    for (const change of changes) {
      let values = merged.get(change.id)
      if (!values) {
        // A staged edit of a row deleted since staging: skip it; validation reports nothing for it.
        if (!isNewId(change.id)) continue
        merged.set(change.id, (values = { ...kind.defaults }))
      }
      Object.assign(values, change.values)
    }

    const rows: MergedRow[] = []
    for (const [id, values] of merged) {
      const before = saved.get(id) ?? null
      const changedFields = before === null ? [...kind.fields] : kind.fields.filter((f) => !sameScalar(before[f], values[f]))
      rows.push({ id, saved: before, merged: values, changedFields })
    }
    return rows
  }

  /** The diff Save's confirmation dialog shows: per row, each field old → new. */
  preview(screen: Screen): Promise<DiffEntry[]> {
    return this.previewIn(this.#db, screen)
  }

  /** `preview` read through `db` (a caller's transaction). */
  async previewIn(db: Kysely<DB>, screen: Screen): Promise<DiffEntry[]> {
    const entries: DiffEntry[] = []
    for (const { kind, rows } of await this.#changedByKind(db, screen)) entries.push(...(await this.#diffEntries(db, kind, rows)))
    return entries
  }

  /** One kind's changed rows as diff entries (field old → new), as the kind wants them labelled. */
  async #diffEntries(db: Kysely<DB>, kind: EntityKind, changed: readonly MergedRow[]): Promise<DiffEntry[]> {
    const entries: DiffEntry[] = changed.map((row) => ({
      entity: kind.entity,
      id: row.id,
      label: kind.label(row.merged),
      action: row.saved === null ? 'create' : 'update',
      fields: row.changedFields.map((field) => ({
        field,
        old: row.saved === null ? null : (row.saved[field] ?? null),
        new: row.merged[field] ?? null
      }))
    }))
    return kind.annotate ? kind.annotate(db, entries) : entries
  }

  /**
   * Validates the whole set, then applies it, writes the audit entry and clears the set in one
   * transaction. Any failure leaves both the saved data and the pending set as they were.
   * `actingAssociateId` is the signed-in admin, for the rules that protect people from themselves.
   */
  save(screen: Screen, actor: string, actingAssociateId?: number): Promise<SaveOutcome> {
    // Reading, validating and writing share one transaction, so another process cannot slip a
    // write in between the check and the apply.
    return this.#db.transaction().execute((trx) => this.saveIn(trx, screen, actor, actingAssociateId))
  }

  /** `save` inside a transaction the caller owns (provisioning saves several screens as one). */
  async saveIn(trx: Transaction<DB>, screen: Screen, actor: string, actingAssociateId?: number): Promise<SaveOutcome> {
    // The set is read, parsed and merged once; validation and the diff (kinds reading their
    // siblings' rows included) all see these rows, and apply writes them.
    const touched = await this.#touchedByKind(trx, screen)
    const plan = changedOnly(touched)
    this.#mergedForSave.set(trx, { screen, rows: new Map(touched.map(({ kind, rows }) => [kind.entity, rows])) })
    let entries: DiffEntry[]
    try {
      entries = await this.#validatedDiff(trx, plan, actingAssociateId)
    } finally {
      // apply writes: from here on the rows merged above are no longer the saved state.
      this.#mergedForSave.delete(trx)
    }
    for (const { kind, rows } of plan) await kind.apply(trx, rows, this.#clock)
    const auditEntryId = entries.length
      ? await appendAuditEntry(trx, {
          occurredAt: this.#clock().toISOString(),
          actor,
          screen,
          action: 'save',
          summary: `${entries.length} ${entries.length === 1 ? 'row' : 'rows'} saved`,
          changes: entries
        })
      : null
    await trx.deleteFrom('pending_change').where('screen', '=', screen).execute()
    return { savedEntries: entries.length, auditEntryId }
  }

  /**
   * Checks the plan against every kind's rules (throws when any fails), then returns the diff the
   * audit entry records: the same diff the confirmation dialog showed, built from the rows just
   * validated rather than merged a second time.
   */
  async #validatedDiff(trx: Transaction<DB>, plan: ReadonlyArray<{ kind: EntityKind; rows: MergedRow[] }>, actingAssociateId?: number): Promise<DiffEntry[]> {
    const problems = []
    for (const { kind, rows } of plan) problems.push(...(await kind.validate(trx, rows, actingAssociateId)))
    if (problems.length > 0) {
      throw new AppError(
        'validation_failed',
        `Nothing was saved: ${problems.length === 1 ? 'one change needs' : `${problems.length} changes need`} attention.`,
        problems
      )
    }
    const entries: DiffEntry[] = []
    for (const { kind, rows } of plan) entries.push(...(await this.#diffEntries(trx, kind, rows)))
    return entries
  }

  async #appliedChanges(db: Kysely<DB>, screen: Screen): Promise<readonly Change[]> {
    // Compiled once (compiled-query.ts): read straight from the statement cache, as one-column arrays.
    const rows = (await runCompiledArrays(db, 'pendingChanges.applied', () =>
      db.selectFrom('pending_change').select('change').where('screen', '=', slot<Screen>('screen')).where('undone', '=', 0).orderBy('seq'), { screen }
    )) as Array<[change: string]>
    // Re-validated on read: a hand-edited or older-format row must not reach the appliers.
    if (rows.length === 1) return this.#parseStep(rows[0][0])
    return rows.flatMap((r) => this.#parseStep(r[0]))
  }

  /** One stored step: a single change, or the array a batch (`stageMany`) stored. */
  #parseStep(text: string): readonly Change[] {
    const known = this.#parsed.get(text)
    if (known) return known
    const json: unknown = JSON.parse(text)
    const step = Object.freeze((Array.isArray(json) ? json : [json]).map((c) => Object.freeze(this.#readChange(c))))
    if (this.#parsedCount + step.length > PARSED_CHANGES_KEPT) {
      this.#parsed.clear()
      this.#parsedCount = 0
    }
    this.#parsed.set(text, step)
    this.#parsedCount += step.length
    return step
  }

  /**
   * One stored change. Every change was checked by changeSchema when it was staged and stored as
   * the schema gave it back, so a change that still has that shape (see `hasStoredShape`) is taken
   * as it is: zod's full parse costs about 0.1 ms per change until V8 has warmed it up, most of
   * a cold Save of 1,000 rows (issue 8). Anything else (a hand-edited or older-format row) goes
   * through the full schema, which refuses it with the schema's message as before.
   */
  #readChange(json: unknown): Change {
    return hasStoredShape(json, this.#kinds) ? (json as Change) : (changeSchema.parse(json) as Change)
  }

  async #setUndone(screen: Screen, seq: number, undone: 0 | 1): Promise<void> {
    await this.#db.updateTable('pending_change').set({ undone }).where('screen', '=', screen).where('seq', '=', seq).execute()
  }

  #kind(entity: string): EntityKind {
    const kind = this.#kinds.get(entity)
    if (!kind) throw new AppError('invalid_input', `Unknown kind of row: ${entity}.`)
    return kind
  }

  #kindsOf(screen: Screen): EntityKind[] {
    return [...this.#kinds.values()].filter((k) => k.screen === screen)
  }
}

/** How many parsed changes the engine keeps (a 10,000-row set, several times over). */
const PARSED_CHANGES_KEPT = 50_000

/** A row id as entityIdSchema (shared/domain/entity-id.ts) accepts it. */
const ROW_ID = /^(?:[1-9]\d{0,14}|new:[1-9]\d{0,8})$/

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Whether a stored change has exactly the shape the engine stores: `{ entity, id, values }` of a
 * kind this engine knows, a row id, and at least one field (stage refuses a change that sets
 * none), each a field the kind has a default for and holding a value of its default's type (a
 * field whose default is null holds null or a string: ids, hashes, removals). The finer rules
 * (lengths, formats, canonical lists) were checked when the change was staged, and Save's rules
 * still judge every merged row.
 */
function hasStoredShape(json: unknown, kinds: ReadonlyMap<string, EntityKind>): boolean {
  if (!isPlainObject(json) || Object.keys(json).length !== 3) return false
  const { entity, id, values } = json
  const kind = typeof entity === 'string' ? kinds.get(entity) : undefined
  if (!kind || typeof id !== 'string' || !ROW_ID.test(id) || !isPlainObject(values)) return false
  let fields = 0
  for (const field in values) {
    if (!Object.hasOwn(kind.defaults, field) || !fitsDefault(values[field], kind.defaults[field])) return false
    fields++
  }
  return fields > 0
}

/** A value of the default's type; a null default stands for a field holding null or a string. */
function fitsDefault(value: unknown, fallback: Scalar): boolean {
  return fallback === null ? value === null || typeof value === 'string' : typeof value === typeof fallback
}

/** The kinds with rows the set really changes, each with only those rows. */
function changedOnly(byKind: ReadonlyArray<{ kind: EntityKind; rows: MergedRow[] }>): Array<{ kind: EntityKind; rows: MergedRow[] }> {
  const out: Array<{ kind: EntityKind; rows: MergedRow[] }> = []
  for (const { kind, rows } of byKind) {
    const changed = rows.filter((r) => r.changedFields.length > 0)
    if (changed.length > 0) out.push({ kind, rows: changed })
  }
  return out
}

function sameScalar(a: Scalar | undefined, b: Scalar | undefined): boolean {
  return (a ?? null) === (b ?? null)
}
