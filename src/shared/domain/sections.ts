import { hasRight, type AdminRight } from '../ipc/rights'

/**
 * The Navigator: the reference's 20 sections in the reference's order (SPEC Part B §1).
 * `requires` names the system licence a section needs (SPEC D10); `built` says whether this
 * version administers the section or shows its "not available yet" page.
 */
export const SECTION_IDS = [
  'licences',
  'users',
  'roles',
  'privacy',
  'saint',
  'aiServices',
  'lists',
  'quoteSync',
  'workflow',
  'screenDesigner',
  'preferences',
  'chat',
  'options',
  'import',
  'fields',
  'crmScript',
  'requests',
  'customerCentre',
  'systemDesign',
  'appStore'
] as const
export type SectionId = (typeof SECTION_IDS)[number]

export interface SectionDefinition {
  id: SectionId
  /** System licence (module name) the site must hold, or null. */
  requires: string | null
  /** True when this version has the section's screen; false shows the "not available" page. */
  built: boolean
  /** Opens an address in the system browser instead of a screen. */
  externalUrl?: string
  /** The admin right that opens the section (SPEC D7); absent = every signed-in admin. */
  right?: AdminRight
}

/** The reference's App Store address; opened only through the guarded openExternal. */
export const APP_STORE_URL = 'https://appstore.superoffice.com/'

export const SECTIONS: readonly SectionDefinition[] = [
  { id: 'licences', requires: null, built: true },
  { id: 'users', requires: null, built: true, right: 'admin-users' },
  { id: 'roles', requires: null, built: true, right: 'admin-role' },
  { id: 'privacy', requires: null, built: false },
  { id: 'saint', requires: 'sales-intelligence', built: false },
  { id: 'aiServices', requires: null, built: false },
  { id: 'lists', requires: null, built: true, right: 'admin-lists' },
  { id: 'quoteSync', requires: 'quote', built: false },
  { id: 'workflow', requires: null, built: false },
  { id: 'screenDesigner', requires: null, built: false },
  { id: 'preferences', requires: null, built: true, right: 'admin-all' },
  { id: 'chat', requires: null, built: false },
  { id: 'options', requires: null, built: false },
  { id: 'import', requires: null, built: true, right: 'admin-users' },
  { id: 'fields', requires: null, built: false },
  { id: 'crmScript', requires: null, built: false },
  { id: 'requests', requires: null, built: false },
  { id: 'customerCentre', requires: 'customer-centre', built: false },
  { id: 'systemDesign', requires: null, built: false },
  { id: 'appStore', requires: null, built: true, externalUrl: APP_STORE_URL }
]

/** A section is usable when it needs no licence or the site holds the licence it needs. */
export function isSectionLicensed(section: SectionDefinition, heldSystemLicences: readonly string[]): boolean {
  return section.requires === null || heldSystemLicences.includes(section.requires)
}

/** A section the signed-in admin's rights open (admin-all opens every one). */
export function isSectionAllowed(section: SectionDefinition, rights: readonly AdminRight[]): boolean {
  return section.right === undefined || hasRight(rights, section.right)
}
