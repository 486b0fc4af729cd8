import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Problem } from '../../../shared/ipc/result'
import { isNewId } from '../../../shared/domain/change-set'
import { findAllUserIds } from '../repos/associate.repo'
import type { MergedRow } from './entity-kind'
import { nameKey } from './user-group.kind'
import type { UserDeps } from './user-context'

const gone = (row: MergedRow): boolean => (row.merged.removal ?? null) !== null || row.merged.deleted === true

/**
 * User IDs are unique across every associate type, regardless of case (Unicode-aware, like group
 * names): judged against the whole site as it would be after Save, both user kinds included.
 */
export async function userIdProblems(db: Kysely<DB>, deps: UserDeps, entity: 'associate' | 'otherUser', changed: readonly MergedRow[]): Promise<Problem[]> {
  const final = new Map<string, string>()
  for (const r of await findAllUserIds(db)) final.set(String(r.associate_id), r.user_id)
  for (const kind of ['associate', 'otherUser'] as const) {
    for (const row of await deps.engine().mergedIn(db, 'users', kind, false)) {
      if (gone(row)) final.delete(row.id)
      else final.set(kind === 'associate' || !isNewId(row.id) ? row.id : `other:${row.id}`, String(row.merged.userId ?? ''))
    }
  }
  const byKey = new Map<string, string[]>()
  for (const [id, userId] of final) {
    const key = nameKey(userId)
    if (key !== '') byKey.set(key, [...(byKey.get(key) ?? []), id])
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
    if ((byKey.get(nameKey(userId))?.length ?? 0) > 1) {
      problems.push({ path: at, message: `There would be two users with the user ID "${userId}". User IDs must differ (upper and lower case count as the same).` })
    }
  }
  return problems
}
