import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../db/schema'
import { runCompiled, runCompiledArrays, slot } from './compiled-query'
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

const SAVED_KEYS: Record<Exclude<AssociateSort, 'loginStatus'>, Expr> = {
  userId: sql`al.user_id`,
  firstName: sql`al.first_name`,
  lastName: sql`al.last_name`,
  primaryGroup: sql`al.group_name`,
  role: sql`al.role_name`,
  company: sql`al.company_name`,
  licences: sql`al.licences`
}

/** The saved arm's sort key. */
const savedKey = (f: ListFilter): Expr => (f.sort === 'loginStatus' ? canLogIn(f) : SAVED_KEYS[f.sort])

/**
 * The values a filter compares with, bound as parameters. The hot page query is compiled once per
 * shape with slots in their place (see plainPage); every other query binds them directly.
 */
interface Binds {
  company: unknown
  pattern: unknown
  licence: unknown
}

const bindsOf = (f: ListFilter): Binds => ({ company: Number(f.companyId), pattern: `%${escapeLike(f.search.trim())}%`, licence: `,${f.licence ?? ''},` })

interface Columns {
  userId: Expr
  first: Expr
  middle: Expr
  last: Expr
  group: Expr
  role: Expr
  company: (id: string, bound: unknown) => Expr
  retired: Expr
  can: Expr
  /** `needle` is ",module,". */
  holds: (needle: unknown) => Expr
  none: Expr
}

function conditions(f: ListFilter, col: Columns, b: Binds): Expr[] {
  const where: Expr[] = []
  if (f.companyId !== undefined) where.push(col.company(f.companyId, b.company))
  if (f.search.trim() !== '') {
    const p = b.pattern
    where.push(sql`(${col.userId} like ${p} escape '\\' or ${col.first} like ${p} escape '\\' or ${col.middle} like ${p} escape '\\'
      or ${col.last} like ${p} escape '\\' or ${col.group} like ${p} escape '\\' or ${col.role} like ${p} escape '\\')`)
  }
  if (f.retired !== 'all') where.push(sql`${col.retired} = ${f.retired === 'former' ? 1 : 0}`)
  if (f.onlyCanLogIn) where.push(sql`${col.can}`)
  if (f.licence !== undefined) where.push(col.holds(b.licence))
  if (f.noLicence) where.push(col.none)
  return where
}

const and = (parts: Expr[]): Expr => (parts.length === 0 ? sql`1` : sql.join(parts, sql` and `))

/**
 * The saved arm's conditions (without the pending set's exclusions). With `walk`, the company
 * condition cannot use its index, so SQLite walks the sort key's index and stops after the page;
 * without it SQLite may fetch the company's rows by index and sort them.
 */
function savedConditions(f: ListFilter, walk = false, binds: Binds = bindsOf(f)): Expr[] {
  return conditions(
    f,
    {
      userId: sql`al.user_id`,
      first: sql`al.first_name`,
      middle: sql`al.middle_name`,
      last: sql`al.last_name`,
      group: sql`al.group_name`,
      role: sql`al.role_name`,
      // The old query compared the id as text; a canonical integer text matches the same rows, so
      // the comparison can use the index. Anything else (a new company's id) matches no saved row.
      company: (id, bound) => (isSavedId(id) ? (walk ? sql`+al.company_id = ${bound}` : sql`al.company_id = ${bound}`) : sql`0`),
      retired: sql`al.retired`,
      can: canLogIn(f),
      holds: (needle) => sql`instr(al.licences, ${needle}) > 0`,
      none: sql`al.licences = ''`
    },
    binds
  )
}

/** A canonical integer text: the only company ids a saved row can have. */
const isSavedId = (id: string): boolean => /^-?(0|[1-9]\d{0,15})$/.test(id)

/** Which rows a filter matches, as a cache key (paging and sorting left out). */
function filterKey(f: ListFilter): string {
  return JSON.stringify([f.companyId ?? null, f.search.trim(), f.onlyCanLogIn, f.licence ?? null, f.noLicence, f.retired, f.onlyCanLogIn ? [f.grantingLogin, f.grantingClients] : null])
}

