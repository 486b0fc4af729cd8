import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { LicenceBody, LicenceEntry, LicenceKind } from '../../../shared/domain/licence'
import {
  expiryOf,
  explainLogin,
  isoDay,
  mayAssignNew,
  seatCount,
  stillGrants,
  type HeldLicence,
  type Holder
} from '../../../shared/domain/licence-rules'
import type { LicenceOwnerView } from '../../../shared/domain/licence-view'
import { findAssignments, findHolderPage, findLicenceOwners, findLicences, findLoginCandidates, type AssignmentRow, type LicenceOwnerRow, type LicenceRow } from '../repos/licence.repo'
import { findSiteFacts, type SiteFacts } from '../repos/site-facts.repo'
import { verifyLicenceFile, type SignerTrust } from '../licences/licence-verifier'
import { checkFileForSite } from '../licences/site-rules'
import type { TrustedKeys } from '../licences/trusted-keys'

/**
 * The licence state of a site as the app believes it: every stored file is verified again on
 * every read, and totals, dates and flags come from the verified file, never from the rows. A
 * hand-edited row therefore changes nothing; an owner whose file no longer verifies grants nothing.
 */

export interface OwnerState {
  row: LicenceOwnerRow
  /** The verified body, or null when the stored file does not verify for this site. */
  body: LicenceBody | null
  signer: SignerTrust | null
  problem: string | null
  rows: LicenceRow[]
}

export async function loadOwnerStates(db: Kysely<DB>, trust: TrustedKeys, facts?: SiteFacts): Promise<OwnerState[]> {
  const site = facts ?? (await findSiteFacts(db))
  const owners = await findLicenceOwners(db)
  const rows = await findLicences(db)
  return owners.map((row) => {
    const ownRows = rows.filter((r) => r.licence_owner_id === row.licence_owner_id)
    const verified = verifyLicenceFile(row.licence_file, trust)
    if (!verified.ok) return { row, body: null, signer: null, problem: storedProblem(row.owner_name, verified.message), rows: ownRows }
    const refused = checkFileForSite(verified, site)
    if (refused) return { row, body: null, signer: null, problem: storedProblem(row.owner_name, refused.message), rows: ownRows }
    if (verified.body.owner.name !== row.owner_name) {
      return { row, body: null, signer: null, problem: storedProblem(row.owner_name, `the stored file belongs to ${verified.body.owner.name}.`), rows: ownRows }
    }
    return { row, body: verified.body, signer: verified.signer, problem: null, rows: ownRows }
  })
}

function storedProblem(ownerName: string, reason: string): string {
  return `The activated licence of ${ownerName} no longer verifies, so none of its licences count: ${reason} Load a valid licence file from ${ownerName}.`
}

export function toHolder(row: { associate_id: number; user_id: string; first_name: string | null; last_name: string | null }): Holder {
  return { associateId: row.associate_id, userId: row.user_id, fullName: [row.first_name, row.last_name].filter(Boolean).join(' ') }
}

/** Holders per module name (one owner per module, so module names are unique among valid owners). */
export function holdersByModule(assignments: readonly AssignmentRow[], ownerId?: number): Map<string, Holder[]> {
  const map = new Map<string, Holder[]>()
  for (const a of assignments) {
    if (ownerId !== undefined && a.licence_owner_id !== ownerId) continue
    const list = map.get(a.module_name) ?? []
    list.push(toHolder(a))
    map.set(a.module_name, list)
  }
  return map
}

/** System licences of valid owners that still grant (Navigator gating, SPEC D10). */
export async function readHeldSystemLicences(db: Kysely<DB>, trust: TrustedKeys, now: Date): Promise<string[]> {
  const today = isoDay(now)
  const held = new Set<string>()
  for (const owner of await loadOwnerStates(db, trust)) {
    if (!owner.body || !stillGrants(expiryOf(owner.body.dates, today))) continue
    for (const licence of owner.body.licences) if (licence.kind === 'system') held.add(licence.moduleName)
  }
  return [...held].sort()
}

const KIND_ORDER: readonly LicenceKind[] = ['system', 'site', 'user']

