import type Database from 'better-sqlite3'
import { CLIENT_LICENCE_MODULES, LOGIN_LICENCE_MODULE } from '../src/shared/domain/licence-names'
import type { AssociateListQuery } from '../src/shared/domain/user'

/**
 * The physical limit for a Users list page: the same filter, sort, count and row columns written
 * by hand against better-sqlite3, each SQL text prepared once. No pending overlay, no rules, no
 * schema checks: what the page costs SQLite and nothing else.
 */
export interface RawListPage {
  total: number
  rows: unknown[]
}

const holds = (modules: readonly string[]): string =>
  `exists (select 1 from licence_assignment la join licence l on l.licence_id = la.licence_id where la.associate_id = a.associate_id and l.module_name in (${modules.map((m) => `'${m}'`).join(', ')}))`

const CAN = `(a.can_log_in = 1 and a.retired = 0 and r.role_type = 'employee' and r.deleted = 0 and ${holds([LOGIN_LICENCE_MODULE])} and ${holds(CLIENT_LICENCE_MODULES)})`
const LICENCES = `coalesce((select ',' || group_concat(l.module_name, ',') || ',' from licence_assignment la join licence l on l.licence_id = la.licence_id where la.associate_id = a.associate_id), '')`

const SORT_KEYS: Record<AssociateListQuery['sort'], string> = {
  userId: 'a.user_id',
  firstName: 'p.first_name',
  lastName: 'p.last_name',
  primaryGroup: 'g.name',
  role: 'r.name',
  company: 'c.name',
  licences: LICENCES,
  loginStatus: CAN
}

const FROM = `from associate a join person p on p.person_id = a.person_id
  left join user_group g on g.user_group_id = a.primary_group_id
  left join user_role ur on ur.associate_id = a.associate_id
  left join role r on r.role_id = ur.role_id
  left join company c on c.company_id = p.company_id`

export function createRawList(raw: Database.Database): (q: AssociateListQuery) => RawListPage {
  const statements = new Map<string, { count: Database.Statement; page: Database.Statement }>()
  return (q) => {
    const where = ["a.user_type = 'employee'"]
    const params: unknown[] = []
    if (q.companyId !== undefined) {
      where.push('p.company_id = ?')
      params.push(Number(q.companyId))
    }
    if (q.search.trim() !== '') {
      where.push("(a.user_id like ?1 escape '\\' or p.first_name like ?1 escape '\\' or p.middle_name like ?1 escape '\\' or p.last_name like ?1 escape '\\' or g.name like ?1 escape '\\' or r.name like ?1 escape '\\')".replaceAll('?1', '?'))
      const p = `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      params.push(p, p, p, p, p, p)
    }
    if (q.retired !== 'all') where.push(`a.retired = ${q.retired === 'former' ? 1 : 0}`)
    if (q.onlyCanLogIn) where.push(CAN)
    if (q.licence !== undefined) {
      where.push('exists (select 1 from licence_assignment la join licence l on l.licence_id = la.licence_id where la.associate_id = a.associate_id and l.module_name = ?)')
      params.push(q.licence)
    }
    if (q.noLicence) where.push('not exists (select 1 from licence_assignment la where la.associate_id = a.associate_id)')
    const dir = q.direction === 'desc' ? 'desc' : 'asc'
    const shape = `${where.join(' and ')}|${q.sort}|${dir}`
    let prepared = statements.get(shape)
    if (!prepared) {
      const condition = where.join(' and ')
      prepared = {
        count: raw.prepare(`select count(*) ${FROM} where ${condition}`).pluck(),
        page: raw.prepare(
          `select a.associate_id, a.user_id, p.first_name, p.middle_name, p.last_name, g.name as group_name, r.name as role_name,
             c.name as company_name, ${LICENCES} as licences, ${CAN} as can, a.retired
           ${FROM} where ${condition}
           order by ${SORT_KEYS[q.sort]} collate nocase ${dir}, a.associate_id ${dir} limit ? offset ?`
        )
      }
      statements.set(shape, prepared)
    }
    const total = Number(prepared.count.get(...params))
    const rows = prepared.page.all(...params, q.limit, q.offset)
    return { total, rows }
  }
}
