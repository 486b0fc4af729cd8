import { sql, type CompiledQuery, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../db/schema'
import { runCompiledArrays, slot } from './compiled-query'

/**
 * Associates (employees) with their person, role, groups, licences and credential: the rows
 * behind the Users screen's card. Queries only; the associate kind holds the rules.
 */

/**
 * An employee as the Users screen's kind reads it: the card's columns plus its two lists, as an
 * array of the columns in this order (better-sqlite3 builds arrays several times faster than
 * objects, and Save reads one per changed user; issue 8).
 */
export type SavedAssociateRow = [
  associate_id: number,
  user_id: string,
  primary_group_id: number | null,
  can_log_in: number,
  retired: number,
  first_name: string,
  middle_name: string,
  last_name: string,
  email: string,
  phone: string,
  company_id: number | null,
  role_id: number | null,
  has_password: number,
  /** Other-group ids, comma-separated in text order ('' for none). */
  group_ids: string,
  /** Licence module names, comma-separated in text order ('' for none). */
  modules: string
]

/** SQLite allows 32,766 bound values; lists of ids are read in slices well below that. */
const SLICE = 500
export function slices<T>(items: readonly T[], size = SLICE): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Employees by id (all of them when `ids` is undefined) with their other groups and licences, in
 * ONE statement: a large change set's saved rows were read by three (issue 8), and most of the
 * cost of such a read is building result rows, not SQLite's look-ups (so only the columns the
 * kind uses are read).
 * SQL: select a.*, p.*, ur.role_id, exists(credential), (group ids), al.licences
 *      from associate a left join person p using (person_id) left join user_role ur using (associate_id)
 *      left join associate_list al using (associate_id)
 *      where a.user_type = 'employee' [and a.associate_id in (…)]
 *
 * Module names come sorted as text (SQLite's BINARY order, which for these names is the order
 * JavaScript's sort() gives), the canonical form the change-set engine compares; group ids come
 * in numeric order (see canonicalGroupIds in associate.kind.ts).
 * The ids travel as one JSON parameter, so the SQL text never changes with their number: the
 * query is compiled once (runCompiled) and SQLite's prepared statement is reused.
 */
export async function findSavedAssociates(db: Kysely<DB>, ids?: readonly number[]): Promise<SavedAssociateRow[]> {
  const base = () =>
    db
      .selectFrom('associate as a')
      .leftJoin('person as p', 'p.person_id', 'a.person_id')
      .leftJoin('user_role as ur', 'ur.associate_id', 'a.associate_id')
      .leftJoin('associate_list as al', 'al.associate_id', 'a.associate_id')
      .select([
        'a.associate_id',
        'a.user_id',
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
        sql<number>`exists (select 1 from credential c where c.associate_id = a.associate_id)`.as('has_password'),
        // In the link's primary-key order (numeric); the kind puts it in text order (sorting in
        // SQL took a temporary B-tree per row: a quarter of this read for 5,000 rows).
        sql<string>`coalesce((select group_concat(k.user_group_id) from user_group_link k where k.associate_id = a.associate_id), '')`.as('group_ids'),
        // associate_list's ",user,web," (migration 0003: module names in order, kept by triggers,
        // also inside this transaction) without its outer commas, instead of joining the
        // assignments again (another 40% of this read).
        sql<string>`coalesce(substr(al.licences, 2, length(al.licences) - 2), '')`.as('modules')
      ])
  // Column order: SavedAssociateRow's.
  const rows = (name: string, build: () => { compile(): CompiledQuery }, values?: Record<string, unknown>) =>
    runCompiledArrays(db, name, build, values) as Promise<SavedAssociateRow[]>
  if (!ids) return rows('findSavedAssociates.all', () => base().where('a.user_type', '=', 'employee').orderBy('a.associate_id'))
  if (ids.length === 0) return []
  // "+a.user_type": look the ids up by primary key rather than walk every employee by type.
  return rows(
    'findSavedAssociates',
    () => base().where(sql<string>`+a.user_type`, '=', 'employee').where('a.associate_id', 'in', sql<number>`(select value from json_each(${slot('ids')}))`),
    { ids: JSON.stringify(ids) }
  )
}

/**
 * Assignments per module name as saved (modules nobody holds are left out).
 * SQL: select l.module_name, sum((select count(*) from licence_assignment la where la.licence_id = l.licence_id))
 *      from licence l [where l.module_name in (…)] group by l.module_name
 *
 * Counted per licence row through the assignments' primary key (licence_id, associate_id): a
 * range of the index each, instead of the join SQLite otherwise plans, which walks every
 * assignment and looks its licence up (8 ms at 10,000 users for one module, on every Save that
 * hands out a restricted licence; issue 8).
 */
export async function countAssignmentsByModule(db: Kysely<DB>, modules?: readonly string[]): Promise<Map<string, number>> {
  let query = db
    .selectFrom('licence as l')
    .select(['l.module_name', sql<number>`sum((select count(*) from licence_assignment la where la.licence_id = l.licence_id))`.as('n')])
  if (modules) query = query.where('l.module_name', 'in', sql<string>`(select value from json_each(${JSON.stringify(modules)}))`)
  const rows = await query.groupBy('l.module_name').execute()
  return new Map(rows.filter((r) => Number(r.n) > 0).map((r) => [r.module_name, Number(r.n)]))
}

/** Every user ID with its associate id (uniqueness is judged in JS, Unicode-aware). SQL: select associate_id, user_id from associate */
export function findAllUserIds(db: Kysely<DB>): Promise<Array<{ associate_id: number; user_id: string }>> {
  return db.selectFrom('associate').select(['associate_id', 'user_id']).execute()
}

/**
 * The saved user IDs that could equal any of `keys` under the app's Unicode-aware comparison
 * (trimmed, NFC, lower case): the ASCII-case-insensitive matches of the keys (the column's
 * NOCASE), plus every ID that NOCASE cannot judge (anything outside printable ASCII, or spaces at
 * either end). Pass each candidate ID both as typed and as its key. Index look-ups instead of
 * every associate read into JS.
 */
export async function findUserIdCandidates(db: Kysely<DB>, keys: readonly string[]): Promise<Array<{ associate_id: number; user_id: string }>> {
  // The second arm's condition is exactly the partial index associate_user_id_unusual's (0003).
  // Named, because SQLite's planner otherwise scans every associate for it (1.5 ms at 10,000,
  // ten times that at 100,000, on every Save) instead of reading the index's few rows.
  const result = await sql<{ associate_id: number; user_id: string }>`
    select associate_id, user_id from associate where user_id in (select value from json_each(${JSON.stringify(keys)}))
    union
    select associate_id, user_id from associate indexed by associate_user_id_unusual where user_id glob '*[^ -~]*' or user_id like ' %' or user_id like '% '`.execute(db)
  return result.rows
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

// ---- set-based writes (Save of many rows, issue 8) ----------------------------------------------

/** Rows grouped by the set of columns they change (one compiled UPDATE per group). */
function byColumns<T extends { values: object }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const key = Object.keys(row.values).sort().join(',')
    if (key === '') continue
    const list = groups.get(key)
    if (list) list.push(row)
    else groups.set(key, [row])
  }
  return groups
}

