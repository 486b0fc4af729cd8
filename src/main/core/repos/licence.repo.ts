import type { Kysely } from 'kysely'
import type { DB, LicenceOwnerTable, LicenceTable } from '../db/schema'
import { runCompiled } from './compiled-query'
import type { Selectable } from 'kysely'

/**
 * Licence owners, licences and assignments. These rows are a copy of the activated, signed files
 * (licence_owner.licence_file): services read totals and dates from the verified file, and use
 * the rows for ids, joins and foreign keys. Nothing here decides whether a row is trustworthy.
 */

export type LicenceOwnerRow = Selectable<LicenceOwnerTable>
export type LicenceRow = Selectable<LicenceTable>

/** SQL: select * from licence_owner order by sort_order, owner_name */
export function findLicenceOwners(db: Kysely<DB>): Promise<LicenceOwnerRow[]> {
  // Read on every Users request (the licence state is verified on every read): compiled once.
  return runCompiled<LicenceOwnerRow>(db, 'findLicenceOwners', () => db.selectFrom('licence_owner').selectAll().orderBy('sort_order').orderBy('owner_name'))
}

/** SQL: select * from licence_owner where owner_name = ? */
export function findLicenceOwnerByName(db: Kysely<DB>, ownerName: string): Promise<LicenceOwnerRow | undefined> {
  return db.selectFrom('licence_owner').selectAll().where('owner_name', '=', ownerName).executeTakeFirst()
}

/** SQL: select * from licence [where licence_owner_id = ?] order by licence_owner_id, sort_order, module_name */
export function findLicences(db: Kysely<DB>, ownerId?: number): Promise<LicenceRow[]> {
  const query = db.selectFrom('licence').selectAll().orderBy('licence_owner_id').orderBy('sort_order').orderBy('module_name')
  if (ownerId !== undefined) return query.where('licence_owner_id', '=', ownerId).execute()
  return runCompiled<LicenceRow>(db, 'findLicences', () => query)
}

export interface AssignmentRow {
  licence_id: number
  licence_owner_id: number
  module_name: string
  associate_id: number
  user_id: string
  first_name: string | null
  last_name: string | null
}

/**
 * Every assignment with the holder's login id and name.
 * SQL: select la.licence_id, l.licence_owner_id, l.module_name, a.associate_id, a.user_id, p.first_name, p.last_name
 *      from licence_assignment la join licence l using (licence_id) join associate a using (associate_id)
 *      left join person p on p.person_id = a.person_id [where l.module_name = ?] order by a.user_id
 */
export function findAssignments(db: Kysely<DB>, moduleName?: string): Promise<AssignmentRow[]> {
  let query = db
    .selectFrom('licence_assignment as la')
    .innerJoin('licence as l', 'l.licence_id', 'la.licence_id')
    .innerJoin('associate as a', 'a.associate_id', 'la.associate_id')
    .leftJoin('person as p', 'p.person_id', 'a.person_id')
    .select(['la.licence_id', 'l.licence_owner_id', 'l.module_name', 'a.associate_id', 'a.user_id', 'p.first_name', 'p.last_name'])
    .orderBy('a.user_id')
  if (moduleName !== undefined) query = query.where('l.module_name', '=', moduleName)
  return query.execute()
}

/**
 * One page of a licence's holders, by User ID, with how many there are: the Licences screen pages
 * them, so a licence held by 100,000 users never travels whole.
 * SQL: select count(*) from licence_assignment la join licence l using (licence_id) where l.module_name = ?;
 *      select … (as findAssignments) where l.module_name = ? order by a.user_id, a.associate_id limit ? offset ?
 */
export async function findHolderPage(db: Kysely<DB>, moduleName: string, offset: number, limit: number): Promise<{ total: number; rows: AssignmentRow[] }> {
  const counted = await db
    .selectFrom('licence_assignment as la')
    .innerJoin('licence as l', 'l.licence_id', 'la.licence_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('l.module_name', '=', moduleName)
    .executeTakeFirst()
  const rows = await db
    .selectFrom('licence_assignment as la')
    .innerJoin('licence as l', 'l.licence_id', 'la.licence_id')
    .innerJoin('associate as a', 'a.associate_id', 'la.associate_id')
    .leftJoin('person as p', 'p.person_id', 'a.person_id')
    .select(['la.licence_id', 'l.licence_owner_id', 'l.module_name', 'a.associate_id', 'a.user_id', 'p.first_name', 'p.last_name'])
    .where('l.module_name', '=', moduleName)
    .orderBy('a.user_id')
    .orderBy('a.associate_id')
    .limit(limit)
    .offset(offset)
    .execute()
  return { total: Number(counted?.n ?? 0), rows }
}

export interface LoginCandidateRow {
  associate_id: number
  user_id: string
  first_name: string | null
  last_name: string | null
}

/**
 * Users who may log in apart from licences (not retired, login allowed).
 * SQL: select a.associate_id, a.user_id, p.first_name, p.last_name from associate a left join person p using (person_id)
 *      where a.retired = 0 and a.can_log_in = 1 order by a.user_id
 */
export function findLoginCandidates(db: Kysely<DB>): Promise<LoginCandidateRow[]> {
  return db
    .selectFrom('associate as a')
    .leftJoin('person as p', 'p.person_id', 'a.person_id')
    .select(['a.associate_id', 'a.user_id', 'p.first_name', 'p.last_name'])
    .where('a.retired', '=', 0)
    .where('a.can_log_in', '=', 1)
    .orderBy('a.user_id')
    .execute()
}

export type OwnerValues = Omit<LicenceOwnerRow, 'licence_owner_id'>

/** Inserts or replaces an owner's row (keyed by name); returns its id. */
export async function saveLicenceOwner(db: Kysely<DB>, values: OwnerValues): Promise<number> {
  const existing = await findLicenceOwnerByName(db, values.owner_name)
  if (existing) {
    await db.updateTable('licence_owner').set(values).where('licence_owner_id', '=', existing.licence_owner_id).execute()
    return existing.licence_owner_id
  }
  const row = await db.insertInto('licence_owner').values(values).returning('licence_owner_id').executeTakeFirstOrThrow()
  return row.licence_owner_id
}

export type LicenceValues = Omit<LicenceRow, 'licence_id' | 'licence_owner_id'>

/** Inserts or updates one licence of an owner, keyed by module name, so assignments keep their licence id. */
export async function saveLicence(db: Kysely<DB>, ownerId: number, values: LicenceValues): Promise<void> {
  const updated = await db
    .updateTable('licence')
    .set(values)
    .where('licence_owner_id', '=', ownerId)
    .where('module_name', '=', values.module_name)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('licence').values({ ...values, licence_owner_id: ownerId }).execute()
}

/** Deletes an owner's licences that are not in `keep` (their assignments go with them). */
export async function deleteLicencesExcept(db: Kysely<DB>, ownerId: number, keep: readonly string[]): Promise<void> {
  let query = db.deleteFrom('licence').where('licence_owner_id', '=', ownerId)
  if (keep.length > 0) query = query.where('module_name', 'not in', keep)
  await query.execute()
}

/** Removes the given associates' assignments of one licence; returns how many went. */
export async function deleteAssignments(db: Kysely<DB>, licenceId: number, associateIds: readonly number[]): Promise<number> {
  if (associateIds.length === 0) return 0
  const result = await db
    .deleteFrom('licence_assignment')
    .where('licence_id', '=', licenceId)
    .where('associate_id', 'in', associateIds)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
