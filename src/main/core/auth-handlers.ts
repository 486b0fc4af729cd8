import { basename } from 'node:path'
import { AppError } from '../../shared/ipc/result'
import { auditFilterSchema } from '../../shared/domain/audit'
import { passwordPolicyFormSchema } from '../../shared/domain/preferences'
import type { Handlers, CoreDeps } from './handlers'
import { LicenceInbox } from './licences/licence-inbox'
import { verifyLicenceFile } from './licences/licence-verifier'
import { completeSetup } from './auth/setup.service'
import { countAdministrators } from './repos/admin-account.repo'
import { readSitePolicy } from './repos/site-policy.repo'
import { describeAuditReport, verifyAuditChain } from './services/audit.service'
import { auditCsv, readAuditPage } from './services/audit-log.service'
import { writeFileAtomically } from './csv/atomic-write'

type AuthChannel = Extract<keyof Handlers, `auth:${string}` | `setup:${string}` | `audit:${string}` | `preferences:${string}`>

/**
 * Sign-in, first-run set-up, the password policy and the audit log (issue 7). Thin: the rules
 * live in SessionService, completeSetup and the audit services.
 */
export function createAuthHandlers(deps: CoreDeps): Pick<Handlers, AuthChannel> {
  const { site, auth, clock } = deps
  // The wizard's own inbox: its token is only good for set-up, never for licences:activate.
  const setupInbox = new LicenceInbox()
  const refuseUnlessFirstRun = async (): Promise<void> => {
    if ((await countAdministrators(site.db)) > 0) throw new AppError('not_allowed', 'This site already has an administrator: sign in instead.')
  }

  return {
    'auth:status': () => auth.status(),
    'auth:signIn': ({ userId, password }) => auth.signIn(userId, password),
    'auth:signOut': () => auth.signOut(),
    'auth:unlock': async ({ associateId }) => ({ unlocked: await auth.unlock(associateId) }),

    'setup:loadLicenceFile': async () => {
      await refuseUnlessFirstRun()
      const file = await deps.chooseLicenceFile()
      if (!file) return { status: 'cancelled' as const }
      // Shown on the wizard's last page; every rule is checked again at Finish, inside its transaction.
      const verified = verifyLicenceFile(file.content, deps.trustedKeys)
      if (!verified.ok) throw new AppError('licence_refused', `${verified.message} Choose another file.`, verified.problems)
      const { token } = setupInbox.put(file)
      const body = verified.body
      return { status: 'loaded' as const, token, fileName: basename(file.path), ownerName: body.owner.name, licenseeName: body.licensee.companyName, expiresOn: body.dates.expiresOn ?? null, isDemo: body.isDemo }
    },
    'setup:complete': async (input) => {
      await refuseUnlessFirstRun()
      const licence = input.licence.kind === 'file' ? { kind: 'file' as const, text: setupInbox.get(input.licence.token) } : { kind: 'demo' as const }
      const { userId } = await completeSetup({ db: site.db, clock, hasher: deps.users.hasher, trust: deps.trustedKeys }, input, licence)
      return auth.startAfterSetup(userId)
    },

    'preferences:passwordPolicy': async () => readSitePolicy(site.db),
    'preferences:get': async () => {
      const [row] = await deps.engine.merged('preferences', 'passwordPolicy', true)
      const saved = await readSitePolicy(site.db)
      return { values: passwordPolicyFormSchema.parse(row.merged), changedFields: row.changedFields, isDefault: saved.isDefault }
    },

    'audit:list': ({ filter, offset, limit }) => readAuditPage(site.db, filter, offset, limit),
    'audit:verify': async () => {
      const report = await verifyAuditChain(site.db)
      return { ...report, message: describeAuditReport(report) }
    },
    'audit:export': async ({ filter }) => {
      const target = await deps.chooseAuditExportTarget(`audit-log-${clock().toISOString().slice(0, 10)}.csv`)
      if (!target) return { status: 'cancelled' as const }
      const { csv, rows } = await auditCsv(site.db, auditFilterSchema.parse(filter))
      await writeFileAtomically(target, csv)
      return { status: 'saved' as const, path: target, rows }
    }
  }
}