/** person_id of each associate, in one statement however many. */
export async function findPersonIds(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, number | null>> {
  if (ids.length === 0) return new Map()
  // Compiled once; rows as [associate_id, person_id] (see runCompiledArrays).
  const rows = (await runCompiledArrays(
    db,
    'findPersonIds',
    () => db.selectFrom('associate').select(['associate_id', 'person_id']).where('associate_id', 'in', sql<number>`(select value from json_each(${slot('ids')}))`),
    { ids: JSON.stringify(ids) }
  )) as Array<[associate_id: number, person_id: number | null]>
  return new Map(rows)
}

/**
 * Set-based writes for Save (issue 8): each is ONE statement over a JSON list of rows (json_each),
 * whatever the number of rows, so a Save of 10,000 rows costs a handful of statements instead of
 * tens of thousands of awaited round trips. Triggers still fire per row.
 */
const json = (rows: unknown): RawBuilder<unknown> => sql`json_each(${JSON.stringify(rows)})`

/** Only the last patch per key counts (as when rows were written one after the other). */
function lastPer<T>(rows: readonly T[], key: (row: T) => number): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()]
}

/** Updates many rows of `table`, each with only its changed columns (and updated_at). */
async function updateMany(db: Kysely<DB>, table: 'person' | 'associate', idColumn: 'person_id' | 'associate_id', patches: ReadonlyArray<{ id: number; values: object }>, now: string): Promise<void> {
  for (const [key, rows] of byColumns(patches)) {
    const columns = key.split(',')
    const set = sql.join([...columns.map((c) => sql`${sql.ref(c)} = j.value ->> ${`$.${c}`}`), sql`updated_at = ${now}`])
    const payload = lastPer(rows, (r) => r.id).map((r) => ({ ...r.values, id: r.id }))
    await sql`update ${sql.table(table)} set ${set} from ${json(payload)} as j where ${sql.ref(`${table}.${idColumn}`)} = j.value ->> '$.id'`.execute(db)
  }
}

