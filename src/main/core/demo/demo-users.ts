import type Database from 'better-sqlite3'
import type { Clock } from '../clock'
import { PREDEFINED_ROLE_IDS } from '../../../shared/domain/role'
import { DEMO_CATALOGUE } from './demo-licence'
import { insertAssociates, insertOtherUsers, planSeeds } from './associate-builders'

/** How many associates the demo site gets: enough to try filters, seats and Remove User. */
export const DEMO_ASSOCIATES = 40

/** Licence bundles in the order users are given them: admins and sellers first, then the rest. */
const DEMO_BUNDLES: ReadonlyArray<readonly string[]> = [
  ['user', 'web', 'windows', 'visible-for'],
  ['user', 'web', 'sales', 'quote-cal'],
  ['user', 'windows', 'travel', 'remote-travel', 'pocket-crm'],
  ['user', 'web', 'marketing', 'outlook-sync'],
  ['user', 'windows', 'service'],
  ['user', 'complete-crm'],
  []
]

/**
 * Fills a demo site (its companies, groups and demo licence already in place) with ~40
 * associates across the employee roles, within the demo licence's totals, and two other users.
 */
export function fillDemoUsers(raw: Database.Database, clock: Clock): void {
  const now = clock().toISOString()
  const companyIds = (raw.prepare('SELECT company_id FROM our_company ORDER BY company_id').pluck().all() as number[])
  const groupIds = (raw.prepare('SELECT user_group_id FROM user_group WHERE deleted = 0 ORDER BY rank').pluck().all() as number[])
  const roleIds = [PREDEFINED_ROLE_IDS.userLevel0, ...(raw.prepare("SELECT role_id FROM role WHERE role_type = 'employee' AND deleted = 0 AND role_id <> ? ORDER BY rank").pluck().all(PREDEFINED_ROLE_IDS.userLevel0) as number[])]
  const licences = DEMO_CATALOGUE.filter((l) => l.kind === 'user').map((l) => ({ moduleName: l.moduleName, total: l.total, unrestricted: l.unrestricted, prerequisite: l.prerequisite }))
  insertAssociates(raw, planSeeds({ count: DEMO_ASSOCIATES, companyIds, groupIds, roleIds, licences, bundles: DEMO_BUNDLES, seed: 2026 }), now)
  insertOtherUsers(
    raw,
    [
      { userId: 'SYS-ERP', userType: 'system', description: 'ERP synchronisation (integration)', active: true },
      { userId: 'SYS-DIARY', userType: 'system', description: 'Diary replication service', active: false },
      { userId: 'WEBFORM', userType: 'anonymous', description: 'Web form submissions', active: true }
    ],
    now
  )
}
