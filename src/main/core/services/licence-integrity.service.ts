import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Clock } from '../clock'
import { deleteLicencesExcept, saveLicence, saveLicenceOwner } from '../repos/licence.repo'
import type { TrustedKeys } from '../licences/trusted-keys'
import { appendAuditEntry } from './audit.service'
import { licenceValues, ownerValues } from './licence-activation.service'
import { loadOwnerStates } from './licence-state.service'

export interface IntegrityReport {
  /** Owners whose rows differed from their signed file and were rewritten from it. */
  restored: Array<{ ownerName: string; differences: string[] }>
  /** Owners whose stored file no longer verifies: they grant nothing until a valid file is loaded. */
  invalid: Array<{ ownerName: string; problem: string }>
}

/**
 * Run when a site opens (issue 5: "re-verified whenever the site opens"). The signed file is the
 * truth: rows that differ from it (a total raised by hand, a licence added or removed) are put back
 * as the file says, and the restore is recorded in the audit log. Assignments are not touched, so
 * a hand-made over-assignment shows up red on the screen and must be resolved by an admin. An owner
 * whose file itself fails verification is left as it is and simply grants nothing (reads verify too).
 */
export async function reconcileLicenceRows(db: Kysely<DB>, trust: TrustedKeys, clock: Clock): Promise<IntegrityReport> {
  const report: IntegrityReport = { restored: [], invalid: [] }
  const owners = await loadOwnerStates(db, trust)
  for (const owner of owners) {
    if (!owner.body || owner.problem) {
      report.invalid.push({ ownerName: owner.row.owner_name, problem: owner.problem ?? '' })
      continue
    }
    const body = owner.body
    const differences: string[] = []
    const expectedOwner = ownerValues(body, owner.row.licence_file, owner.row.activated_at, owner.row.activated_by)
    for (const [column, value] of Object.entries(expectedOwner)) {
      if (owner.row[column as keyof typeof expectedOwner] !== value) differences.push(`owner.${column}`)
    }
    for (const licence of body.licences) {
      const row = owner.rows.find((r) => r.module_name === licence.moduleName)
      if (!row) {
        differences.push(`${licence.moduleName}: missing`)
        continue
      }
      for (const [column, value] of Object.entries(licenceValues(licence))) {
        if (row[column as keyof typeof row] !== value) differences.push(`${licence.moduleName}.${column}: ${String(row[column as keyof typeof row])} → ${String(value)}`)
      }
    }
    for (const row of owner.rows) {
      if (!body.licences.some((l) => l.moduleName === row.module_name)) differences.push(`${row.module_name}: not in the signed file`)
    }
    if (differences.length === 0) continue

    await db.transaction().execute(async (trx) => {
      const ownerId = await saveLicenceOwner(trx, expectedOwner)
      for (const licence of body.licences) await saveLicence(trx, ownerId, licenceValues(licence))
      await deleteLicencesExcept(trx, ownerId, body.licences.map((l) => l.moduleName))
      await appendAuditEntry(trx, {
        occurredAt: clock().toISOString(),
        actor: 'system',
        screen: 'licences',
        action: 'restore',
        summary: `The licence rows of ${owner.row.owner_name} did not match its signed licence file and were restored from it (${differences.length} ${differences.length === 1 ? 'difference' : 'differences'})`,
        changes: { ownerName: owner.row.owner_name, differences }
      })
    })
    report.restored.push({ ownerName: owner.row.owner_name, differences })
  }
  return report
}
