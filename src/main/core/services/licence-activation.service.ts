import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { AppError } from '../../../shared/ipc/result'
import type { LicenceBody, LicenceEntry } from '../../../shared/domain/licence'
import {
  dependantsOf,
  describeOverAssignment,
  expiryOf,
  findOverAssignments,
  isoDay,
  SITES_IN_THIS_DATABASE,
  type Holder
} from '../../../shared/domain/licence-rules'
import type { ActivationOutcome, ActivationPreview, AssignmentRemoval, LicenceChange } from '../../../shared/domain/licence-view'
import type { Clock } from '../clock'
import { deleteAssignments, deleteLicencesExcept, findAssignments, saveLicence, saveLicenceOwner, type LicenceRow } from '../repos/licence.repo'
import { findSiteFacts, setSiteLicensee } from '../repos/site-facts.repo'
import { verifyLicenceFile, type LicenceRefusal, type VerifiedLicence } from '../licences/licence-verifier'
import { checkFileForActivation } from '../licences/site-rules'
import type { TrustedKeys } from '../licences/trusted-keys'
import { appendAuditEntry } from './audit.service'
import { holdersByModule, loadOwnerStates, type OwnerState } from './licence-state.service'

/** Licence files larger than this are not licence files (a real one is a few kilobytes). */
export const MAX_LICENCE_FILE_BYTES = 1_000_000

export interface LicenceServiceDeps {
  db: Kysely<DB>
  trust: TrustedKeys
  clock: Clock
  /** Takes a snapshot of the site (SPEC A3.10); called once the file has passed its checks, before anything is written. */
  snapshotBeforeActivation?: () => Promise<unknown>
}

/** Turns a refusal into the error every entry point reports; nothing has been changed. */
export function refusalError(refused: LicenceRefusal): AppError {
  return new AppError('licence_refused', `${refused.message} Nothing was changed.`, refused.problems)
}

interface Candidate {
  verified: VerifiedLicence
  existing: OwnerState | undefined
  setsSiteLicensee: boolean
  /** The owner's current licences (from its verified file, or its rows when that no longer verifies). */
  current: LicenceEntry[]
  holders: Map<string, Holder[]>
}

/** Verifies a file against the site as it is now; throws `licence_refused` with the reason. */
async function candidateFor(db: Kysely<DB>, text: string, deps: LicenceServiceDeps): Promise<Candidate> {
  if (Buffer.byteLength(text, 'utf8') > MAX_LICENCE_FILE_BYTES) {
    throw new AppError('licence_refused', 'This file is far too large to be a licence file. Nothing was changed.', [{ path: 'unreadable', message: 'File too large.' }])
  }
  const verified = verifyLicenceFile(text, deps.trust)
  if (!verified.ok) throw refusalError(verified)
  const facts = await findSiteFacts(db)
  const owners = await loadOwnerStates(db, deps.trust, facts)
  const ownerName = verified.body.owner.name
  const others = new Map<string, { ownerName: string; prerequisite: string | null }>()
  for (const owner of owners) {
    if (owner.row.owner_name === ownerName || !owner.body) continue
    for (const l of owner.body.licences) others.set(l.moduleName, { ownerName: owner.row.owner_name, prerequisite: l.prerequisite })
  }
  const refused = checkFileForActivation(verified, facts, deps.clock(), others)
  if (refused) throw refusalError(refused)
  const existing = owners.find((o) => o.row.owner_name === ownerName)
  const assignments = await findAssignments(db)
  return {
    verified,
    existing,
    setsSiteLicensee: facts.serialNumber === '',
    current: existing ? (existing.body?.licences ?? existing.rows.map(rowAsEntry)) : [],
    holders: existing ? holdersByModule(assignments, existing.row.licence_owner_id) : new Map()
  }
}

function rowAsEntry(row: LicenceRow): LicenceEntry {
  return {
    moduleName: row.module_name,
    displayName: row.display_name,
    tooltip: row.tooltip,
    kind: row.kind,
    total: row.total,
    unrestricted: row.unrestricted === 1,
    prerequisite: row.prerequisite_module,
    allowedUserTypes: row.allowed_user_types.split(',').filter(Boolean) as LicenceEntry['allowedUserTypes'],
    hidden: row.hidden === 1,
    sortOrder: row.sort_order
  }
}

const COMPARED_FIELDS = ['displayName', 'tooltip', 'kind', 'total', 'unrestricted', 'prerequisite', 'allowedUserTypes', 'hidden', 'sortOrder'] as const

function changedFields(before: LicenceEntry, after: LicenceEntry): string[] {
  return COMPARED_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
}