/** A field of an overlay row, inside `json_each(…) o`. */
const overlayField = (name: string): Expr => sql`json_extract(o.value, ${`$.${name}`})`

/** Counts of saved matching rows per filter, valid while associate_list's generation stands. */
const COUNTS_KEPT = 64
const countCaches = new WeakMap<object, Map<string, { generation: number; n: number }>>()

/**
 * associate_list's generation: it moves with every change to the list, by any process. The caller
 * reads it once per database version (a list cannot change without the version moving).
 */
export async function readListGeneration(db: Kysely<DB>): Promise<number> {
  const rows = await runCompiled<{ g: number }>(db, 'associateList.generation', () => db.selectFrom('associate_list_state').select('generation as g').where('associate_list_state_id', '=', 1))
  return Number(rows[0]?.g ?? -1)
}

/**
 * How many saved associates match `f`; answered from the cache while the list's `generation`
 * stands. The generation must have been read before counting: a write in between leaves a count
 * under an older generation, which is simply never asked for again.
 */
async function savedCount(db: Kysely<DB>, f: ListFilter, generation: number): Promise<number> {
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
async function walkSortIndex(db: Kysely<DB>, f: ListFilter, generation: number): Promise<boolean> {
  if (f.companyId === undefined) return true
  const matching = await savedCount(db, f, generation)
  const all = await savedCount(db, { ...f, companyId: undefined, search: '', onlyCanLogIn: false, licence: undefined, noLicence: false, retired: 'all' }, generation)
  return (f.offset + f.limit) * (all / Math.max(1, matching)) < matching
}

/**
 * What a list row shows of a saved associate, as associate_list holds it. Ids come as numbers and
 * names are looked up by id in the caller: cheaper than SQLite handing over more strings per row.
 */
export interface ListedAssociate {
  associate_id: number
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

const LISTED = sql`al.associate_id, al.user_id, al.first_name, al.middle_name, al.last_name, al.company_id, al.role_id,
  al.primary_group_id, al.licences, al.can_log_in, al.retired`

/** A row of LISTED as an array of its columns (runCompiledArrays), in LISTED's order. */
const listedOf = (c: unknown[]): ListedAssociate => ({
  associate_id: c[0] as number,
  user_id: c[1] as string,
  first_name: c[2] as string,
  middle_name: c[3] as string,
  last_name: c[4] as string,
  company_id: c[5] as number | null,
  role_id: c[6] as number | null,
  primary_group_id: c[7] as number | null,
  licences: c[8] as string,
  can_log_in: c[9] as number,
  retired: c[10] as number
})

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

const SLOTS: Binds = { company: slot('company'), pattern: slot('pattern'), licence: slot('licence') }

/**
 * Everything that makes a page's SQL text (and its fixed parameters) differ, besides the values
 * in SLOTS and the paging: one compiled query per shape.
 */
function pageShape(f: ListFilter, walk: boolean): string {
  const company = f.companyId === undefined ? '-' : !isSavedId(f.companyId) ? 'none' : walk ? 'walk' : 'index'
  const granting = f.onlyCanLogIn || f.sort === 'loginStatus' ? `${f.grantingLogin.join(',')}/${f.grantingClients.join(',')}` : ''
  return `associateList.page ${f.sort} ${f.direction} ${company} ${f.search.trim() !== ''} ${f.retired} ${f.onlyCanLogIn} ${f.licence !== undefined} ${f.noLicence} ${granting}`
}

/**
 * A page with nothing pending (the usual case): walk the sort key's index and stop after the page.
 * Building and compiling the query costs about a tenth of running it, so it is compiled once per
 * shape and rerun with this filter's values; its rows come as arrays, cheaper for the driver to
 * build than objects (see readArrays).
 */
async function plainPage(db: Kysely<DB>, f: ListFilter, walk: boolean): Promise<ListedAssociate[]> {
  const build = (): RawBuilder<unknown> => {
    const dir = f.direction === 'desc' ? sql`desc` : sql`asc`
    return sql`
      select ${LISTED} from associate_list al where ${and(savedConditions(f, walk, SLOTS))}
      order by ${savedKey(f)} collate nocase ${dir}, al.associate_id ${dir} limit ${slot('limit')} offset ${slot('offset')}`
  }
  const rows = await runCompiledArrays(db, pageShape(f, walk), () => ({ compile: () => build().compile(db) }), { ...bindsOf(f), limit: f.limit, offset: f.offset })
  return rows.map(listedOf)
}

/**
 * One page in display order, and how many rows match in all. Saved rows the pending set leaves
 * alone come as associate_list holds them (so the page needs no further reads); pending rows, and
 * saved rows the pending set touches, as their id. `generation` is associate_list's
 * (readListGeneration), for the cached counts.
 */
export async function findAssociatePage(
  db: Kysely<DB>,
  f: ListFilter,
  excluded: readonly number[],
  overlay: readonly OverlayRow[],
  generation: number
): Promise<{ total: number; rows: Array<ListedAssociate | string> }> {
  const walk = await walkSortIndex(db, f, generation)
  if (overlay.length === 0 && excluded.length === 0) {
    const rows = await plainPage(db, f, walk)
    return { total: await savedCount(db, f, generation), rows }
  }
  const key = savedKey(f)
  const dir = f.direction === 'desc' ? sql`desc` : sql`asc`
  const savedWhere = and(savedConditions(f, walk))

  const excludedJson = JSON.stringify(excluded)
  const notExcluded = excluded.length > 0 ? sql`al.associate_id not in (select value from json_each(${excludedJson}))` : sql`1`
  const o = overlayField
  const overlayWhere = and(
    conditions(
      f,
      {
        userId: o('userId'),
        first: o('firstName'),
        middle: o('middleName'),
        last: o('lastName'),
        group: o('group'),
        role: o('role'),
        company: (id) => sql`${o('companyId')} = ${id}`,
        retired: o('retired'),
        can: sql`${o('can')} = 1`,
        holds: (needle) => sql`instr(${o('licences')}, ${needle}) > 0`,
        none: sql`${o('licences')} = ''`
      },
      bindsOf(f)
    )
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
        select cast(al.associate_id as text) as id, al.associate_id as tie, ${key} as k from associate_list al
        where ${savedWhere} and ${notExcluded}
        order by ${key} collate nocase ${dir}, al.associate_id ${dir} limit ${f.offset + f.limit})
      union all
      select ${o('id')} as id, ${o('tie')} as tie, ${o('k')} as k from json_each(${overlayHead}) o
    ) order by k collate nocase ${dir}, tie ${dir} limit ${f.limit} offset ${f.offset}`.execute(db)
  // Saved matches minus the excluded ones among them (a look-up each), plus the overlay's.
  const counted = await sql<{ gone: number }>`
    select (select count(*) from associate_list al where al.associate_id in (select value from json_each(${excludedJson})) and ${savedWhere}) as gone`.execute(db)
  const row = counted.rows[0]
  const total = (await savedCount(db, f, generation)) - Number(row?.gone ?? 0) + sorted.length
  const ids = page.rows.map((r) => String(r.id))
  const excludedIds = new Set(excluded.map(String))
  const savedIds = ids.filter((id) => /^\d+$/.test(id) && !excludedIds.has(id))
  const listed =
    savedIds.length === 0
      ? []
      : (await sql<ListedAssociate>`select ${LISTED} from associate_list al where al.associate_id in (select value from json_each(${JSON.stringify(savedIds.map(Number))}))`.execute(db)).rows
  const byId = new Map(listed.map((r) => [String(r.associate_id), r]))
  return { total, rows: ids.map((id) => byId.get(id) ?? id) }
}
