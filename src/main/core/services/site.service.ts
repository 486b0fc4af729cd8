import { existsSync } from 'node:fs'
import { sql } from 'kysely'
import { AppError } from '../../../shared/ipc/result'
import { openSite, type Site } from '../db/open-site'
import { fillDemoSite } from '../demo/demo-site'
import { activateDemoLicence } from '../demo/demo-licence'
import { fillDemoUsers } from '../demo/demo-users'
import { addDemoAdministrator } from '../demo/demo-admin'
import { createPasswordHasher, type ScryptParams } from '../auth/password'
import type { Clock } from '../clock'
import type { DB } from '../db/schema'

/**
 * Creates a new site file (refusing to overwrite one) and optionally fills it with demo data and
 * a freshly signed, time-limited demo licence.
 */
export async function createSite(path: string, options: { demo: boolean; clock: Clock; passwordHashing?: ScryptParams }): Promise<Site> {
  if (existsSync(path)) throw new AppError('conflict', `${path} already exists. Choose a new file name; an existing site is never overwritten.`)
  const site = await openSite(path, { create: true, clock: options.clock })
  await site.db.insertInto('site_meta').values({ key: 'created_at', value: options.clock().toISOString() }).execute()
  if (options.demo) {
    await fillDemoSite(site.db, options.clock)
    await activateDemoLicence(site.db, options.clock)
    // Users last: their licence assignments refer to the demo licence's rows.
    fillDemoUsers(site.raw, options.clock)
    await addDemoAdministrator(site.db, createPasswordHasher(options.passwordHashing), options.clock)
  }
  return site
}

/** Tables `site info` reports, in the order a reader expects. */
export const COUNTED_TABLES = [
  'company',
  'our_company',
  'person',
  'associate',
  'user_group',
  'role',
  'licence_owner',
  'licence',
  'licence_assignment',
  'pending_change',
  'audit_entry'
] as const satisfies readonly (keyof DB)[]

export interface SiteInfo {
  path: string
  schemaVersion: number
  counts: Record<(typeof COUNTED_TABLES)[number], number>
}

export async function readSiteInfo(site: Site): Promise<SiteInfo> {
  const counts = {} as SiteInfo['counts']
  for (const table of COUNTED_TABLES) {
    const row = await site.db
      .selectFrom(table)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return { path: site.path, schemaVersion: site.schemaVersion, counts }
}