/** Old → new per licence with seats after activation (SPEC D5, §2.6). Pure over the candidate. */
function previewOf(candidate: Candidate, now: Date): ActivationPreview {
  const { body, signer } = candidate.verified
  const before = new Map(candidate.current.map((l) => [l.moduleName, l]))
  const after = new Map(body.licences.map((l) => [l.moduleName, l]))
  const changes: LicenceChange[] = []
  let unchangedCount = 0
  for (const moduleName of new Set([...after.keys(), ...before.keys()])) {
    const old = before.get(moduleName)
    const next = after.get(moduleName)
    const shown = (next ?? old) as LicenceEntry
    const fields = old && next ? changedFields(old, next) : []
    const change: LicenceChange['change'] = !old ? 'added' : !next ? 'removed' : fields.length > 0 ? 'changed' : 'unchanged'
    const holders = candidate.holders.get(moduleName) ?? []
    const inUse = shown.kind === 'user' ? holders.length : shown.kind === 'site' ? SITES_IN_THIS_DATABASE : null
    const seats = next?.total ?? 0
    const counted = inUse !== null && !(next?.unrestricted ?? false)
    const newFree = counted ? seats - (inUse as number) : null
    const short = shown.kind === 'user' && newFree !== null && newFree < 0
    if (change === 'unchanged' && !short) {
      unchangedCount += 1
      continue
    }
    changes.push({
      moduleName,
      displayName: shown.displayName,
      kind: shown.kind,
      change,
      fields,
      oldTotal: old?.total ?? null,
      newTotal: next?.total ?? null,
      oldUnrestricted: old?.unrestricted ?? null,
      newUnrestricted: next?.unrestricted ?? null,
      inUse,
      newFree,
      short,
      excess: short ? -(newFree as number) : 0,
      holders: short ? holders : []
    })
  }
  const order = (c: LicenceChange): number => ['system', 'site', 'user'].indexOf(c.kind)
  changes.sort((a, b) => order(a) - order(b) || (after.get(a.moduleName)?.sortOrder ?? 0) - (after.get(b.moduleName)?.sortOrder ?? 0) || a.moduleName.localeCompare(b.moduleName))
  return {
    ownerName: body.owner.name,
    isNewOwner: candidate.existing === undefined,
    signer,
    isDemo: body.isDemo,
    licenseeName: body.licensee.companyName,
    serialNumber: body.licensee.serialNumber,
    setsSiteLicensee: candidate.setsSiteLicensee,
    expiresOn: body.dates.expiresOn ?? null,
    graceUntil: body.dates.graceUntil ?? null,
    expiry: expiryOf(body.dates, isoDay(now)),
    changes,
    unchangedCount,
    canActivate: !changes.some((c) => c.short)
  }
}

/** Verifies a file and shows what activating it would change; writes nothing. */
export async function previewActivation(deps: LicenceServiceDeps, text: string): Promise<ActivationPreview> {
  return previewOf(await candidateFor(deps.db, text, deps), deps.clock())
}

/**
 * Activates a file with the admin's removals, in one transaction: verify again, remove the chosen
 * assignments (and their children, SPEC §2.4), refuse if any licence is still over-assigned
 * (naming the users), store the file verbatim with its licence rows, set the site's licensee when
 * it had none, and write the audit entry. Any failure leaves the site exactly as it was.
 */
export async function activateLicence(deps: LicenceServiceDeps, text: string, removals: readonly AssignmentRemoval[], actor: string): Promise<ActivationOutcome> {
  if (deps.snapshotBeforeActivation) {
    // A refused file needs no snapshot: check it first (the transaction checks it again).
    await candidateFor(deps.db, text, deps)
    await deps.snapshotBeforeActivation()
  }
  return deps.db.transaction().execute((trx) => activateLicenceIn(trx, deps, text, removals, actor))
}

