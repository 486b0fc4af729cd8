import type { Kysely } from 'kysely'
import { runCompiled } from './compiled-query'
import type { DB, UserGroup } from '../db/schema'

/**
 * User groups by id; all of them when `ids` is undefined.
 * SQL: select * from user_group [where user_group_id in (?, …)] order by rank, name
 */
export function findUserGroups(db: Kysely<DB>, ids?: readonly number[]): Promise<UserGroup[]> {
  let query = db.selectFrom('user_group').selectAll().orderBy('rank').orderBy('name')
  if (ids) {
    if (ids.length === 0) return Promise.resolve([])
    query = query.where('user_group_id', 'in', ids)
    return query.execute()
  }
  // Every group: read on every Users request, so compiled once.
  return runCompiled<UserGroup>(db, 'findUserGroups', () => query)
}

export async function insertUserGroup(
  db: Kysely<DB>,
  values: { name: string; tooltip: string; rank: number; deleted: boolean },
  now: string
): Promise<number> {
  const row = await db
    .insertInto('user_group')
    .values({ ...values, deleted: values.deleted ? 1 : 0, created_at: now, updated_at: now })
    .returning('user_group_id')
    .executeTakeFirstOrThrow()
  return row.user_group_id
}

export async function updateUserGroup(
  db: Kysely<DB>,
  id: number,
  values: Partial<{ name: string; tooltip: string; rank: number; deleted: boolean }>,
  now: string
): Promise<void> {
  const { deleted, ...rest } = values
  await db
    .updateTable('user_group')
    .set({ ...rest, ...(deleted === undefined ? {} : { deleted: deleted ? 1 : 0 }), updated_at: now })
    .where('user_group_id', '=', id)
    .execute()
}
