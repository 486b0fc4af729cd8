/**
 * Module names of the system licences the app itself looks at (SPEC §2.2, D10).
 * Display names live in the message catalogues under `licenceNames.<module>`.
 */
export const SYSTEM_LICENCE_MODULES = {
  salesIntelligence: 'sales-intelligence',
  customerCentre: 'customer-centre',
  quote: 'quote',
  expanderServices: 'expander-services'
} as const
