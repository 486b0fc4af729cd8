import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema'
import type { ChangeSetEngine } from '../changes/change-set.engine'
import type { Clock } from '../clock'
import type { TrustedKeys } from '../licences/trusted-keys'
import { AppError, type Problem } from '../../../shared/ipc/result'
import type { Consequence, DiffEntry, Screen } from '../../../shared/domain/change-set'
import type { ProvisioningFile } from '../../../shared/domain/provisioning'
import type { PasswordPolicy } from '../../../shared/domain/password-policy'
import { activateLicenceIn } from '../services/licence-activation.service'
import { appendAuditEntry } from '../services/audit.service'
import { readSitePolicy } from '../repos/site-policy.repo'
import { findOurCompanies, findOwnerCompanyIds } from '../repos/company.repo'
import { setPasswordHash } from '../repos/associate.repo'
import { nameKey } from '../changes/user-group.kind'
import { initialPasswords, planPasswordPolicy, planRoles, planUserGroups, planUsers, type Planned } from './plan'

export interface ApplyDeps {
  db: Kysely<DB>
  engine: ChangeSetEngine
  clock: Clock
  trust: TrustedKeys
  /** Hashes initial passwords before the transaction (the core's `prehashPasswords`). */
  prehashPasswords?: (passwords: Iterable<string>) => Promise<void>
}

export interface ApplyOptions {
  dryRun: boolean
  /** Who the audit entries name ("cli:jdoe"). */
  actor: string
  /**
   * Runs inside the transaction just before it commits (not on a dry run): the CLI writes the
   * generated passwords here, so a failed write leaves the site unchanged.
   */
  beforeCommit?: (report: ApplyReport) => void | Promise<void>
}

export interface ScreenReport {
  screen: Screen
  /** The diff Save's confirmation dialog would show for the screen. */
  entries: DiffEntry[]
  consequences: Consequence[]
}

export interface ApplyReport {
  dryRun: boolean
  /** False when the site already matched the file: nothing was (or would be) written. */
  changed: boolean
  screens: ScreenReport[]
  licences: Array<{ ownerName: string; changedLicences: number }>
  ownerCompany: { from: string | null; to: string } | null
  /** Users whose password hash was copied from the file (`--include-secrets` exports). */
  passwordHashesSet: string[]
  /** Passwords made for `{ "generate": true }`; the caller writes them to the passwords file. */
  generatedPasswords: Array<{ userId: string; password: string }>
}

/** Thrown to roll a dry run back; carries the report out of the transaction. */
class DryRunRollback extends Error {
  constructor(readonly report: ApplyReport) {
    super('dry run')
  }
}

/**
 * `smadmin apply` (issue 10): brings a site to what a provisioning file describes, through the
 * same change-set engine and validators as the screens, screen by screen in the order names
 * depend on each other (password policy, user groups, roles, licences, users). Everything runs
 * in ONE transaction: a refusal anywhere writes nothing anywhere, and a dry run is the same run
 * rolled back at the end, so it reports exactly what a real run would do.
 */
export async function applyProvisioning(deps: ApplyDeps, file: ProvisioningFile, options: ApplyOptions): Promise<ApplyReport> {
  const unsaved = await deps.engine.screensWithChanges()
  if (unsaved.length > 0) {
    throw new AppError(
      'conflict',
      `The site has unsaved changes on the ${unsaved.join(', ')} ${unsaved.length === 1 ? 'screen' : 'screens'}. Save or cancel them in the app first, so a provisioning file does not mix with someone's work. Nothing was changed.`
    )
  }
  // Initial passwords are generated and hashed first, outside the write lock; inside, the kinds'
  // hashing answers from these at once (a file of 500 new users would else hold it for minutes).
  // Only a file that gives passwords pays for reading every saved user here.
  const givesPasswords = [...(file.associates ?? []), ...(file.otherUsers ?? [])].some((u) => u.password !== undefined)
  const initial = givesPasswords
    ? initialPasswords(
        file,
        { associates: await deps.engine.savedIn(deps.db, 'associate'), otherUsers: await deps.engine.savedIn(deps.db, 'otherUser') },
        { ...(await readSitePolicy(deps.db)).password, ...pickPolicy(file) }
      )
    : { passwords: [], generated: new Map<string, string>() }
  if (initial.passwords.length > 0) await deps.prehashPasswords?.(initial.passwords)
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const report = await applyIn(trx, deps, file, options.actor, initial.generated)
      report.dryRun = options.dryRun
      if (options.dryRun) throw new DryRunRollback(report)
      await options.beforeCommit?.(report)
      return report
    })
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report
    throw error
  }
}

