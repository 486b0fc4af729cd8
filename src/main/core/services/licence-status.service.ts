import { statSync } from 'node:fs'
import type { z } from 'zod'
import type { licenceStatusSchema } from '../../../shared/domain/licence-view'
import type { Site } from '../db/open-site'
import { findAuditEntriesOfScreen } from '../repos/audit.repo'
import { findSiteFacts } from '../repos/site-facts.repo'

/** How many licence events the Status tab lists. */
export const STATUS_EVENT_LIMIT = 200

/** The Licences screen's Status tab (SPEC §2.8): database facts and licence events. */
export async function readLicenceStatus(site: Site): Promise<z.infer<typeof licenceStatusSchema>> {
  const facts = await findSiteFacts(site.db)
  const events = await findAuditEntriesOfScreen(site.db, 'licences', STATUS_EVENT_LIMIT)
  return {
    databaseOwner: facts.databaseOwnerName,
    licenseeName: facts.licenseeName,
    serialNumber: facts.serialNumber,
    isDemoSite: facts.isDemo,
    schemaVersion: site.schemaVersion,
    sitePath: site.path,
    siteSizeBytes: statSync(site.path).size,
    events: events.map((e) => ({ id: e.audit_entry_id, occurredAt: e.occurred_at, actor: e.actor, action: e.action, summary: e.summary }))
  }
}