/** The owner tabs (SPEC §2.1): vendor first, header data, grouped licences with their counters. */
export async function readOwnerViews(db: Kysely<DB>, trust: TrustedKeys, now: Date): Promise<LicenceOwnerView[]> {
  const today = isoDay(now)
  const owners = await loadOwnerStates(db, trust)
  const holders = holdersByModule(await findAssignments(db))
  return owners.map(({ row, body, signer, problem }) => {
    const dates = body?.dates ?? {}
    const expiry = expiryOf(dates, today)
    const visible = (body?.licences ?? []).filter((l) => !l.hidden)
    return {
      ownerName: row.owner_name,
      description: body?.owner.description ?? '',
      shopUrl: body?.owner.shopUrl ?? '',
      licenseeName: body?.licensee.companyName ?? '',
      serialNumber: body?.licensee.serialNumber ?? '',
      expiresOn: dates.expiresOn ?? null,
      graceUntil: dates.graceUntil ?? null,
      maintenanceUntil: dates.maintenanceUntil ?? null,
      adminWarningOn: dates.adminWarningOn ?? null,
      isDemo: body?.isDemo ?? false,
      signer,
      valid: body !== null,
      problem,
      expiry,
      adminWarning: dates.adminWarningOn !== undefined && today >= dates.adminWarningOn,
      mayAssignNew: body !== null && mayAssignNew(expiry),
      activatedAt: row.activated_at,
      activatedBy: row.activated_by,
      groups: KIND_ORDER.map((kind) => ({
        kind,
        licences: visible
          .filter((l) => l.kind === kind)
          .sort((a, b) => a.sortOrder - b.sortOrder || a.moduleName.localeCompare(b.moduleName))
          .map((l) => licenceView(l, holders.get(l.moduleName)?.length ?? 0))
      }))
    }
  })
}

function licenceView(licence: LicenceEntry, assignments: number): LicenceOwnerView['groups'][number]['licences'][number] {
  const seats = seatCount(licence, assignments)
  return {
    moduleName: licence.moduleName,
    displayName: licence.displayName,
    tooltip: licence.tooltip,
    kind: licence.kind,
    total: licence.total,
    unrestricted: licence.unrestricted,
    prerequisite: licence.prerequisite,
    allowedUserTypes: [...licence.allowedUserTypes],
    sortOrder: licence.sortOrder,
    inUse: seats.inUse,
    free: seats.free,
    overAssigned: seats.overAssigned
  }
}

/** Who holds one user licence ("clicking a licence shows … who holds it"). */
/** One page of a licence's holders (the Licences screen's details pane). */
export async function readHolderPage(db: Kysely<DB>, moduleName: string, offset: number, limit: number): Promise<{ total: number; holders: Holder[] }> {
  const page = await findHolderPage(db, moduleName, offset, limit)
  return { total: page.total, holders: page.rows.map(toHolder) }
}

/**
 * "Who loses access on …" (SPEC A3.4): users who can log in today but not on `date`, because an
 * owner's licences stop granting (expiry plus grace) in between. The clock gives "today".
 */
export async function whoLosesAccess(db: Kysely<DB>, trust: TrustedKeys, now: Date, date: string): Promise<Array<Holder & { reasons: ReturnType<typeof explainLogin>['reasons'] }>> {
  const today = isoDay(now)
  const owners = await loadOwnerStates(db, trust)
  const assignments = await findAssignments(db)
  const heldOn = (day: string, associateId: number): HeldLicence[] => {
    const held: HeldLicence[] = []
    for (const owner of owners) {
      if (!owner.body) continue
      const expiry = expiryOf(owner.body.dates, day)
      for (const a of assignments) {
        if (a.associate_id !== associateId || a.licence_owner_id !== owner.row.licence_owner_id) continue
        held.push({ moduleName: a.module_name, ownerName: owner.row.owner_name, grants: stillGrants(expiry), until: expiry.until })
      }
    }
    return held
  }
  const losing: Array<Holder & { reasons: ReturnType<typeof explainLogin>['reasons'] }> = []
  for (const candidate of await findLoginCandidates(db)) {
    if (!explainLogin(heldOn(today, candidate.associate_id)).canLogIn) continue
    const then = explainLogin(heldOn(date, candidate.associate_id))
    if (!then.canLogIn) losing.push({ ...toHolder(candidate), reasons: then.reasons })
  }
  return losing
}
