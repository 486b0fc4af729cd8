import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Problem } from '../../../shared/ipc/result'
import { isNewId } from '../../../shared/domain/change-set'
import { findUserGroups, insertUserGroup, updateUserGroup } from '../repos/user-group.repo'
import type { EntityKind, MergedRow, Values } from './entity-kind'

/** Case-insensitive comparison key for names (Unicode-aware, unlike SQLite's NOCASE). */
export const nameKey = (name: string): string => name.normalize('NFC').trim().toLocaleLowerCase('en')

function toValues(row: { name: string; tooltip: string; rank: number; deleted: number }): Values {
  return { name: row.name, tooltip: row.tooltip, rank: row.rank, deleted: row.deleted === 1 }
}

function typed(values: Values): { name: string; tooltip: string; rank: number; deleted: boolean } {
  return {
    name: String(values.name ?? '').trim(),
    tooltip: String(values.tooltip ?? ''),
    rank: Number(values.rank ?? 0),
    deleted: values.deleted === true
  }
}

/** Lists → User groups: the first kind on the change-set engine. */
export const userGroupKind: EntityKind = {
  entity: 'userGroup',
  screen: 'lists',
  fields: ['name', 'tooltip', 'rank', 'deleted'],
  defaults: { name: '', tooltip: '', rank: 0, deleted: false },

  async loadSaved(db, ids) {
    const rows = await findUserGroups(db, ids?.map(Number))
    return new Map(rows.map((r) => [String(r.user_group_id), toValues(r)]))
  },

  label: (values) => String(values.name ?? ''),

  async validate(db: Kysely<DB>, changed: readonly MergedRow[]): Promise<Problem[]> {
    const problems: Problem[] = []
    // Uniqueness is judged against every group as it would be after the Save.
    const final = new Map<string, string>()
    for (const [id, values] of await this.loadSaved(db)) final.set(id, String(values.name))
    for (const row of changed) final.set(row.id, String(row.merged.name ?? ''))

    for (const row of changed) {
      const name = String(row.merged.name ?? '').trim()
      const where = `userGroup:${row.id}.name`
      if (name === '') {
        problems.push({ path: where, message: row.saved ? `User group "${row.saved.name}" needs a name.` : 'A new user group needs a name.' })
        continue
      }
      const clash = [...final].find(([otherId, otherName]) => otherId !== row.id && nameKey(otherName) === nameKey(name))
      if (clash) {
        problems.push({ path: where, message: `There would be two user groups called "${name}". Names must differ (upper and lower case count as the same).` })
      }
    }
    return problems
  },

  async apply(trx, rows, clock) {
    const now = clock().toISOString()
    const renamed = rows.filter((r) => r.saved !== null && r.changedFields.includes('name'))
    // Names are unique: park renamed rows on placeholder names first, so swaps (A↔B) apply.
    // Not NUL: SQLite's length() stops at NUL, so the CHECK (length(trim(name)) > 0) refused it.
    for (const row of renamed) await updateUserGroup(trx, Number(row.id), { name: `\u0001renaming:${row.id}` }, now)
    for (const row of rows) {
      const values = typed(row.merged)
      if (isNewId(row.id)) {
        await insertUserGroup(trx, values, now)
      } else {
        const patch = Object.fromEntries(row.changedFields.map((f) => [f, values[f as keyof typeof values]]))
        await updateUserGroup(trx, Number(row.id), patch, now)
      }
    }
  }
}