/** Activation inside a transaction the caller owns (the first-run wizard writes its company, admin and licence in one). */
export async function activateLicenceIn(trx: Kysely<DB>, deps: LicenceServiceDeps, text: string, removals: readonly AssignmentRemoval[], actor: string): Promise<ActivationOutcome> {
  const candidate = await candidateFor(trx, text, deps)
  const preview = previewOf(candidate, deps.clock())
  const { body } = candidate.verified
  const rows = candidate.existing?.rows ?? []
  const removed = await applyRemovals(trx, candidate, rows, removals)

  const remaining = holdersByModule(
    (await findAssignments(trx)).filter((a) => candidate.existing && a.licence_owner_id === candidate.existing.row.licence_owner_id)
  )
  const stillShort = findOverAssignments(
    [...body.licences, ...candidate.current.filter((c) => !body.licences.some((l) => l.moduleName === c.moduleName)).map((c) => ({ ...c, total: 0, unrestricted: false }))],
    remaining
  )
  if (stillShort.length > 0) {
    throw new AppError(
      'licence_refused',
      `The new licence has fewer seats than are in use. Remove superfluous licences first: ${stillShort.map(describeOverAssignment).join(' ')} Nothing was changed.`,
      stillShort.map((s) => ({ path: `over-assigned.${s.moduleName}`, message: describeOverAssignment(s) }))
    )
  }

  const now = deps.clock().toISOString()
  const ownerId = await saveLicenceOwner(trx, ownerValues(body, text, now, actor))
  for (const licence of body.licences) await saveLicence(trx, ownerId, licenceValues(licence))
  await deleteLicencesExcept(trx, ownerId, body.licences.map((l) => l.moduleName))
  if (candidate.setsSiteLicensee) await setSiteLicensee(trx, body.licensee.companyName, body.licensee.serialNumber)

  const changed = preview.changes.filter((c) => c.change !== 'unchanged')
  const auditEntryId = await appendAuditEntry(trx, {
    occurredAt: now,
    actor,
    screen: 'licences',
    action: 'activate',
    summary: `Activated the licence of ${body.owner.name}${body.isDemo ? ' (DEMO)' : ''}: ${changed.length} ${changed.length === 1 ? 'licence' : 'licences'} changed, ${removed.length} ${removed.length === 1 ? 'assignment' : 'assignments'} removed`,
    changes: {
      ownerName: body.owner.name,
      signer: candidate.verified.signer,
      licensee: body.licensee,
      dates: body.dates,
      licences: changed.map(({ holders: _holders, ...rest }) => rest),
      removedAssignments: removed
    }
  })
  return { ownerName: body.owner.name, auditEntryId, changedLicences: changed.length, removedAssignments: removed }
}

/** Removes the assignments the admin chose, plus each user's licences that need a removed one. */
async function applyRemovals(
  trx: Kysely<DB>,
  candidate: Candidate,
  rows: readonly LicenceRow[],
  removals: readonly AssignmentRemoval[]
): Promise<ActivationOutcome['removedAssignments']> {
  const rowByModule = new Map(rows.map((r) => [r.module_name, r]))
  const prerequisiteOf = new Map<string, string | null>(candidate.current.map((l) => [l.moduleName, l.prerequisite]))
  for (const l of candidate.verified.body.licences) prerequisiteOf.set(l.moduleName, l.prerequisite)

  const pending = new Map<string, Set<number>>()
  for (const { moduleName, associateIds } of removals) {
    const holders = candidate.holders.get(moduleName) ?? []
    if (!rowByModule.has(moduleName)) {
      throw new AppError('invalid_input', `${candidate.verified.body.owner.name} has no licence "${moduleName}" on this site to remove. Nothing was changed.`)
    }
    for (const id of associateIds) {
      if (!holders.some((h) => h.associateId === id)) {
        throw new AppError('conflict', `User ${id} does not hold "${moduleName}" (any more). Load the licence file again to see the current holders. Nothing was changed.`)
      }
      for (const module of [moduleName, ...dependantsOf(moduleName, prerequisiteOf)]) {
        if (!(candidate.holders.get(module) ?? []).some((h) => h.associateId === id)) continue
        const set = pending.get(module) ?? new Set<number>()
        set.add(id)
        pending.set(module, set)
      }
    }
  }
  const removed: ActivationOutcome['removedAssignments'] = []
  for (const [moduleName, ids] of pending) {
    const row = rowByModule.get(moduleName)
    if (!row) continue
    await deleteAssignments(trx, row.licence_id, [...ids])
    for (const id of ids) {
      const userId = candidate.holders.get(moduleName)?.find((h) => h.associateId === id)?.userId ?? String(id)
      removed.push({ moduleName, associateId: id, userId })
    }
  }
  return removed
}

/** The owner row as the signed file says it (SUPEROFFICE, the vendor, sorts first). */
export function ownerValues(body: LicenceBody, text: string, activatedAt: string, activatedBy: string) {
  return {
    owner_name: body.owner.name,
    description: body.owner.description,
    shop_url: body.owner.shopUrl,
    licensee_name: body.licensee.companyName,
    serial_number: body.licensee.serialNumber,
    expires_on: body.dates.expiresOn ?? null,
    grace_until: body.dates.graceUntil ?? null,
    maintenance_until: body.dates.maintenanceUntil ?? null,
    admin_warning_on: body.dates.adminWarningOn ?? null,
    is_demo: body.isDemo ? 1 : 0,
    licence_file: text,
    activated_at: activatedAt,
    activated_by: activatedBy,
    sort_order: body.owner.name === 'SUPEROFFICE' ? 0 : 1
  }
}

export function licenceValues(licence: LicenceEntry) {
  return {
    module_name: licence.moduleName,
    display_name: licence.displayName,
    tooltip: licence.tooltip,
    kind: licence.kind,
    total: licence.total,
    unrestricted: licence.unrestricted ? 1 : 0,
    prerequisite_module: licence.prerequisite,
    allowed_user_types: licence.allowedUserTypes.join(','),
    hidden: licence.hidden ? 1 : 0,
    sort_order: licence.sortOrder
  }
}
