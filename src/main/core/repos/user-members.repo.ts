import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../db/schema'
import type { OverlayRow } from './associate-list.repo'

/**
 * Pages of a licence's holders (Users → User licences) and of a group's members (Users → User
 * groups), paged in SQL like the Users list (issue 8). Before, every page read every holder or
 * member, merged the pending set and sorted them in JS: ~100,000 names per page request for a
 * licence everyone holds.
 *
 * Saved employees come from `associate_list` (migration 0003), walked along its user ID index
 * (`user_id COLLATE NOCASE`, then the rowid) and stopped after `offset + limit` matches; when only
 * a few rows match, they are fetched by their own index and sorted instead. The order is therefore
 * SQLite's NOCASE order of user IDs, then associate id: the same as the Users list sorted by user
 * ID. (It used to be the Unicode collator's order, which SQL cannot reproduce; the two differ only
 * for punctuation and non-ASCII letters. Deliberate: a page can only come from an index in the
 * order the index has.)
 *
 * Rows the pending set touches are left out of the saved arm and come back, with their merged
 * values, through an overlay passed in as one JSON parameter (already filtered and sorted, cut to
 * the page's head), as `findAssociatePage` does. Saved users of other types than employee that hold
 * the licence or have the group as an other group (none unless written outside the Users screen;
 * `associate_list` holds employees only) travel in the overlay too, so the lists stay what they were.
 */

/** Whose list: the holders of a licence module, or the members of a user group. */
export type MemberSource = { kind: 'licence'; moduleName: string } | { kind: 'group'; groupId: string }

/**
 * A row of a holders or members list, saved or from the overlay: the Users list's overlay row's
 * id, tie-breaker (saved id, or a large number for new rows) and names, plus the membership.
 */
export interface MemberRow extends Pick<OverlayRow, 'id' | 'tie' | 'userId' | 'firstName' | 'middleName' | 'lastName'> {
  /** A group's members only. */
  membership: 'primary' | 'other' | null
}

type Expr = RawBuilder<unknown>

/** The group id as a saved id, or null when it cannot be one (no saved row matches). */
function savedGroupId(groupId: string): number | null {
  return /^[1-9]\d{0,15}$/.test(groupId) ? Number(groupId) : null
}

/**
 * Which saved employees belong to the list. `walk`: a condition checked row by row while walking
 * the user ID index; otherwise one that lets SQLite fetch the few matching rows by their own index.
 */
function savedCondition(source: MemberSource, walk: boolean): Expr {
  if (source.kind === 'licence') {
    return walk
      ? sql`instr(al.licences, ${`,${source.moduleName},`}) > 0`
      : sql`al.associate_id in (select la.associate_id from licence_assignment la join licence l on l.licence_id = la.licence_id
          where l.module_name = ${source.moduleName})`
  }
  const g = savedGroupId(source.groupId)
  if (g === null) return sql`0`
  return walk
    ? sql`(al.primary_group_id = ${g} or exists (select 1 from user_group_link l where l.associate_id = al.associate_id and l.user_group_id = ${g}))`
    : sql`al.associate_id in (select a.associate_id from associate a where a.primary_group_id = ${g}
          union select l.associate_id from user_group_link l where l.user_group_id = ${g})`
}

/** Primary or other membership of a saved employee (a primary group also linked as an other group is primary, as before). */
function savedMembership(source: MemberSource): Expr {
  if (source.kind === 'licence') return sql`null`
  return sql`case when al.primary_group_id = ${savedGroupId(source.groupId)} then 'primary' else 'other' end`
}

/** Saved holders per licence module, kept while associate_list's generation stands (as the Users list keeps its counts). */
const holderCounts = new WeakMap<object, Map<string, { generation: number; n: number }>>()

/**
 * How many saved employees are on the list. A licence's holders are counted over associate_list
 * (one pass over a narrow table, whatever the licence) and the count is kept until the list
 * changes: staging a change does not move it, a Save does. A group's members are fetched by
 * their own indexes (other-group links are not in associate_list, so no generation covers them).
 */
export async function countSavedMembers(db: Kysely<DB>, source: MemberSource): Promise<number> {
  if (source.kind === 'group') {
    const counted = await sql<{ n: number }>`select count(*) as n from associate_list al where ${savedCondition(source, false)}`.execute(db)
    return Number(counted.rows[0]?.n ?? 0)
  }
  // The generation first: a write in between leaves a count under an older generation, never asked for again.
  const state = await sql<{ g: number }>`select generation as g from associate_list_state where associate_list_state_id = 1`.execute(db)
  const generation = Number(state.rows[0]?.g ?? -1)
  let counts = holderCounts.get(db)
  if (!counts) holderCounts.set(db, (counts = new Map()))
  const hit = counts.get(source.moduleName)
  if (hit && hit.generation === generation) return hit.n
  const counted = await sql<{ n: number }>`select count(*) as n from associate_list al where ${savedCondition(source, true)}`.execute(db)
  const n = Number(counted.rows[0]?.n ?? 0)
  // Licence modules are a few dozen at most: one entry each.
  counts.set(source.moduleName, { generation, n })
  return n
}