/** Updates many persons, each with only its changed columns (and updated_at). */
export function updatePeople(db: Kysely<DB>, patches: ReadonlyArray<{ personId: number; values: Partial<PersonFields> }>, now: string): Promise<void> {
  return updateMany(db, 'person', 'person_id', patches.map((p) => ({ id: p.personId, values: p.values })), now)
}

/** Updates many associates, each with only its changed columns (and updated_at). */
export function updateAssociates(db: Kysely<DB>, patches: ReadonlyArray<{ id: number; values: Partial<AssociateFields> }>, now: string): Promise<void> {
  return updateMany(db, 'associate', 'associate_id', patches, now)
}

/** One role per user for many users: replaces each, or removes it when `roleId` is null. */
export async function setUserRoles(db: Kysely<DB>, roles: ReadonlyArray<{ associateId: number; roleId: number | null }>): Promise<void> {
  if (roles.length === 0) return
  const last = lastPer(roles, (r) => r.associateId)
  await sql`delete from user_role where associate_id in (select value from ${json(last.map((r) => r.associateId))})`.execute(db)
  const given = last.filter((r) => r.roleId !== null).map((r) => [r.associateId, r.roleId])
  if (given.length > 0) await sql`insert into user_role (associate_id, role_id) select value ->> 0, value ->> 1 from ${json(given)}`.execute(db)
}

/** Adds and removes other-group memberships (only the pairs that change). */
export async function changeGroupLinks(db: Kysely<DB>, add: ReadonlyArray<readonly [number, number]>, remove: ReadonlyArray<readonly [number, number]>): Promise<void> {
  if (remove.length > 0) {
    await sql`delete from user_group_link where associate_id in (select value ->> 0 from ${json(remove)})
      and (associate_id, user_group_id) in (select value ->> 0, value ->> 1 from ${json(remove)})`.execute(db)
  }
  if (add.length > 0) await sql`insert into user_group_link (associate_id, user_group_id) select value ->> 0, value ->> 1 from ${json(add)}`.execute(db)
}

/**
 * Adds and removes licence assignments (only the modules that change: a licence kept keeps its
 * assigned_at). A removed module goes whichever licence row it was assigned through.
 */
export async function changeLicenceAssignments(
  db: Kysely<DB>,
  add: ReadonlyArray<{ associateId: number; licenceId: number }>,
  remove: ReadonlyArray<{ associateId: number; moduleName: string }>,
  now: string
): Promise<void> {
  if (remove.length > 0) {
    const pairs = remove.map((r) => [r.associateId, r.moduleName])
    await sql`delete from licence_assignment where associate_id in (select value ->> 0 from ${json(pairs)})
      and (associate_id, licence_id) in (select j.value ->> 0, l.licence_id from ${json(pairs)} j join licence l on l.module_name = j.value ->> 1)`.execute(db)
  }
  if (add.length > 0) {
    await sql`insert into licence_assignment (licence_id, associate_id, assigned_at)
      select value ->> 1, value ->> 0, ${now} from ${json(add.map((r) => [r.associateId, r.licenceId]))}`.execute(db)
  }
}
