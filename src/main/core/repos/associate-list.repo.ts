import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../db/schema'
import type { AssociateSort } from '../../../shared/domain/user'

/**
 * The Associates tab's page query (issue 6, and the scale issue's hot path). Filtering, sorting
 * and paging happen here in SQL over two arms: the saved associates the pending set does not
 * touch, and the touched or new ones, passed in as one JSON parameter with their merged values
 * (so the bound-parameter limit never bites, however large the set). One ORDER BY over both
 * arms keeps the order exact; the count is taken with the same conditions.
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

function holds(modulesJson: string): Expr {
  return sql`exists (select 1 from licence_assignment la join licence l on l.licence_id = la.licence_id
    where la.associate_id = a.associate_id and l.module_name in (select value from json_each(${modulesJson})))`
}

/** The saved arm's columns for sorting and filtering. */
function savedColumns(f: ListFilter): { can: Expr; licences: Expr; key: Record<AssociateSort, Expr> } {
  const can = sql`(a.can_log_in = 1 and a.retired = 0 and r.role_type = 'employee' and r.deleted = 0
    and ${holds(JSON.stringify(f.grantingLogin))} and ${holds(JSON.stringify(f.grantingClients))})`
  const licences = sql`coalesce((select ',' || group_concat(l.module_name, ',') || ',' from licence_assignment la join licence l on l.licence_id = la.licence_id where la.associate_id = a.associate_id), '')`
  return {
    can,
    licences,
    key: {
      userId: sql`a.user_id`,
      firstName: sql`p.first_name`,
      lastName: sql`p.last_name`,
      primaryGroup: sql`g.name`,
      role: sql`r.name`,
      company: sql`c.name`,
      licences,
      loginStatus: can
    }
  }
}

function conditions(f: ListFilter, col: { userId: Expr; first: Expr; middle: Expr; last: Expr; group: Expr; role: Expr; company: Expr; retired: Expr; can: Expr; holds: (m: string) => Expr; none: Expr }): Expr[] {
  const where: Expr[] = []
  if (f.companyId !== undefined) where.push(sql`${col.company} = ${f.companyId}`)
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

/** One page of associate ids in display order, and how many rows match in all. */
export async function findAssociatePage(db: Kysely<DB>, f: ListFilter, excluded: readonly number[], overlay: readonly OverlayRow[]): Promise<{ total: number; ids: string[] }> {
  const saved = savedColumns(f)
  const savedWhere = and([
    sql`a.user_type = 'employee'`,
    ...(excluded.length > 0 ? [sql`a.associate_id not in (select value from json_each(${JSON.stringify(excluded)}))`] : []),
    ...conditions(f, {
      userId: sql`a.user_id`,
      first: sql`p.first_name`,
      middle: sql`p.middle_name`,
      last: sql`p.last_name`,
      group: sql`coalesce(g.name, '')`,
      role: sql`coalesce(r.name, '')`,
      company: sql`cast(p.company_id as text)`,
      retired: sql`a.retired`,
      can: saved.can,
      holds: (m) => holds(JSON.stringify([m])),
      none: sql`not exists (select 1 from licence_assignment la where la.associate_id = a.associate_id)`
    })
  ])
  const savedFrom = sql`associate a
    join person p on p.person_id = a.person_id
    left join user_group g on g.user_group_id = a.primary_group_id
    left join user_role ur on ur.associate_id = a.associate_id
    left join role r on r.role_id = ur.role_id
    left join company c on c.company_id = p.company_id`

  const o = (key: string): Expr => sql`json_extract(o.value, ${`$.${key}`})`
  const overlayWhere = and(
    conditions(f, {
      userId: o('userId'),
      first: o('firstName'),
      middle: o('middleName'),
      last: o('lastName'),
      group: o('group'),
      role: o('role'),
      company: o('companyId'),
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
  const overlayJson = JSON.stringify(overlay)
  const dir = f.direction === 'desc' ? sql`desc` : sql`asc`
  if (overlay.length === 0) {
    // Nothing pending (the usual case): the saved arm alone, so SQLite can walk an index in sort
    // order and stop after the page instead of sorting every row of a union (issue 8).
    const plain = await sql<{ id: string }>`
      select cast(a.associate_id as text) as id from ${savedFrom} where ${savedWhere}
      order by ${saved.key[f.sort]} collate nocase ${dir}, a.associate_id ${dir} limit ${f.limit} offset ${f.offset}`.execute(db)
    const n = await sql<{ n: number }>`select count(*) as n from ${savedFrom} where ${savedWhere}`.execute(db)
    return { total: Number(n.rows[0]?.n ?? 0), ids: plain.rows.map((r) => String(r.id)) }
  }
  const page = await sql<{ id: string }>`
    select id from (
      select cast(a.associate_id as text) as id, a.associate_id as tie, ${saved.key[f.sort]} as k from ${savedFrom} where ${savedWhere}
      union all
      select ${o('id')} as id, ${o('tie')} as tie, ${overlayKey[f.sort]} as k from json_each(${overlayJson}) o where ${overlayWhere}
    ) order by k collate nocase ${dir}, tie ${dir} limit ${f.limit} offset ${f.offset}`.execute(db)
  const counted = await sql<{ n: number }>`
    select (select count(*) from ${savedFrom} where ${savedWhere})
         + (select count(*) from json_each(${overlayJson}) o where ${overlayWhere}) as n`.execute(db)
  return { total: Number(counted.rows[0]?.n ?? 0), ids: page.rows.map((r) => String(r.id)) }
}
