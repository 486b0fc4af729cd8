import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { LicenceBody, LicenceEntry } from '../../../shared/domain/licence'
import { addDays, isoDay } from '../../../shared/domain/licence-rules'
import { SYSTEM_LICENCE_MODULES } from '../../../shared/domain/licence-names'
import type { Clock } from '../clock'
import { DEMO_LICENCE_MAX_DAYS, DEMO_PRIVATE_KEY_PEM } from '../licences/demo-key'
import { privateKeyFromPem } from '../licences/ed25519'
import { signLicenceBody } from '../licences/licence-file'
import { BUILT_IN_TRUSTED_KEYS, type TrustedKeys } from '../licences/trusted-keys'
import { activateLicence } from '../services/licence-activation.service'
import { DEMO_COMPANIES } from './demo-site'

type CatalogueLine = Omit<LicenceEntry, 'sortOrder' | 'tooltip' | 'allowedUserTypes' | 'hidden'> & { tooltip?: string }

const { salesIntelligence, customerCentre, quote, expanderServices } = SYSTEM_LICENCE_MODULES

/**
 * The reference's licences (SPEC §2.2) as the demo catalogue, with the prerequisites of §2.4:
 * user ← web, windows, pocket-crm, quote-cal, …; windows ← travel (unrestricted) ← remote-travel.
 */
export const DEMO_CATALOGUE: readonly CatalogueLine[] = [
  { moduleName: 'server', displayName: 'SuperOffice Server', kind: 'system', total: 1, unrestricted: false, prerequisite: null, tooltip: 'Needed for CRM, Service and all modules' },
  { moduleName: 'webservices', displayName: 'Online WebServices', kind: 'system', total: 1, unrestricted: false, prerequisite: null, tooltip: 'Web client access' },
  { moduleName: 'area-management', displayName: 'Area Management', kind: 'system', total: 1, unrestricted: false, prerequisite: null, tooltip: 'Areas for Travel and satellites' },
  { moduleName: salesIntelligence, displayName: 'Sales Intelligence', kind: 'system', total: 1, unrestricted: false, prerequisite: null, tooltip: 'Status monitors for companies and projects' },
  { moduleName: 'exchange-sync', displayName: 'Exchange Synchronizer', kind: 'system', total: 1, unrestricted: false, prerequisite: null },
  { moduleName: expanderServices, displayName: 'SuperOffice Expander Services', kind: 'system', total: 1, unrestricted: false, prerequisite: null, tooltip: 'Other users, Audience, extra tables, ERP sync, custom apps' },
  { moduleName: customerCentre, displayName: 'Customer Centre', kind: 'system', total: 1, unrestricted: false, prerequisite: null },
  { moduleName: quote, displayName: 'Sales Quote Management', kind: 'system', total: 1, unrestricted: false, prerequisite: null },
  { moduleName: 'satellite', displayName: 'Satellite', kind: 'site', total: 2, unrestricted: false, prerequisite: null, tooltip: 'Number of satellite databases' },
  { moduleName: 'reporter-studio', displayName: 'Reporter Studio', kind: 'site', total: 1, unrestricted: false, prerequisite: null },
  { moduleName: 'audience', displayName: 'Audience', kind: 'site', total: 1, unrestricted: false, prerequisite: null },
  { moduleName: 'user', displayName: 'Login rights to SuperOffice CRM', kind: 'user', total: 10, unrestricted: false, prerequisite: null, tooltip: 'Lets a user log in; a client licence is needed as well' },
  { moduleName: 'web', displayName: 'Standard CRM (web)', kind: 'user', total: 5, unrestricted: false, prerequisite: 'user' },
  { moduleName: 'windows', displayName: 'Windows App', kind: 'user', total: 7, unrestricted: false, prerequisite: 'user' },
  { moduleName: 'travel', displayName: 'Travel', kind: 'user', total: 7, unrestricted: true, prerequisite: 'windows' },
  { moduleName: 'remote-travel', displayName: 'Remote Travel', kind: 'user', total: 5, unrestricted: false, prerequisite: 'travel' },
  { moduleName: 'pocket-crm', displayName: 'Pocket CRM', kind: 'user', total: 9, unrestricted: false, prerequisite: 'user' },
  { moduleName: 'outlook-sync', displayName: 'Outlook Synchronizer', kind: 'user', total: 5, unrestricted: false, prerequisite: 'user' },
  { moduleName: 'quote-cal', displayName: 'Sale Quote Access', kind: 'user', total: 3, unrestricted: false, prerequisite: 'user' },
  { moduleName: 'marketing', displayName: 'Marketing User', kind: 'user', total: 5, unrestricted: false, prerequisite: 'user' },
  { moduleName: 'sales', displayName: 'Sales User', kind: 'user', total: 5, unrestricted: false, prerequisite: 'user' },
  { moduleName: 'service', displayName: 'Service User', kind: 'user', total: 5, unrestricted: false, prerequisite: 'user' },
  { moduleName: 'complete-crm', displayName: 'Complete CRM User', kind: 'user', total: 3, unrestricted: false, prerequisite: 'user', tooltip: 'CRM, Sale and Service' },
  { moduleName: 'visible-for', displayName: 'Confidential activities', kind: 'user', total: 1, unrestricted: true, prerequisite: 'user', tooltip: 'Enables the "Visible for" list' }
]

/** The demo licence body: the catalogue for the demo company, valid the longest a demo may be. */
export function demoLicenceBody(now: Date): LicenceBody {
  const today = isoDay(now)
  return {
    owner: { name: 'SUPEROFFICE', description: 'SuperOffice AS (demo licence)', shopUrl: 'https://www.superoffice.com/' },
    licensee: { companyName: DEMO_COMPANIES[0].name, serialNumber: `DEMO-${today.replaceAll('-', '')}` },
    dates: { expiresOn: addDays(today, DEMO_LICENCE_MAX_DAYS) },
    isDemo: true,
    licences: DEMO_CATALOGUE.map((line, index) => ({
      ...line,
      tooltip: line.tooltip ?? '',
      allowedUserTypes: line.kind === 'user' ? ['employee'] : [],
      hidden: false,
      sortOrder: (index + 1) * 10
    }))
  }
}

/** Signs a fresh demo licence with the (public) demo key and activates it on a new demo site. */
export async function activateDemoLicence(db: Kysely<DB>, clock: Clock, trust: TrustedKeys = BUILT_IN_TRUSTED_KEYS): Promise<void> {
  const text = signLicenceBody(demoLicenceBody(clock()), privateKeyFromPem(DEMO_PRIVATE_KEY_PEM))
  await activateLicence({ db, trust, clock }, text, [], 'system:site-create')
}
