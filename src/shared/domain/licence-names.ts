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

/**
 * Logging in to the CRM needs the login right (`user`) and a client licence (SPEC §2.3); the
 * expiry forecast ("who loses access on …") applies exactly this rule.
 */
export const LOGIN_LICENCE_MODULE = 'user'
export const CLIENT_LICENCE_MODULES = ['web', 'windows'] as const
