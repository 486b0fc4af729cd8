import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../db/schema'
import type { AssociateSort } from '../../../shared/domain/user'

/**
 * The Associates tab's page query (issue 6, and the scale issue's hot path). Filtering, sorting
 * and paging happen here in SQL over two arms: the saved associates the pending set does not
 * touch, and the touched or new ones, passed in as one JSON parameter with their merged values
 * (so the bound-parameter limit never bites, however large the set). One ORDER BY over both
 * arms keeps the order exact; the count is taken with the same conditions.
 *
 * The saved arm reads `associate_list` (migration 0003): one row per employee with the values
 * filtered and sorted on, kept by triggers, with an index per sort key. A page walks that index
 * in order and stops after `offset + limit` matches instead of joining, counting and sorting
 * every row; the count of matching saved rows is kept per filter until the list's generation
 * changes (any write to it, by this process or another).
 */

/** A pending row as the overlay arm sees it: merged values, names already resolved. */
export interface OverlayRow {
  id: string
  /** Tie-breaker after the sort key: saved id, or a large number for new rows (they sort last on ties). */
  tie: number
  userId: string
  firstName: string
  middleName: string
  lastName: string
  group: string
  role: string
  companyId: string
  company: string
  /** ",user,web," (or "" for none), so one instr() finds a module. */
  licences: string
  can: 0 | 1
  retired: 0 | 1
}

