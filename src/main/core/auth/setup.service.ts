import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Clock } from '../clock'
import type { PasswordHasher } from './password'
import type { TrustedKeys } from '../licences/trusted-keys'
import { AppError, type Problem } from '../../../shared/ipc/result'
import { checkPassword } from '../../../shared/domain/password-policy'
import { PREDEFINED_ROLE_IDS } from '../../../shared/domain/role'
import type { z } from 'zod'
import type { SetupInput, setupInputSchema } from '../../../shared/domain/auth'
import { countAdministrators } from '../repos/admin-account.repo'
import { insertAssociate, insertPerson, setPasswordHash, setUserRole } from '../repos/associate.repo'
import { readSitePolicy } from '../repos/site-policy.repo'
import { appendAuditEntry } from '../services/audit.service'
import { activateLicenceIn } from '../services/licence-activation.service'
import { demoLicenceBody } from '../demo/demo-licence'
import { DEMO_PRIVATE_KEY_PEM } from '../licences/demo-key'
import { privateKeyFromPem } from '../licences/ed25519'
import { signLicenceBody } from '../licences/licence-file'

export type ParsedSetup = z.output<typeof setupInputSchema>
export type { SetupInput }

export interface SetupDeps {
  db: Kysely<DB>
  clock: Clock
  hasher: PasswordHasher
  trust: TrustedKeys
}

/** The wizard's licence: a file's text it loaded earlier, or the demo licence (the site becomes a demo site). */
export type SetupLicence = { kind: 'file'; text: string } | { kind: 'demo' }

/**
 * First-run set-up (SPEC D7): the owner company (one of Our companies, the site's owner), a user
 * group for it, the first administrator (User level 0, General administrator) with a password
 * meeting the policy, and the licence — all in ONE transaction, so a refused licence or password
 * leaves the site exactly as it was. Refused once the site has an administrator.
 */
export async function completeSetup(deps: SetupDeps, input: ParsedSetup, licence: SetupLicence): Promise<{ userId: string }> {
  const { db, clock } = deps
  const policy = await readSitePolicy(db)
  const check = checkPassword(input.admin.password, policy.password)
  if (!check.ok) throw new AppError('validation_failed', check.message, [{ path: 'admin.password', message: check.message }])
  // Hashing is slow (scrypt): done before the transaction holds the write lock.
  const hash = await deps.hasher.hash(input.admin.password)
  const problems = nameProblems(input)
  if (problems.length > 0) throw new AppError('validation_failed', `Nothing was written: ${problems[0].message}`, problems)

  return db.transaction().execute(async (trx) => {
    if ((await countAdministrators(trx)) > 0) {
      throw new AppError('conflict', 'This site already has an administrator; sign in instead. Nothing was changed.')
    }
    const nowDate = clock()
    const now = nowDate.toISOString()
    const companyId = (await trx.insertInto('company').values({ name: input.company.name, department: input.company.department, city: input.company.city, created_at: now, updated_at: now }).returning('company_id').executeTakeFirstOrThrow()).company_id
    await trx.insertInto('our_company').values({ company_id: companyId }).execute()
    await trx
      .insertInto('site_identity')
      .values({ site_identity_id: 1, owner_company_id: companyId, database_company_id: companyId })
      .onConflict((oc) => oc.column('site_identity_id').doUpdateSet({ owner_company_id: companyId, database_company_id: companyId }))
      .execute()
    const groupName = input.company.department || 'Administration'
    const groupId = (await trx.insertInto('user_group').values({ name: groupName, tooltip: `Created by the set-up wizard for ${input.company.name}`, rank: 1, created_at: now, updated_at: now }).returning('user_group_id').executeTakeFirstOrThrow()).user_group_id

    const taken = await trx.selectFrom('associate').select('associate_id').where('user_id', '=', input.admin.userId).executeTakeFirst()
    if (taken) throw new AppError('validation_failed', `The User ID ${input.admin.userId} is already taken. Nothing was written.`, [{ path: 'admin.userId', message: 'Already taken.' }])
    const personId = await insertPerson(trx, { company_id: companyId, first_name: input.admin.firstName, middle_name: '', last_name: input.admin.lastName, email: '', phone: '', retired: 0 }, now)
    const associateId = await insertAssociate(trx, { user_id: input.admin.userId, user_type: 'employee', person_id: personId, primary_group_id: groupId, description: '', can_log_in: 1, retired: 0 }, now)
    await setUserRole(trx, associateId, PREDEFINED_ROLE_IDS.userLevel0)
    await setPasswordHash(trx, associateId, hash, now)

    let licenceText: string
    if (licence.kind === 'demo') {
      // A demo licence is only valid on a demo site (site-rules.ts): choosing to evaluate makes
      // this a demo site. The demo period counts from the site's creation, and a site nobody has
      // set up yet has only now come into use, so its creation is recorded as today.
      await upsertMeta(trx, 'demo', 'true')
      await upsertMeta(trx, 'created_at', now)
      const body = demoLicenceBody(nowDate)
      licenceText = signLicenceBody({ ...body, licensee: { ...body.licensee, companyName: input.company.name } }, privateKeyFromPem(DEMO_PRIVATE_KEY_PEM))
    } else {
      licenceText = licence.text
    }
    const activation = await activateLicenceIn(trx, { db: trx, trust: deps.trust, clock }, licenceText, [], input.admin.userId)

    await appendAuditEntry(trx, {
      occurredAt: now,
      actor: input.admin.userId,
      screen: 'setup',
      action: 'setup',
      summary: `Site set up for ${input.company.name}: administrator ${input.admin.userId}, licence of ${activation.ownerName}${licence.kind === 'demo' ? ' (DEMO)' : ''}`,
      changes: {
        company: input.company,
        administrator: { userId: input.admin.userId, firstName: input.admin.firstName, lastName: input.admin.lastName, role: 'User level 0', password: 'changed' },
        licence: licence.kind
      }
    })
    return { userId: input.admin.userId }
  })
}

function nameProblems(input: ParsedSetup): Problem[] {
  const problems: Problem[] = []
  if (input.admin.firstName === '' && input.admin.lastName === '') problems.push({ path: 'admin.lastName', message: 'The administrator needs a first or last name.' })
  if (/\s/.test(input.admin.userId)) problems.push({ path: 'admin.userId', message: 'A User ID cannot contain spaces.' })
  return problems
}

async function upsertMeta(db: Kysely<DB>, key: string, value: string): Promise<void> {
  await db.insertInto('site_meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute()
}
