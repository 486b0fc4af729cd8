import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Problem } from '../../../shared/ipc/result'
import { isNewId } from '../../../shared/domain/change-set'
import { findUserIdCandidates } from '../repos/associate.repo'
import type { MergedRow } from './entity-kind'
import { nameKey } from './user-group.kind'
import { mergedOnce, type UserDeps } from './user-context'

const gone = (row: MergedRow): boolean => (row.merged.removal ?? null) !== null || row.merged.deleted === true

/**
 * User IDs are unique across every associate type, regardless of case (Unicode-aware, like group
 * names): judged against the whole site as it would be after Save, both user kinds included.
 */
export async function userIdProblems(db: Kysely<DB>, deps: UserDeps, entity: 'associate' | 'otherUser', changed: readonly MergedRow[]): Promise<Problem[]> {
  // Only IDs that could clash with the changed rows' matter: the saved candidates for the keys of
  // new and renamed rows (see findUserIdCandidates), with every pending change of both user kinds
  // laid over them. A row keeping its saved ID needs no look-up of its own: a saved ID in plain
  // ASCII is unique by the NOCASE index, every other saved ID is a candidate anyway, and a pending
  // row taking the same ID is a renamed or new row, whose key is looked up.
  const keys = new Set<string>()
  for (const row of changed) {
    const userId = String(row.merged.userId ?? '').trim()
    if (gone(row) || userId === '' || (row.saved !== null && !row.changedFields.includes('userId'))) continue
    keys.add(userId)
    keys.add(nameKey(userId))
  }
  const final = new Map<string, string>()
  for (const r of await findUserIdCandidates(db, [...keys])) final.set(String(r.associate_id), r.user_id)
  for (const kind of ['associate', 'otherUser'] as const) {
    // The kind being validated: its changed rows are `changed` (touched rows that change nothing
    // keep their saved ID); the sibling kind is merged here.
    const rows = kind === entity ? changed : (await mergedOnce(db, deps, kind)).filter((r) => r.changedFields.length > 0)
    for (const row of rows) {
      if (gone(row)) final.delete(row.id)
      else final.set(kind === 'associate' || !isNewId(row.id) ? row.id : `other:${row.id}`, String(row.merged.userId ?? ''))
    }
  }
  // How many users hold each key after Save (a count is all the check below needs).
  const holders = new Map<string, number>()
  for (const userId of final.values()) {
    const key = nameKey(userId)
    if (key !== '') holders.set(key, (holders.get(key) ?? 0) + 1)
  }
  const problems: Problem[] = []
  for (const row of changed) {
    if (gone(row)) continue
    const userId = String(row.merged.userId ?? '').trim()
    const at = `${entity}:${row.id}.userId`
    if (userId === '') {
      problems.push({ path: at, message: 'Every user needs a user ID.' })
      continue
    }
    if ((holders.get(nameKey(userId)) ?? 0) > 1) {
      problems.push({ path: at, message: `There would be two users with the user ID "${userId}". User IDs must differ (upper and lower case count as the same).` })
    }
  }
  return problems
}
