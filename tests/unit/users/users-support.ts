import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import { fillDemoSite } from '../../../src/main/core/demo/demo-site'
import { activateDemoLicence } from '../../../src/main/core/demo/demo-licence'
import type { AssociateValues, OtherUserValues, OurCompanyValues } from '../../../src/shared/domain/user'
import type { Result } from '../../../src/shared/ipc/result'
import { fixedClock, makeTempDir, openTestCore } from '../support/site-fixture'

/** Cheap scrypt for tests (the app uses OWASP's N = 2^17); injected through core options only. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1, saltBytes: 16, keyBytes: 64 }

/** A demo site (companies, groups, demo licence) without associates, so seats start free. */
export async function openUsersCore(): Promise<{ core: Core; cleanup: () => Promise<void>; dir: string }> {
  const temp = makeTempDir()
  const core = await openTestCore(join(temp.dir, 'users.smsite'), { passwordHashing: TEST_SCRYPT })
  await core.site.db.insertInto('site_meta').values({ key: 'created_at', value: fixedClock().toISOString() }).execute()
  await fillDemoSite(core.site.db, fixedClock)
  await activateDemoLicence(core.site.db, fixedClock)
  return {
    core,
    dir: temp.dir,
    cleanup: async () => {
      await core.close()
      temp.cleanup()
    }
  }
}

export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.problems ?? [])}`)
  return result.value as T
}

export const stageAssociate = (core: Core, id: string, values: AssociateValues) =>
  core.dispatch('changes:stage', { screen: 'users', change: { entity: 'associate', id, values } })
export const stageOther = (core: Core, id: string, values: OtherUserValues) =>
  core.dispatch('changes:stage', { screen: 'users', change: { entity: 'otherUser', id, values } })
export const stageCompany = (core: Core, id: string, values: OurCompanyValues) =>
  core.dispatch('changes:stage', { screen: 'users', change: { entity: 'ourCompany', id, values } })

/** Ids the demo site gives its first company, first two groups and User level 2. */
export function ids(core: Core) {
  const raw = core.site.raw
  const companies = raw.prepare('SELECT company_id FROM our_company ORDER BY company_id').pluck().all() as number[]
  const groups = raw.prepare('SELECT user_group_id FROM user_group ORDER BY rank').pluck().all() as number[]
  return { companyA: String(companies[0]), companyB: String(companies[1]), group1: String(groups[0]), group2: String(groups[1]), group3: String(groups[2]) }
}

/** A complete new employee's values. */
export function employee(core: Core, userId: string, extra: AssociateValues = {}): AssociateValues {
  const i = ids(core)
  return { firstName: 'Kari', lastName: `Nordmann ${userId}`, userId, companyId: i.companyA, roleId: '3', primaryGroupId: i.group1, canLogIn: true, ...extra }
}