export interface ListFilter {
  companyId?: string
  search: string
  onlyCanLogIn: boolean
  licence?: string
  noLicence: boolean
  retired: 'all' | 'active' | 'former'
  sort: AssociateSort
  direction: 'asc' | 'desc'
  offset: number
  limit: number
  /** Login and client modules whose owners still grant them today (owner expiry, SPEC §2.3). */
  grantingLogin: readonly string[]
  grantingClients: readonly string[]
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

type Expr = RawBuilder<unknown>

/** True when the ",a,b," list expression holds any of `modules` (0 for none: "holds nothing"). */
function holdsAny(list: Expr, modules: readonly string[]): Expr {
  if (modules.length === 0) return sql`0`
  return sql`(${sql.join(modules.map((m) => sql`instr(${list}, ${`,${m},`}) > 0`), sql` or `)})`
}

/**
 * "Can log in" over associate_list, with the same NULLs as the old joined expression (no role:
 * NULL), so it filters and sorts exactly as before.
 */
function canLogIn(f: ListFilter): Expr {
  return sql`(al.can_log_in = 1 and al.retired = 0 and al.role_type = 'employee' and al.role_deleted = 0
    and ${holdsAny(sql`al.licences`, f.grantingLogin)} and ${holdsAny(sql`al.licences`, f.grantingClients)})`
}

function savedKey(f: ListFilter): Record<AssociateSort, Expr> {
  return {
    userId: sql`al.user_id`,
    firstName: sql`al.first_name`,
    lastName: sql`al.last_name`,
    primaryGroup: sql`al.group_name`,
    role: sql`al.role_name`,
    company: sql`al.company_name`,
    licences: sql`al.licences`,
    loginStatus: canLogIn(f)
  }
}

interface Columns {
  userId: Expr
  first: Expr
  middle: Expr
  last: Expr
  group: Expr
  role: Expr
  company: (id: string) => Expr
  retired: Expr
  can: Expr
  holds: (m: string) => Expr
  none: Expr
}

function conditions(f: ListFilter, col: Columns): Expr[] {
  const where: Expr[] = []
  if (f.companyId !== undefined) where.push(col.company(f.companyId))
  const search = f.search.trim()
  if (search !== '') {
    const p = `%${escapeLike(search)}%`
    where.push(sql`(${col.userId} like ${p} escape '\\' or ${col.first} like ${p} escape '\\' or ${col.middle} like ${p} escape '\\'
      or ${col.last} like ${p} escape '\\' or ${col.group} like ${p} escape '\\' or ${col.role} like ${p} escape '\\')`)
  }
  if (f.retired !== 'all') where.push(sql`${col.retired} = ${f.retired === 'former' ? 1 : 0}`)
  if (f.onlyCanLogIn) where.push(sql`${col.can}`)
  if (f.licence !== undefined) where.push(col.holds(f.licence))
  if (f.noLicence) where.push(col.none)
  return where
}

const and = (parts: Expr[]): Expr => (parts.length === 0 ? sql`1` : sql.join(parts, sql` and `))

/**
 * The saved arm's conditions (without the pending set's exclusions). With `walk`, the company
 * condition cannot use its index, so SQLite walks the sort key's index and stops after the page;
 * without it SQLite may fetch the company's rows by index and sort them.
 */
function savedConditions(f: ListFilter, walk = false): Expr[] {
  return conditions(f, {
    userId: sql`al.user_id`,
    first: sql`al.first_name`,
    middle: sql`al.middle_name`,
    last: sql`al.last_name`,
    group: sql`al.group_name`,
    role: sql`al.role_name`,
    // The old query compared the id as text; a canonical integer text matches the same rows, so
    // the comparison can use the index. Anything else (a new company's id) matches no saved row.
    company: (id) => (/^-?(0|[1-9]\d{0,15})$/.test(id) ? (walk ? sql`+al.company_id = ${Number(id)}` : sql`al.company_id = ${Number(id)}`) : sql`0`),
    retired: sql`al.retired`,
    can: canLogIn(f),
    holds: (m) => sql`instr(al.licences, ${`,${m},`}) > 0`,
    none: sql`al.licences = ''`
  })
}

/** Which rows a filter matches, as a cache key (paging and sorting left out). */
function filterKey(f: ListFilter): string {
  return JSON.stringify([f.companyId ?? null, f.search.trim(), f.onlyCanLogIn, f.licence ?? null, f.noLicence, f.retired, f.onlyCanLogIn ? [f.grantingLogin, f.grantingClients] : null])
}

/** A field of an overlay row, inside `json_each(…) o`. */
const overlayField = (name: string): Expr => sql`json_extract(o.value, ${`$.${name}`})`

/** Counts of saved matching rows per filter, valid while associate_list's generation stands. */
const COUNTS_KEPT = 64
const countCaches = new WeakMap<object, Map<string, { generation: number; n: number }>>()

/** How many saved associates match `f`; answered from the cache while the list is unchanged. */
async function savedCount(db: Kysely<DB>, f: ListFilter): Promise<number> {
  // Read the generation before counting: a write in between leaves a count under an older
  // generation, which is simply never asked for again.
  const state = await sql<{ g: number }>`select generation as g from associate_list_state where associate_list_state_id = 1`.execute(db)
  const generation = Number(state.rows[0]?.g ?? -1)
  const key = filterKey(f)
  let cache = countCaches.get(db)
  if (!cache) countCaches.set(db, (cache = new Map()))
  const hit = cache.get(key)
  if (hit && hit.generation === generation) return hit.n
  const counted = await sql<{ n: number }>`select count(*) as n from associate_list al where ${and(savedConditions(f))}`.execute(db)
  const n = Number(counted.rows[0]?.n ?? 0)
  cache.delete(key)
  cache.set(key, { generation, n })
  if (cache.size > COUNTS_KEPT) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  return n
}

/**
 * Whether the page should walk the sort key's index (true) or let SQLite fetch a company's rows by
 * its index and sort them. SQLite has no statistics to judge this by; the (cached) counts do:
 * walking reads about (offset + limit) × all / matching index entries, sorting reads and sorts
 * the matching rows. Only the company filter has an index to choose.
 */
async function walkSortIndex(db: Kysely<DB>, f: ListFilter): Promise<boolean> {
  if (f.companyId === undefined) return true
  const matching = await savedCount(db, f)
  const all = await savedCount(db, { ...f, companyId: undefined, search: '', onlyCanLogIn: false, licence: undefined, noLicence: false, retired: 'all' })
  return (f.offset + f.limit) * (all / Math.max(1, matching)) < matching
}

/** What a list row shows of a saved associate, as associate_list holds it. */
export interface ListedAssociate {
  id: string
  user_id: string
  first_name: string
  middle_name: string
  last_name: string
  company_id: number | null
  role_id: number | null
  primary_group_id: number | null
  /** ",user,web," or '' */
  licences: string
  can_log_in: number
  retired: number
}

const LISTED = sql`cast(al.associate_id as text) as id, al.user_id, al.first_name, al.middle_name, al.last_name, al.company_id, al.role_id,
  al.primary_group_id, al.licences, al.can_log_in, al.retired`

/** The overlay's matching rows in page order, per filter and sort, kept while the overlay is the same array. */
const sortedOverlays = new WeakMap<readonly OverlayRow[], Map<string, Array<{ id: string; tie: number; k: unknown }>>>()
const SORTED_OVERLAYS_KEPT = 16

/**
 * The pending rows that match `f`, sorted as the page sorts (SQLite's own collation, so the two
 * arms interleave exactly). The caller keeps one overlay array per database state, so scrolling
 * through a large staged import filters and sorts it once per filter, not once per page.
 */
async function sortedOverlay(
  db: Kysely<DB>,
  f: ListFilter,
  overlay: readonly OverlayRow[],
  where: Expr,
  sortKey: Expr,
  dir: Expr
): Promise<Array<{ id: string; tie: number; k: unknown }>> {
  const key = `${filterKey(f)}|${f.sort}|${f.direction}`
  let byFilter = sortedOverlays.get(overlay)
  if (!byFilter) sortedOverlays.set(overlay, (byFilter = new Map()))
  const known = byFilter.get(key)
  if (known) return known
  const o = overlayField
  const rows = (
    await sql<{ id: string; tie: number; k: unknown }>`
      select ${o('id')} as id, ${o('tie')} as tie, ${sortKey} as k from json_each(${JSON.stringify(overlay)}) o where ${where}
      order by k collate nocase ${dir}, tie ${dir}`.execute(db)
  ).rows
  if (byFilter.size >= SORTED_OVERLAYS_KEPT) byFilter.clear()
  byFilter.set(key, rows)
  return rows
}

/**
 * One page of associate ids in display order, how many rows match in all, and the saved rows of
 * the page as associate_list holds them (so the page needs no further reads).
 */
export async function findAssociatePage(
  db: Kysely<DB>,
  f: ListFilter,
  excluded: readonly number[],
  overlay: readonly OverlayRow[]
): Promise<{ total: number; ids: string[]; saved: Map<string, ListedAssociate> }> {
  const key = savedKey(f)
  const dir = f.direction === 'desc' ? sql`desc` : sql`asc`
  const savedWhere = and(savedConditions(f, await walkSortIndex(db, f)))
  if (overlay.length === 0 && excluded.length === 0) {
    // Nothing pending (the usual case): walk the sort key's index and stop after the page.
    const plain = await sql<ListedAssociate>`
      select ${LISTED} from associate_list al where ${savedWhere}
      order by ${key[f.sort]} collate nocase ${dir}, al.associate_id ${dir} limit ${f.limit} offset ${f.offset}`.execute(db)
    return { total: await savedCount(db, f), ids: plain.rows.map((r) => r.id), saved: new Map(plain.rows.map((r) => [r.id, r])) }
  }

  const excludedJson = JSON.stringify(excluded)
  const notExcluded = excluded.length > 0 ? sql`al.associate_id not in (select value from json_each(${excludedJson}))` : sql`1`
  const o = overlayField
  const overlayWhere = and(
    conditions(f, {
      userId: o('userId'),
      first: o('firstName'),
      middle: o('middleName'),
      last: o('lastName'),
      group: o('group'),
      role: o('role'),
      company: (id) => sql`${o('companyId')} = ${id}`,
      retired: o('retired'),
      can: sql`${o('can')} = 1`,
      holds: (m) => sql`instr(${o('licences')}, ${`,${m},`}) > 0`,
      none: sql`${o('licences')} = ''`
    })
  )
  const overlayKey: Record<AssociateSort, Expr> = {
    userId: o('userId'),
    firstName: o('firstName'),
    lastName: o('lastName'),
    primaryGroup: o('group'),
    role: o('role'),
    company: o('company'),
    licences: o('licences'),
    loginStatus: o('can')
  }
  const sorted = await sortedOverlay(db, f, overlay, overlayWhere, overlayKey[f.sort], dir)
  // The first offset + limit rows of the union come from the first offset + limit rows of each
  // arm: the saved arm walks its index and stops there, and only that many of the (already
  // filtered and sorted) overlay rows are sent along, however large the pending set.
  const overlayHead = JSON.stringify(sorted.slice(0, f.offset + f.limit))
  const page = await sql<{ id: string }>`
    select id from (
      select * from (
        select cast(al.associate_id as text) as id, al.associate_id as tie, ${key[f.sort]} as k from associate_list al
        where ${savedWhere} and ${notExcluded}
        order by ${key[f.sort]} collate nocase ${dir}, al.associate_id ${dir} limit ${f.offset + f.limit})
      union all
      select ${o('id')} as id, ${o('tie')} as tie, ${o('k')} as k from json_each(${overlayHead}) o
    ) order by k collate nocase ${dir}, tie ${dir} limit ${f.limit} offset ${f.offset}`.execute(db)
  // Saved matches minus the excluded ones among them (a look-up each), plus the overlay's.
  const counted = await sql<{ gone: number }>`
    select (select count(*) from associate_list al where al.associate_id in (select value from json_each(${excludedJson})) and ${savedWhere}) as gone`.execute(db)
  const row = counted.rows[0]
  const total = (await savedCount(db, f)) - Number(row?.gone ?? 0) + sorted.length
  const ids = page.rows.map((r) => String(r.id))
  const excludedIds = new Set(excluded.map(String))
  const savedIds = ids.filter((id) => /^\d+$/.test(id) && !excludedIds.has(id))
  const listed =
    savedIds.length === 0
      ? []
      : (await sql<ListedAssociate>`select ${LISTED} from associate_list al where al.associate_id in (select value from json_each(${JSON.stringify(savedIds.map(Number))}))`.execute(db)).rows
  return { total, ids, saved: new Map(listed.map((r) => [r.id, r])) }
}
