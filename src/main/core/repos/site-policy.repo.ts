import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { DEFAULT_PASSWORD_POLICY } from '../../../shared/domain/password-policy'
import { DEFAULT_SIGN_IN_POLICY, valuesToPolicy, type SitePolicy } from '../../../shared/domain/preferences'

/** site_meta key holding the saved policy as JSON (absent until an admin saves the Preferences page). */
export const POLICY_META_KEY = 'password_policy'

/**
 * The site's password and sign-in policy. While none is saved the built-in default object itself
 * is returned: checkPassword recognises it and adds its "one letter" rule.
 * SQL: select value from site_meta where key = 'password_policy'
 */
export async function readSitePolicy(db: Kysely<DB>): Promise<SitePolicy & { isDefault: boolean }> {
  const row = await db.selectFrom('site_meta').select('value').where('key', '=', POLICY_META_KEY).executeTakeFirst()
  if (!row) return { password: DEFAULT_PASSWORD_POLICY, signIn: DEFAULT_SIGN_IN_POLICY, isDefault: true }
  let stored: unknown
  try {
    stored = JSON.parse(row.value)
  } catch {
    stored = {}
  }
  return { ...valuesToPolicy(typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {}), isDefault: false }
}

/** Saves the policy (inside the Save transaction). */
export async function writeSitePolicy(db: Kysely<DB>, values: Record<string, unknown>): Promise<void> {
  const value = JSON.stringify(values)
  await db
    .insertInto('site_meta')
    .values({ key: POLICY_META_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
}
