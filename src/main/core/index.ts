/** Core's public surface for other entry points (the e2e bridge and bench load the built copy). */
export { openCore, type Core, type CoreOptions } from './open-core'
export { createSite, readSiteInfo, type SiteInfo } from './services/site.service'
export { openSite, type Site } from './db/open-site'
export { LATEST_SCHEMA_VERSION } from './db/migrations'
export { localSession, type Session } from './session'
export { systemClock, type Clock } from './clock'
