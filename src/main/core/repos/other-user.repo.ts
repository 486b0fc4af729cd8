import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'

/** System and anonymous users (SPEC §3.6): associates without person or groups. */
export interface OtherUserRecord {
  associate_id: number
  user_id: string
  user_type: 'system' | 'anonymous'
  description: string
  can_log_in: number
  has_password: number
}

/** SQL: select a.*, exists(credential) from associate a where a.user_type in ('system', 'anonymous') [and associate_id in (…)] order by user_id */
export function findOtherUsers(db: Kysely<DB>, ids?: readonly number[]): Promise<OtherUserRecord[]> {
  let query = db
    .selectFrom('associate as a')
    .select([
      'a.associate_id',
      'a.user_id',
      sql<'system' | 'anonymous'>`a.user_type`.as('user_type'),
      'a.description',
      'a.can_log_in',
      sql<number>`exists (select 1 from credential c where c.associate_id = a.associate_id)`.as('has_password')
    ])
    .where('a.user_type', 'in', ['system', 'anonymous'])
    .orderBy('a.user_id')
  if (ids) {
    if (ids.length === 0) return Promise.resolve([])
    query = query.where('a.associate_id', 'in', ids)
  }
  return query.execute()
}

/** Other users are deleted outright: they have no person and no history to keep. */
export async function deleteOtherUser(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('associate').where('associate_id', '=', id).where('user_type', 'in', ['system', 'anonymous']).execute()
}