async function applyIn(trx: Transaction<DB>, deps: ApplyDeps, file: ProvisioningFile, actor: string, pregenerated: ReadonlyMap<string, string>): Promise<ApplyReport> {
  const { engine } = deps
  const report: ApplyReport = {
    dryRun: false,
    changed: false,
    screens: [],
    licences: [],
    ownerCompany: null,
    passwordHashesSet: [],
    generatedPasswords: []
  }

  await saveScreen(trx, deps, report, 'preferences', planPasswordPolicy(file, await engine.savedIn(trx, 'passwordPolicy')), actor)
  await saveScreen(trx, deps, report, 'lists', planUserGroups(file, await engine.savedIn(trx, 'userGroup')), actor)
  await saveScreen(trx, deps, report, 'roles', planRoles(file, await engine.savedIn(trx, 'role')), actor)
  await activateLicences(trx, deps, report, file, actor)

  const users = planUsers(file, {
    companies: await engine.savedIn(trx, 'ourCompany'),
    groups: await engine.savedIn(trx, 'userGroup'),
    roles: await engine.savedIn(trx, 'role'),
    associates: await engine.savedIn(trx, 'associate'),
    otherUsers: await engine.savedIn(trx, 'otherUser'),
    policy: (await readSitePolicy(trx)).password,
    pregenerated
  })
  await saveScreen(trx, deps, report, 'users', users, actor)
  report.generatedPasswords = users.generated

  if (file.ownerCompany) await setOwnerCompany(trx, deps, report, file.ownerCompany.name, actor)
  await copyPasswordHashes(trx, deps, report, users.hashes, actor)
  report.changed = report.screens.length > 0 || report.licences.length > 0 || report.ownerCompany !== null || report.passwordHashesSet.length > 0
  return report
}

/** Stages a screen's planned changes as one step, records the diff, and saves it. */
async function saveScreen(trx: Transaction<DB>, deps: ApplyDeps, report: ApplyReport, screen: Screen, planned: Planned, actor: string): Promise<void> {
  if (planned.problems.length > 0) throw refused(planned.problems)
  if (planned.changes.length === 0) return
  try {
    await deps.engine.stageManyIn(trx, screen, planned.changes)
  } catch (error) {
    throw nameSources(error, planned)
  }
  const entries = await deps.engine.previewIn(trx, screen)
  const consequences = await deps.engine.consequencesIn(trx, screen)
  try {
    await deps.engine.saveIn(trx, screen, actor)
  } catch (error) {
    throw nameSources(error, planned)
  }
  if (entries.length > 0) report.screens.push({ screen, entries, consequences })
}

/** Activates each licence file the site does not hold yet (the stored text is compared verbatim). */
async function activateLicences(trx: Transaction<DB>, deps: ApplyDeps, report: ApplyReport, file: ProvisioningFile, actor: string): Promise<void> {
  const held = new Set((await trx.selectFrom('licence_owner').select('licence_file').execute()).map((r) => r.licence_file))
  for (const [i, licence] of (file.licences ?? []).entries()) {
    if (!('document' in licence)) throw new AppError('invalid_input', `licences[${i}]: the licence file was not read; the caller reads files before applying.`)
    if (held.has(licence.document)) continue
    try {
      const outcome = await activateLicenceIn(trx, { db: trx, trust: deps.trust, clock: deps.clock }, licence.document, [], actor)
      report.licences.push({ ownerName: outcome.ownerName, changedLicences: outcome.changedLicences })
      held.add(licence.document)
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `licences[${i}]: ${error.message}`, error.problems)
      throw error
    }
  }
}

