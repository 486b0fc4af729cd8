import { sql, type Kysely } from 'kysely'
import type { DB, RoleType } from '../db/schema'
import { runCompiled } from './compiled-query'
import type { DataObject, FunctionalRightId, Level, OwnerRelation } from '../../../shared/domain/role'

export interface RoleRecord {
  role_id: number
  name: string
  description: string
  rank: number
  role_type: RoleType
  deleted: number
}

export interface DataRightRecord {
  role_id: number
  data_object: DataObject
  owner_relation: OwnerRelation
  level: Level
}

/**
 * Roles by id; all of them (deleted ones too) when `ids` is undefined.
 * SQL: select role_id, name, description, rank, role_type, deleted from role [where role_id in (…)] order by role_type, rank, name
 */
export function findRoles(db: Kysely<DB>, ids?: readonly number[]): Promise<RoleRecord[]> {
  let query = db
    .selectFrom('role')
    .select(['role_id', 'name', 'description', 'rank', 'role_type', 'deleted'])
    .orderBy('role_type')
    .orderBy('rank')
    .orderBy('name')
  if (ids) {
    if (ids.length === 0) return Promise.resolve([])
    query = query.where('role_id', 'in', ids)
    return query.execute()
  }
  // Every role: read on every Users request, so compiled once.
  return runCompiled<RoleRecord>(db, 'findRoles', () => query)
}

/** Matrix cells of the given roles. SQL: select * from data_right where role_id in (…) */
export async function findDataRights(db: Kysely<DB>, roleIds: readonly number[]): Promise<DataRightRecord[]> {
  if (roleIds.length === 0) return []
  const rows = await db.selectFrom('data_right').selectAll().where('role_id', 'in', roleIds).execute()
  return rows as DataRightRecord[]
}

/** Functional rights the given roles hold. SQL: select * from role_functional_right where role_id in (…) */
export async function findRoleFunctionalRights(
  db: Kysely<DB>,
  roleIds: readonly number[]
): Promise<Array<{ role_id: number; functional_right_id: string }>> {
  if (roleIds.length === 0) return []
  return db.selectFrom('role_functional_right').selectAll().where('role_id', 'in', roleIds).execute()
}

/** The functional-rights catalogue in seeded order. SQL: select * from functional_right order by rowid */
export function findFunctionalRightCatalogue(db: Kysely<DB>) {
  return db.selectFrom('functional_right').selectAll().orderBy(sql`rowid`).execute()
}

/**
 * How many users hold each role (roles nobody holds are absent).
 * SQL: select role_id, count(*) from user_role [where role_id in (…)] group by role_id
 */
export async function countUsersByRole(db: Kysely<DB>, roleIds?: readonly number[]): Promise<Map<number, number>> {
  let query = db
    .selectFrom('user_role')
    .select(['role_id', sql<number>`count(*)`.as('n')])
    .groupBy('role_id')
  if (roleIds) {
    if (roleIds.length === 0) return new Map()
    query = query.where('role_id', 'in', roleIds)
  }
  const rows = await query.execute()
  return new Map(rows.map((r) => [r.role_id, Number(r.n)]))
}

export async function insertRole(
  db: Kysely<DB>,
  values: { name: string; description: string; rank: number; roleType: RoleType },
  now: string
): Promise<number> {
  const row = await db
    .insertInto('role')
    .values({ name: values.name, description: values.description, rank: values.rank, role_type: values.roleType, created_at: now, updated_at: now })
    .returning('role_id')
    .executeTakeFirstOrThrow()
  return row.role_id
}

export async function updateRole(
  db: Kysely<DB>,
  id: number,
  values: Partial<{ name: string; description: string; rank: number; deleted: boolean }>,
  now: string
): Promise<void> {
  const { deleted, ...rest } = values
  await db
    .updateTable('role')
    .set({ ...rest, ...(deleted === undefined ? {} : { deleted: deleted ? 1 : 0 }), updated_at: now })
    .where('role_id', '=', id)
    .execute()
}

/** Sets matrix cells, inserting any the role does not have yet. */
export async function upsertDataRights(db: Kysely<DB>, cells: readonly DataRightRecord[]): Promise<void> {
  if (cells.length === 0) return
  await db
    .insertInto('data_right')
    .values([...cells])
    .onConflict((oc) => oc.columns(['role_id', 'data_object', 'owner_relation']).doUpdateSet((eb) => ({ level: eb.ref('excluded.level') })))
    .execute()
}

export async function grantFunctionalRights(db: Kysely<DB>, roleId: number, rightIds: readonly FunctionalRightId[]): Promise<void> {
  if (rightIds.length === 0) return
  await db
    .insertInto('role_functional_right')
    .values(rightIds.map((id) => ({ role_id: roleId, functional_right_id: id })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

export async function revokeFunctionalRights(db: Kysely<DB>, roleId: number, rightIds: readonly FunctionalRightId[]): Promise<void> {
  if (rightIds.length === 0) return
  await db
    .deleteFrom('role_functional_right')
    .where('role_id', '=', roleId)
    .where('functional_right_id', 'in', rightIds)
    .execute()
}

/** Moves every user of one role to another. SQL: update user_role set role_id = ? where role_id = ? */
export async function moveUsersToRole(db: Kysely<DB>, fromRoleId: number, toRoleId: number): Promise<number> {
  const result = await db.updateTable('user_role').set({ role_id: toRoleId }).where('role_id', '=', fromRoleId).executeTakeFirst()
  return Number(result.numUpdatedRows)
}
