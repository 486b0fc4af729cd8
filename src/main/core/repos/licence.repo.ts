import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'

/**
 * Module names of the system licences the site holds (Navigator gating, SPEC D10).
 * SQL: select distinct module_name from licence where kind = 'system' order by module_name
 */
export async function findHeldSystemLicences(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('licence')
    .select('module_name')
    .distinct()
    .where('kind', '=', 'system')
    .orderBy('module_name')
    .execute()
  return rows.map((r) => r.module_name)
}