async function setOwnerCompany(trx: Transaction<DB>, deps: ApplyDeps, report: ApplyReport, name: string, actor: string): Promise<void> {
  const ours = await findOurCompanies(trx)
  const target = ours.find((c) => nameKey(c.name) === nameKey(name))
  if (!target) throw new AppError('validation_failed', `The owner company "${name}" is not one of Our companies. Nothing was changed.`)
  const { owner, database } = await findOwnerCompanyIds(trx)
  if (owner === target.company_id) return
  const from = ours.find((c) => c.company_id === owner)?.name ?? null
  await trx
    .insertInto('site_identity')
    .values({ site_identity_id: 1, owner_company_id: target.company_id, database_company_id: database ?? target.company_id })
    .onConflict((oc) => oc.column('site_identity_id').doUpdateSet({ owner_company_id: target.company_id, database_company_id: database ?? target.company_id }))
    .execute()
  await appendAuditEntry(trx, {
    occurredAt: deps.clock().toISOString(),
    actor,
    screen: 'users',
    action: 'owner-company',
    summary: `Owner company set to ${target.name}${from ? ` (was ${from})` : ''}`,
    changes: { from, to: target.name }
  })
  report.ownerCompany = { from, to: target.name }
}

async function copyPasswordHashes(trx: Transaction<DB>, deps: ApplyDeps, report: ApplyReport, hashes: ReadonlyArray<{ userId: string; hash: string }>, actor: string): Promise<void> {
  if (hashes.length === 0) return
  const now = deps.clock().toISOString()
  for (const { userId, hash } of hashes) {
    const row = await trx.selectFrom('associate').select('associate_id').where('user_id', '=', userId).executeTakeFirst()
    if (!row) throw new AppError('validation_failed', `${userId} was not created, so its password hash cannot be set. Nothing was changed.`)
    await setPasswordHash(trx, row.associate_id, hash, now)
    report.passwordHashesSet.push(userId)
  }
  await appendAuditEntry(trx, {
    occurredAt: now,
    actor,
    screen: 'users',
    action: 'password-hashes',
    summary: `Password hashes copied from a provisioning file for ${hashes.length} ${hashes.length === 1 ? 'user' : 'users'}`,
    changes: { users: report.passwordHashesSet }
  })
}

/** The password-length rules a file sets (the policy's message and lock-out do not shape passwords). */
function pickPolicy(file: ProvisioningFile): Partial<PasswordPolicy> {
  const p = file.passwordPolicy ?? {}
  const rules: Partial<PasswordPolicy> = {}
  for (const key of ['MinTotal', 'MinNum', 'MinLC', 'MinUC', 'MinSpec'] as const) if (p[key] !== undefined) rules[key] = p[key]
  return rules
}

function refused(problems: Problem[]): AppError {
  return new AppError('validation_failed', `Nothing was changed: ${problems.length === 1 ? 'one entry needs' : `${problems.length} entries need`} attention.`, problems)
}

/**
 * The engine names rows by kind and id ("associate:new:3.userId"); the person reading the output
 * wrote a file, so each problem is prefixed with the file entry it came from.
 */
function nameSources(error: unknown, planned: Planned): unknown {
  if (!(error instanceof AppError)) return error
  const sourceOf = (path: string): string | undefined => {
    const row = /^([a-zA-Z]+:(?:new:)?[^.]+)/.exec(path)?.[1]
    return row ? planned.sources.get(row) : undefined
  }
  const problems = (error.problems ?? []).map((p) => {
    const source = sourceOf(p.path)
    return source ? { path: p.path, message: `${source}: ${p.message}` } : p
  })
  if (problems.length === 0) {
    const change = planned.changes.length === 1 ? planned.changes[0] : undefined
    const source = change ? planned.sources.get(`${change.entity}:${change.id}`) : undefined
    return new AppError(error.code, source ? `${source}: ${error.message}` : error.message, error.problems)
  }
  return new AppError(error.code, error.message, problems)
}

