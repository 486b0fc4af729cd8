import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { runCompiled } from './compiled-query'

/** What licence rules need to know about the site itself. */
export interface SiteFacts {
  /** Empty strings when the site has no licensee yet (a fresh site before its first licence). */
  licenseeName: string
  serialNumber: string
  /** Name of the company that owns this database (site_identity.database_company_id). */
  databaseOwnerName: string | null
  isDemo: boolean
  /** YYYY-MM-DD of `site create`, or null for sites created before it was recorded. */
  createdOn: string | null
}

/**
 * SQL: select key, value from site_meta where key in ('demo', 'created_at');
 *      select si.*, c.name from site_identity si left join company c on c.company_id = si.database_company_id
 */
export async function findSiteFacts(db: Kysely<DB>): Promise<SiteFacts> {
  // Read with the licence state on every Users request: compiled once.
  const meta = await runCompiled<{ key: string; value: string }>(db, 'findSiteFacts.meta', () => db.selectFrom('site_meta').select(['key', 'value']).where('key', 'in', ['demo', 'created_at']))
  const identity = (
    await runCompiled<{ licensee_name: string; serial_number: string; database_owner: string | null }>(db, 'findSiteFacts.identity', () =>
      db
        .selectFrom('site_identity as si')
        .leftJoin('company as c', 'c.company_id', 'si.database_company_id')
        .select(['si.licensee_name', 'si.serial_number', 'c.name as database_owner'])
        .limit(1)
    )
  )[0]
  const value = (key: string): string | undefined => meta.find((m) => m.key === key)?.value
  return {
    licenseeName: identity?.licensee_name ?? '',
    serialNumber: identity?.serial_number ?? '',
    databaseOwnerName: identity?.database_owner ?? null,
    isDemo: value('demo') === 'true',
    createdOn: value('created_at')?.slice(0, 10) ?? null
  }
}

/** Records the licensee of a site that had none (its first licence file names it). */
export async function setSiteLicensee(db: Kysely<DB>, licenseeName: string, serialNumber: string): Promise<void> {
  const updated = await db
    .updateTable('site_identity')
    .set({ licensee_name: licenseeName, serial_number: serialNumber })
    .where('site_identity_id', '=', 1)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) {
    await db.insertInto('site_identity').values({ site_identity_id: 1, licensee_name: licenseeName, serial_number: serialNumber }).execute()
  }
}
