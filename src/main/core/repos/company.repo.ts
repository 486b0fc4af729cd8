import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { runCompiled } from './compiled-query'
import { slices } from './associate.repo'

/** CRM companies and the "Our companies" links (OwnerContactLink). Queries only. */

export interface CompanyRecord {
  company_id: number
  name: string
  department: string
  city: string
  member: number
}

/**
 * Companies by id (every company when `ids` is undefined), each saying whether it is one of ours.
 * SQL: select c.*, exists(select 1 from our_company o where o.company_id = c.company_id) as member from company c [where company_id in (…)]
 */
export async function findCompanies(db: Kysely<DB>, ids?: readonly number[]): Promise<CompanyRecord[]> {
  const base = () =>
    db
      .selectFrom('company as c')
      .select(['c.company_id', 'c.name', 'c.department', 'c.city', sql<number>`exists (select 1 from our_company o where o.company_id = c.company_id)`.as('member')])
  if (!ids) return base().orderBy('c.name').execute()
  const out: CompanyRecord[] = []
  for (const part of slices(ids)) out.push(...(await base().where('c.company_id', 'in', part).execute()))
  return out
}

/** Our companies. SQL: select c.* from our_company o join company c using (company_id) order by c.name */
export function findOurCompanies(db: Kysely<DB>): Promise<CompanyRecord[]> {
  // Read on every Users request: compiled once.
  return runCompiled<CompanyRecord>(db, 'findOurCompanies', () =>
    db
      .selectFrom('our_company as o')
      .innerJoin('company as c', 'c.company_id', 'o.company_id')
      .select(['c.company_id', 'c.name', 'c.department', 'c.city', sql<number>`1`.as('member')])
      .orderBy('c.name')
  )
}

/** Saved employees per company. SQL: select p.company_id, count(*) from associate a join person p using (person_id) where a.user_type = 'employee' group by p.company_id */
export async function countAssociatesByCompany(db: Kysely<DB>): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('associate as a')
    .innerJoin('person as p', 'p.person_id', 'a.person_id')
    .select(['p.company_id', sql<number>`count(*)`.as('n')])
    .where('a.user_type', '=', 'employee')
    .groupBy('p.company_id')
    .execute()
  return new Map(rows.map((r) => [r.company_id, Number(r.n)]))
}

/** The licence owner's and the database owner's companies (never removable from Our companies). */
export async function findOwnerCompanyIds(db: Kysely<DB>): Promise<{ owner: number | null; database: number | null }> {
  const row = await db.selectFrom('site_identity').select(['owner_company_id', 'database_company_id']).executeTakeFirst()
  return { owner: row?.owner_company_id ?? null, database: row?.database_company_id ?? null }
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * The company Find dialog: name starts with / contains / equals `text`, case-insensitively.
 * SQL: select … from company c where c.name like ? escape '\' order by c.name limit ?
 */
export function searchCompanies(db: Kysely<DB>, text: string, match: 'startsWith' | 'contains' | 'equals', limit: number): Promise<CompanyRecord[]> {
  const t = escapeLike(text.trim())
  const pattern = match === 'equals' ? t : match === 'startsWith' ? `${t}%` : `%${t}%`
  return db
    .selectFrom('company as c')
    .select(['c.company_id', 'c.name', 'c.department', 'c.city', sql<number>`exists (select 1 from our_company o where o.company_id = c.company_id)`.as('member')])
    .where(sql<boolean>`c.name like ${pattern} escape '\\'`)
    .orderBy(sql`c.name collate nocase`)
    .limit(limit)
    .execute()
}

export async function insertCompany(db: Kysely<DB>, values: { name: string; department: string; city: string }, now: string): Promise<number> {
  const row = await db.insertInto('company').values({ ...values, created_at: now, updated_at: now }).returning('company_id').executeTakeFirstOrThrow()
  return row.company_id
}

export async function updateCompany(db: Kysely<DB>, id: number, values: Partial<{ name: string; department: string; city: string }>, now: string): Promise<void> {
  if (Object.keys(values).length === 0) return
  await db.updateTable('company').set({ ...values, updated_at: now }).where('company_id', '=', id).execute()
}

export async function setOurCompany(db: Kysely<DB>, companyId: number, member: boolean): Promise<void> {
  if (member) await db.insertInto('our_company').values({ company_id: companyId }).onConflict((oc) => oc.doNothing()).execute()
  else await db.deleteFrom('our_company').where('company_id', '=', companyId).execute()
}
