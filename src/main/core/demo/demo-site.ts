import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Clock } from '../clock'

/** Our companies and user groups of the demo site; later issues add users, roles and licences. */
export const DEMO_COMPANIES = [
  { name: 'Nordlys Consulting AS', department: 'Head office', city: 'Oslo' },
  { name: 'Nordlys Consulting AB', department: 'Sales', city: 'Stockholm' }
] as const

export const DEMO_USER_GROUPS = [
  { name: 'Management', tooltip: 'Directors and heads of department', rank: 1 },
  { name: 'Sales', tooltip: 'Account managers and sales reps', rank: 2 },
  { name: 'Marketing', tooltip: 'Campaigns and events', rank: 3 },
  { name: 'Customer service', tooltip: 'Support desk', rank: 4 },
  { name: 'Finance', tooltip: 'Invoicing and accounts', rank: 5 },
  { name: 'IT', tooltip: 'Internal IT and CRM administration', rank: 6 },
  { name: 'Consultants', tooltip: 'Project consultants', rank: 7 },
  { name: 'Stockholm office', tooltip: 'Everyone at the Swedish office', rank: 8 }
] as const

/** Fills an empty site with the demo data, in one transaction. */
export async function fillDemoSite(db: Kysely<DB>, clock: Clock): Promise<void> {
  const now = clock().toISOString()
  await db.transaction().execute(async (trx) => {
    const companyIds: number[] = []
    for (const company of DEMO_COMPANIES) {
      const row = await trx
        .insertInto('company')
        .values({ ...company, created_at: now, updated_at: now })
        .returning('company_id')
        .executeTakeFirstOrThrow()
      companyIds.push(row.company_id)
      await trx.insertInto('our_company').values({ company_id: row.company_id }).execute()
    }
    await trx
      .insertInto('site_identity')
      .values({ site_identity_id: 1, licensee_name: DEMO_COMPANIES[0].name, owner_company_id: companyIds[0], database_company_id: companyIds[0] })
      .execute()
    await trx
      .insertInto('user_group')
      .values(DEMO_USER_GROUPS.map((g) => ({ ...g, created_at: now, updated_at: now })))
      .execute()
    await trx.insertInto('site_meta').values({ key: 'demo', value: 'true' }).execute()
  })
}
