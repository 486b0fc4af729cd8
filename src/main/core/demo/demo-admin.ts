import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Clock } from '../clock'
import type { PasswordHasher } from '../auth/password'
import { PREDEFINED_ROLE_IDS } from '../../../shared/domain/role'
import { insertAssociate, insertPerson, setPasswordHash, setUserRole } from '../repos/associate.repo'

/**
 * The demo site's known administrator, so the app can be tried by hand (README, docs/cli.md).
 * Only ever written by `site create --demo`: a real site gets its first administrator from the
 * set-up wizard, with a password nobody else knows.
 */
export const DEMO_ADMIN = { userId: 'ADMIN', password: 'demo-admin-1', firstName: 'Demo', lastName: 'Administrator' } as const

/** Adds ADMIN (User level 0 = General administrator) at the first Our company, in its first group. */
export async function addDemoAdministrator(db: Kysely<DB>, hasher: PasswordHasher, clock: Clock): Promise<void> {
  const hash = await hasher.hash(DEMO_ADMIN.password)
  const now = clock().toISOString()
  await db.transaction().execute(async (trx) => {
    const company = await trx.selectFrom('our_company').select('company_id').orderBy('company_id').executeTakeFirstOrThrow()
    const group = await trx.selectFrom('user_group').select('user_group_id').where('deleted', '=', 0).orderBy('rank').orderBy('user_group_id').executeTakeFirstOrThrow()
    const personId = await insertPerson(trx, { company_id: company.company_id, first_name: DEMO_ADMIN.firstName, middle_name: '', last_name: DEMO_ADMIN.lastName, email: 'admin@example.com', phone: '', retired: 0 }, now)
    const id = await insertAssociate(trx, { user_id: DEMO_ADMIN.userId, user_type: 'employee', person_id: personId, primary_group_id: group.user_group_id, description: 'Demo administrator (password in the README)', can_log_in: 1, retired: 0 }, now)
    await setUserRole(trx, id, PREDEFINED_ROLE_IDS.userLevel0)
    await setPasswordHash(trx, id, hash, now)
  })
}