/** How many of `ids` (saved associates) are on the list as saved: the rows the overlay replaces. */
export async function countSavedMembersAmong(db: Kysely<DB>, source: MemberSource, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0
  const counted = await sql<{ n: number }>`
    select count(*) as n from associate_list al
    where al.associate_id in (select value from json_each(${JSON.stringify(ids)})) and ${savedCondition(source, true)}`.execute(db)
  return Number(counted.rows[0]?.n ?? 0)
}

/** Rows of `associate_list` (employees) in all: what the choice between walking and fetching weighs. */
export async function countListedAssociates(db: Kysely<DB>): Promise<number> {
  const counted = await sql<{ n: number }>`select count(*) as n from associate_list`.execute(db)
  return Number(counted.rows[0]?.n ?? 0)
}

/**
 * Saved users of other types than employee on the list (not in `associate_list`): a few at most.
 * As before, only an other-group link makes one a group member (their primary group does not).
 */
export async function findOtherTypeMembers(db: Kysely<DB>, source: MemberSource): Promise<MemberRow[]> {
  let on: Expr
  if (source.kind === 'licence') {
    on = sql`exists (select 1 from licence_assignment la join licence l on l.licence_id = la.licence_id
      where la.associate_id = a.associate_id and l.module_name = ${source.moduleName})`
  } else {
    const g = savedGroupId(source.groupId)
    if (g === null) return []
    on = sql`exists (select 1 from user_group_link l where l.associate_id = a.associate_id and l.user_group_id = ${g})`
  }
  const rows = await sql<{ id: number; user_id: string; first_name: string | null; middle_name: string | null; last_name: string | null }>`
    select a.associate_id as id, a.user_id, p.first_name, p.middle_name, p.last_name
    from associate a left join person p on p.person_id = a.person_id
    where a.user_type in ('resource', 'external', 'anonymous', 'system') and ${on}`.execute(db)
  return rows.rows.map((r) => ({
    id: String(r.id),
    tie: r.id,
    userId: r.user_id,
    firstName: r.first_name ?? '',
    middleName: r.middle_name ?? '',
    lastName: r.last_name ?? '',
    membership: source.kind === 'group' ? 'other' : null
  }))
}

/** Overlay rows in page order (SQLite's NOCASE, so they interleave exactly with the saved arm). */
export async function sortMemberRows(db: Kysely<DB>, rows: readonly MemberRow[]): Promise<MemberRow[]> {
  if (rows.length < 2) return [...rows]
  const sorted = await sql<{ i: number }>`
    select cast(o.key as integer) as i from json_each(${JSON.stringify(rows.map((r) => [r.userId, r.tie]))}) o
    order by json_extract(o.value, '$[0]') collate nocase, json_extract(o.value, '$[1]')`.execute(db)
  return sorted.rows.map((r) => rows[r.i] as MemberRow)
}

interface PageRow {
  id: string
  tie: number
  user_id: string
  first_name: string
  middle_name: string
  last_name: string
  membership: 'primary' | 'other' | null
}

const listedColumns = (source: MemberSource): Expr =>
  sql`cast(al.associate_id as text) as id, al.associate_id as tie, al.user_id, al.first_name, al.middle_name, al.last_name, ${savedMembership(source)} as membership`

/**
 * One page of the list in order. `excluded`: saved ids the overlay replaces (all touched ones).
 * `overlay`: the list's overlay rows in order, at least its first `offset + limit` (more are not
 * needed). `walk`: walk the user ID index (many matches) or fetch the matches and sort them (few).
 */
export async function findMemberPage(
  db: Kysely<DB>,
  source: MemberSource,
  page: { offset: number; limit: number; excluded: readonly number[]; overlay: readonly MemberRow[]; walk: boolean }
): Promise<MemberRow[]> {
  const { offset, limit, excluded, walk } = page
  const where = savedCondition(source, walk)
  // Unary + keeps SQLite from walking the index for the order when the matches are fetched by their own.
  const order = walk ? sql`al.user_id collate nocase, al.associate_id` : sql`+al.user_id collate nocase, +al.associate_id`
  let rows: PageRow[]
  if (excluded.length === 0 && page.overlay.length === 0) {
    rows = (await sql<PageRow>`select ${listedColumns(source)} from associate_list al where ${where} order by ${order} limit ${limit} offset ${offset}`.execute(db)).rows
  } else {
    const notExcluded = excluded.length > 0 ? sql`al.associate_id not in (select value from json_each(${JSON.stringify(excluded)}))` : sql`1`
    // The first offset + limit rows of the union come from the first offset + limit of each arm.
    const head = page.overlay.slice(0, offset + limit)
    const field = (name: keyof MemberRow): Expr => sql`json_extract(o.value, ${`$.${name}`})`
    rows = (
      await sql<PageRow>`
        select * from (
          select * from (select ${listedColumns(source)} from associate_list al where ${where} and ${notExcluded} order by ${order} limit ${offset + limit})
          union all
          select ${field('id')}, ${field('tie')}, ${field('userId')}, ${field('firstName')}, ${field('middleName')}, ${field('lastName')}, ${field('membership')}
          from json_each(${JSON.stringify(head)}) o
        ) order by user_id collate nocase, tie limit ${limit} offset ${offset}`.execute(db)
    ).rows
  }
  return rows.map((r) => ({
    id: String(r.id),
    tie: Number(r.tie),
    userId: r.user_id,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    membership: r.membership
  }))
}
