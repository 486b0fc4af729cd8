import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'

/**
 * Associates (employees) with their person, role, groups, licences and credential: the rows
 * behind the Users screen's card. Queries only; the associate kind holds the rules.
 */

export interface AssociateRecord {
  associate_id: number
  user_id: string
  user_type: string
  person_id: number | null
  primary_group_id: number | null
  can_log_in: number
  retired: number
  first_name: string
  middle_name: string
  last_name: string
  email: string
  phone: string
  company_id: number | null
  role_id: number | null
  has_password: number
}

/** SQLite allows 32,766 bound values; lists of ids are read in slices well below that. */
const SLICE = 500
export function slices<T>(items: readonly T[], size = SLICE): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Employees by id (all of them when `ids` is undefined).
 * SQL: select a.*, p.*, ur.role_id, exists(credential) from associate a left join person p using (person_id)
 *      left join user_role ur using (associate_id) where a.user_type = 'employee' [and a.associate_id in (…)]
 */
export async function findAssociates(db: Kysely<DB>, ids?: readonly number[]): Promise<AssociateRecord[]> {
  const base = () =>
    db
      .selectFrom('associate as a')
      .leftJoin('person as p', 'p.person_id', 'a.person_id')
      .leftJoin('user_role as ur', 'ur.associate_id', 'a.associate_id')
      .select([
        'a.associate_id',
        'a.user_id',
        'a.user_type',
        'a.person_id',
        'a.primary_group_id',
        'a.can_log_in',
        'a.retired',
        sql<string>`coalesce(p.first_name, '')`.as('first_name'),
        sql<string>`coalesce(p.middle_name, '')`.as('middle_name'),
        sql<string>`coalesce(p.last_name, '')`.as('last_name'),
        sql<string>`coalesce(p.email, '')`.as('email'),
        sql<string>`coalesce(p.phone, '')`.as('phone'),
        'p.company_id',
        'ur.role_id',
        sql<number>`exists (select 1 from credential c where c.associate_id = a.associate_id)`.as('has_password')
      ])
      .where('a.user_type', '=', 'employee')
  if (!ids) return base().orderBy('a.associate_id').execute()
  const out: AssociateRecord[] = []
  for (const part of slices(ids)) out.push(...(await base().where('a.associate_id', 'in', part).execute()))
  return out
}

/** Other-group ids per associate. SQL: select associate_id, user_group_id from user_group_link [where associate_id in (…)] */
export async function findGroupLinks(db: Kysely<DB>, ids?: readonly number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>()
  const add = (rows: Array<{ associate_id: number; user_group_id: number }>): void => {
    for (const r of rows) map.set(r.associate_id, [...(map.get(r.associate_id) ?? []), r.user_group_id])
  }
  const base = () => db.selectFrom('user_group_link').select(['associate_id', 'user_group_id'])
  if (!ids) add(await base().execute())
  else for (const part of slices(ids)) add(await base().where('associate_id', 'in', part).execute())
  return map
}

/** Licence module names per associate. SQL: select la.associate_id, l.module_name from licence_assignment la join licence l using (licence_id) [where …] */
export async function findLicenceModules(db: Kysely<DB>, ids?: readonly number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>()
  const base = () =>
    db.selectFrom('licence_assignment as la').innerJoin('licence as l', 'l.licence_id', 'la.licence_id').select(['la.associate_id', 'l.module_name'])
  const add = (rows: Array<{ associate_id: number; module_name: string }>): void => {
    for (const r of rows) map.set(r.associate_id, [...(map.get(r.associate_id) ?? []), r.module_name])
  }
  if (!ids) add(await base().execute())
  else for (const part of slices(ids)) add(await base().where('la.associate_id', 'in', part).execute())
  return map
}

/** Assignments per module name as saved. SQL: select l.module_name, count(*) from licence_assignment la join licence l using (licence_id) group by l.module_name */
export async function countAssignmentsByModule(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('licence_assignment as la')
    .innerJoin('licence as l', 'l.licence_id', 'la.licence_id')
    .select(['l.module_name', sql<number>`count(*)`.as('n')])
    .groupBy('l.module_name')
    .execute()
  return new Map(rows.map((r) => [r.module_name, Number(r.n)]))
}

