import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { ADMIN_RIGHTS, type AdminRight } from '../../../shared/ipc/rights'

/** What sign-in needs to know about one user ID; never leaves main (it carries the hash). */
export interface AdminAccount {
  associateId: number
  userId: string
  fullName: string
  canLogIn: boolean
  retired: boolean
  secretHash: string | null
  failedAttempts: number
  lockedUntil: string | null
  /** The admin rights the associate's (live) role carries. */
  rights: AdminRight[]
}

/**
 * One employee by user ID (case-insensitive, as the unique index), with credential and admin rights.
 * SQL: select a.*, p.first_name, p.last_name, c.secret_hash, c.failed_attempts, c.locked_until,
 *      group_concat(rf.functional_right_id) from associate a left join person p … left join credential c …
 *      left join user_role ur … left join role r on r.deleted = 0 left join role_functional_right rf
 *      on rf.functional_right_id in (admin rights) where a.user_id = ? collate nocase and a.user_type = 'employee'
 */
export async function findAdminAccount(db: Kysely<DB>, userId: string): Promise<AdminAccount | null> {
  const row = await db
    .selectFrom('associate as a')
    .leftJoin('person as p', 'p.person_id', 'a.person_id')
    .leftJoin('credential as c', 'c.associate_id', 'a.associate_id')
    .select([
      'a.associate_id',
      'a.user_id',
      'a.can_log_in',
      'a.retired',
      sql<string>`trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, ''))`.as('full_name'),
      'c.secret_hash',
      'c.failed_attempts',
      'c.locked_until'
    ])
    .where(sql<boolean>`a.user_id = ${userId.trim()} collate nocase`)
    .where('a.user_type', '=', 'employee')
    .executeTakeFirst()
  if (!row) return null
  return {
    associateId: row.associate_id,
    userId: row.user_id,
    fullName: row.full_name,
    canLogIn: row.can_log_in === 1,
    retired: row.retired === 1,
    secretHash: row.secret_hash ?? null,
    failedAttempts: row.failed_attempts ?? 0,
    lockedUntil: row.locked_until ?? null,
    rights: await findAdminRightsOf(db, row.associate_id)
  }
}

/** The admin rights an associate's live role carries, in ADMIN_RIGHTS order. */
export async function findAdminRightsOf(db: Kysely<DB>, associateId: number): Promise<AdminRight[]> {
  const rows = await db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.role_id', 'ur.role_id')
    .innerJoin('role_functional_right as rf', 'rf.role_id', 'ur.role_id')
    .select('rf.functional_right_id')
    .where('ur.associate_id', '=', associateId)
    .where('r.deleted', '=', 0)
    .where('rf.functional_right_id', 'in', [...ADMIN_RIGHTS])
    .execute()
  const held = new Set(rows.map((r) => r.functional_right_id))
  return ADMIN_RIGHTS.filter((r) => held.has(r))
}

/**
 * How many associates could sign in now: employees who can log in, are not retired, have a
 * password and a live role with an admin right. Zero means the site still needs its set-up.
 */
export async function countAdministrators(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('associate as a')
    .innerJoin('credential as c', 'c.associate_id', 'a.associate_id')
    .innerJoin('user_role as ur', 'ur.associate_id', 'a.associate_id')
    .innerJoin('role as r', 'r.role_id', 'ur.role_id')
    .select(sql<number>`count(distinct a.associate_id)`.as('n'))
    .where('a.user_type', '=', 'employee')
    .where('a.can_log_in', '=', 1)
    .where('a.retired', '=', 0)
    .where('r.deleted', '=', 0)
    .where((eb) => eb.exists(eb.selectFrom('role_functional_right as rf').select('rf.role_id').whereRef('rf.role_id', '=', 'r.role_id').where('rf.functional_right_id', 'in', [...ADMIN_RIGHTS])))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Records a wrong password: the new count and, when it reached the limit, the lock's end. */
export async function recordFailedAttempt(db: Kysely<DB>, associateId: number, failedAttempts: number, lockedUntil: string | null): Promise<void> {
  await db.updateTable('credential').set({ failed_attempts: failedAttempts, locked_until: lockedUntil }).where('associate_id', '=', associateId).execute()
}

/** Clears the count and any lock (a good password, or another administrator lifting the lock). */
export async function clearFailedAttempts(db: Kysely<DB>, associateId: number): Promise<void> {
  await db.updateTable('credential').set({ failed_attempts: 0, locked_until: null }).where('associate_id', '=', associateId).execute()
}

/** Stamps the associate's last sign-in / sign-out (the reference's lastlogin / lastlogout). */
export async function stampLogin(db: Kysely<DB>, associateId: number, column: 'last_login_at' | 'last_logout_at', at: string): Promise<void> {
  await db.updateTable('associate').set({ [column]: at }).where('associate_id', '=', associateId).execute()
}
