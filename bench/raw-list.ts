import type Database from 'better-sqlite3'
import { CLIENT_LICENCE_MODULES, LOGIN_LICENCE_MODULE } from '../src/shared/domain/licence-names'
import type { AssociateListQuery } from '../src/shared/domain/user'

/**
 * The physical limit for a Users list page: the same filter, sort, count and row columns written
 * by hand against better-sqlite3, each SQL text prepared once. No pending overlay, no rules, no
 * schema checks: what the page costs SQLite and nothing else.
 *
 * Same schema and the same strategy as the app (fair comparison): it reads `associate_list`
 * (migration 0003) through the same sort-key indexes, and keeps the count per filter while
 * `associate_list_state.generation` stands, reading the generation on every call as the app does.
 */
export interface RawListPage {
  total: number
  rows: unknown[]
}

const holdsAny = (modules: readonly string[]): string =>
  modules.length === 0 ? '0' : `(${modules.map((m) => `instr(al.licences, ',${m},') > 0`).join(' or ')})`

const CAN = `(al.can_log_in = 1 and al.retired = 0 and al.role_type = 'employee' and al.role_deleted = 0 and ${holdsAny([LOGIN_LICENCE_MODULE])} and ${holdsAny(CLIENT_LICENCE_MODULES)})`

const SORT_KEYS: Record<AssociateListQuery['sort'], string> = {
  userId: 'al.user_id',
  firstName: 'al.first_name',
  lastName: 'al.last_name',
  primaryGroup: 'al.group_name',
  role: 'al.role_name',
  company: 'al.company_name',
  licences: 'al.licences',
  loginStatus: CAN
}

export function createRawList(raw: Database.Database): (q: AssociateListQuery) => RawListPage {
  const pages = new Map<string, Database.Statement>()
  const generation = raw.prepare('select generation from associate_list_state where associate_list_state_id = 1').pluck()
  const counts = new Map<string, { generation: number; n: number }>()
  return (q) => {
    const where: string[] = []
    const params: unknown[] = []
    if (q.companyId !== undefined) {
      where.push('al.company_id = ?')
      params.push(Number(q.companyId))
    }
    const companyAt = where.length - 1
    if (q.search.trim() !== '') {
      where.push("(al.user_id like ?1 escape '\\' or al.first_name like ?1 escape '\\' or al.middle_name like ?1 escape '\\' or al.last_name like ?1 escape '\\' or al.group_name like ?1 escape '\\' or al.role_name like ?1 escape '\\')".replaceAll('?1', '?'))
      const p = `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      params.push(p, p, p, p, p, p)
    }
    if (q.retired !== 'all') where.push(`al.retired = ${q.retired === 'former' ? 1 : 0}`)
    if (q.onlyCanLogIn) where.push(CAN)
    if (q.licence !== undefined) {
      where.push('instr(al.licences, ?) > 0')
      params.push(`,${q.licence},`)
    }
    if (q.noLicence) where.push("al.licences = ''")
    const dir = q.direction === 'desc' ? 'desc' : 'asc'
    const g = Number(generation.get())
    const count = (condition: string, values: unknown[]): number => {
      const key = `${condition}|${JSON.stringify(values)}`
      let cached = counts.get(key)
      if (!cached || cached.generation !== g) {
        counts.set(key, (cached = { generation: g, n: Number(raw.prepare(`select count(*) from associate_list al where ${condition}`).pluck().get(...values)) }))
      }
      return cached.n
    }
    const condition = where.length > 0 ? where.join(' and ') : '1'
    const total = count(condition, params)
    // The app's plan choice for a company filter (walk the sort index, or fetch the company's
    // rows and sort them), made the same way.
    if (q.companyId !== undefined && (q.offset + q.limit) * (count('1', []) / Math.max(1, total)) < total) where[companyAt] = '+al.company_id = ?'
    const pageCondition = where.length > 0 ? where.join(' and ') : '1'
    const shape = `${pageCondition}|${q.sort}|${dir}`
    let page = pages.get(shape)
    if (!page) {
      page = raw.prepare(
        `select al.associate_id, al.user_id, al.first_name, al.middle_name, al.last_name, al.group_name, al.role_name,
           al.company_name, al.licences, ${CAN} as can, al.retired
         from associate_list al where ${pageCondition}
         order by ${SORT_KEYS[q.sort]} collate nocase ${dir}, al.associate_id ${dir} limit ? offset ?`
      )
      // Rows as arrays: better-sqlite3's cheapest way to hand them over (the app reads its page
      // this way too), so raw stays the tightest bound.
      page.raw(true)
      pages.set(shape, page)
    }
    const rows = page.all(...params, q.limit, q.offset)
    return { total, rows }
  }
}