/** Every user ID with its associate id (uniqueness is judged in JS, Unicode-aware). SQL: select associate_id, user_id from associate */
export function findAllUserIds(db: Kysely<DB>): Promise<Array<{ associate_id: number; user_id: string }>> {
  return db.selectFrom('associate').select(['associate_id', 'user_id']).execute()
}

/** User ids and names, for naming users in refusals. */
export async function findLabels(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, { userId: string; fullName: string }>> {
  const map = new Map<number, { userId: string; fullName: string }>()
  for (const part of slices(ids)) {
    const rows = await db
      .selectFrom('associate as a')
      .leftJoin('person as p', 'p.person_id', 'a.person_id')
      .select(['a.associate_id', 'a.user_id', 'p.first_name', 'p.middle_name', 'p.last_name'])
      .where('a.associate_id', 'in', part)
      .execute()
    for (const r of rows) map.set(r.associate_id, { userId: r.user_id, fullName: [r.first_name, r.middle_name, r.last_name].filter(Boolean).join(' ') })
  }
  return map
}

/**
 * Holders of one module name, with names: pages of the User licences tab.
 * SQL: select a.associate_id, a.user_id, p.first_name, p.last_name from licence_assignment … where l.module_name = ? order by a.user_id limit ? offset ?
 */
export function findModuleHolderIds(db: Kysely<DB>, moduleName: string): Promise<Array<{ associate_id: number }>> {
  return db
    .selectFrom('licence_assignment as la')
    .innerJoin('licence as l', 'l.licence_id', 'la.licence_id')
    .select('la.associate_id')
    .where('l.module_name', '=', moduleName)
    .execute()
}

/**
 * Associates who can log in and whose role grants `rightId` (the last General administrator rule).
 * SQL: select a.associate_id from associate a join user_role ur … join role_functional_right rf … where a.retired = 0 and a.can_log_in = 1
 */
export async function findHoldersOfRight(db: Kysely<DB>, rightId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('associate as a')
    .innerJoin('user_role as ur', 'ur.associate_id', 'a.associate_id')
    .innerJoin('role as r', 'r.role_id', 'ur.role_id')
    .innerJoin('role_functional_right as rf', 'rf.role_id', 'ur.role_id')
    .select('a.associate_id')
    .where('rf.functional_right_id', '=', rightId)
    .where('r.deleted', '=', 0)
    .where('a.user_type', '=', 'employee')
    .where('a.retired', '=', 0)
    .where('a.can_log_in', '=', 1)
    .execute()
  return rows.map((r) => r.associate_id)
}

/** Roles holding a functional right. SQL: select role_id from role_functional_right where functional_right_id = ? */
export async function findRolesWithRight(db: Kysely<DB>, rightId: string): Promise<Set<number>> {
  const rows = await db.selectFrom('role_functional_right').select('role_id').where('functional_right_id', '=', rightId).execute()
  return new Set(rows.map((r) => r.role_id))
}

// ---- writes (inside Save's transaction) -----------------------------------------------------

export interface PersonFields {
  company_id: number
  first_name: string
  middle_name: string
  last_name: string
  email: string
  phone: string
  retired: number
}

export async function insertPerson(db: Kysely<DB>, values: PersonFields, now: string): Promise<number> {
  const row = await db.insertInto('person').values({ ...values, created_at: now, updated_at: now }).returning('person_id').executeTakeFirstOrThrow()
  return row.person_id
}

export async function updatePerson(db: Kysely<DB>, personId: number, values: Partial<PersonFields>, now: string): Promise<void> {
  if (Object.keys(values).length === 0) return
  await db.updateTable('person').set({ ...values, updated_at: now }).where('person_id', '=', personId).execute()
}

export interface AssociateFields {
  user_id: string
  user_type: 'employee' | 'system' | 'anonymous'
  person_id: number | null
  primary_group_id: number | null
  description: string
  can_log_in: number
  retired: number
}

export async function insertAssociate(db: Kysely<DB>, values: AssociateFields, now: string): Promise<number> {
  const row = await db.insertInto('associate').values({ ...values, created_at: now, updated_at: now }).returning('associate_id').executeTakeFirstOrThrow()
  return row.associate_id
}

export async function updateAssociate(db: Kysely<DB>, id: number, values: Partial<AssociateFields>, now: string): Promise<void> {
  if (Object.keys(values).length === 0) return
  await db.updateTable('associate').set({ ...values, updated_at: now }).where('associate_id', '=', id).execute()
}

/** One role per user: replaces it, or removes it when `roleId` is null. */
export async function setUserRole(db: Kysely<DB>, associateId: number, roleId: number | null): Promise<void> {
  await db.deleteFrom('user_role').where('associate_id', '=', associateId).execute()
  if (roleId !== null) await db.insertInto('user_role').values({ associate_id: associateId, role_id: roleId }).execute()
}

export async function setOtherGroups(db: Kysely<DB>, associateId: number, groupIds: readonly number[]): Promise<void> {
  await db.deleteFrom('user_group_link').where('associate_id', '=', associateId).execute()
  if (groupIds.length > 0) await db.insertInto('user_group_link').values(groupIds.map((g) => ({ associate_id: associateId, user_group_id: g }))).execute()
}

/** Makes the associate hold exactly `modules` (module names → licence ids by `licenceIdOf`). */
export async function setLicences(db: Kysely<DB>, associateId: number, licenceIds: readonly number[], now: string): Promise<void> {
  await db.deleteFrom('licence_assignment').where('associate_id', '=', associateId).execute()
  if (licenceIds.length > 0) {
    await db.insertInto('licence_assignment').values(licenceIds.map((l) => ({ licence_id: l, associate_id: associateId, assigned_at: now }))).execute()
  }
}

/** Licence ids by module name (assignments refer to the row of the owner that issued the module). */
export async function findLicenceIdsByModule(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('licence').select(['licence_id', 'module_name']).where('kind', '=', 'user').execute()
  return new Map(rows.map((r) => [r.module_name, r.licence_id]))
}

export async function setPasswordHash(db: Kysely<DB>, associateId: number, hash: string | null, now: string): Promise<void> {
  if (hash === null) {
    await db.deleteFrom('credential').where('associate_id', '=', associateId).execute()
    return
  }
  await db
    .insertInto('credential')
    .values({ associate_id: associateId, secret_hash: hash, updated_at: now })
    .onConflict((oc) => oc.column('associate_id').doUpdateSet({ secret_hash: hash, failed_attempts: 0, locked_until: null, updated_at: now }))
    .execute()
}

/** Deletes an associate after writing its AssociateHistory snapshot; links go with it (cascade). */
export async function deleteAssociateWithHistory(db: Kysely<DB>, associateId: number, now: string): Promise<number | null> {
  const row = await db
    .selectFrom('associate as a')
    .leftJoin('person as p', 'p.person_id', 'a.person_id')
    .select(['a.associate_id', 'a.user_id', 'a.user_type', 'a.primary_group_id', 'a.person_id', 'p.first_name', 'p.middle_name', 'p.last_name', 'p.company_id'])
    .where('a.associate_id', '=', associateId)
    .executeTakeFirst()
  if (!row) return null
  await db
    .insertInto('associate_history')
    .values({
      associate_id: row.associate_id,
      user_id: row.user_id,
      first_name: row.first_name ?? '',
      middle_name: row.middle_name ?? '',
      last_name: row.last_name ?? '',
      user_type: row.user_type,
      primary_group_id: row.primary_group_id,
      person_id: row.person_id,
      company_id: row.company_id,
      deleted_at: now
    })
    .execute()
  await db.deleteFrom('associate').where('associate_id', '=', associateId).execute()
  return row.person_id
}

export async function deletePerson(db: Kysely<DB>, personId: number): Promise<void> {
  await db.deleteFrom('person').where('person_id', '=', personId).execute()
}
