/** Core's public surface for other entry points (the e2e bridge and bench load the built copy). */
export { openCore, type Core, type CoreOptions } from './open-core'
export { createSite, readSiteInfo, type SiteInfo } from './services/site.service'
export { openSite, type Site } from './db/open-site'
export { LATEST_SCHEMA_VERSION } from './db/migrations'
export { localSession, type Session } from './session'
export { systemClock, type Clock } from './clock'
// Licences (issue 5): what the e2e fixture needs to sign and activate files with its own keys.
export { generateEd25519KeyPair, privateKeyFromPem } from './licences/ed25519'
export { signLicenceBody } from './licences/licence-file'
export { BUILT_IN_TRUSTED_KEYS, type TrustedKeys } from './licences/trusted-keys'
export { DEMO_PUBLIC_KEY } from './licences/demo-key'
export { activateLicence } from './services/licence-activation.service'
// Sign-in (issue 7): the demo site's known administrator, for the e2e fixture's real sign-in.
export { DEMO_ADMIN } from './demo/demo-admin'
