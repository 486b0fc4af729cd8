import { AppError } from '../../shared/ipc/result'
import { isAllowedExternalUrl } from '../../shared/domain/external-url'
import type { Handlers, CoreDeps } from './handlers'
import { LicenceInbox } from './licences/licence-inbox'
import { activateLicence, previewActivation, type LicenceServiceDeps } from './services/licence-activation.service'
import { loadOwnerStates, readHolderPage, readOwnerViews, whoLosesAccess } from './services/licence-state.service'
import { readLicenceStatus } from './services/licence-status.service'
import { takeSnapshot } from './services/snapshot.service'
import { isoDay } from '../../shared/domain/licence-rules'

type LicenceChannel = Extract<keyof Handlers, `licences:${string}`>

/**
 * The Licences screen's channels (issue 5). Thin: rules live in the licence services. The file
 * inbox lives as long as the open site, so a token from loadFile is good for preview and activate.
 */
export function createLicenceHandlers(deps: CoreDeps): Pick<Handlers, LicenceChannel> {
  const { site, clock, trustedKeys } = deps
  const inbox = new LicenceInbox()
  const services: LicenceServiceDeps = {
    db: site.db,
    trust: trustedKeys,
    clock,
    snapshotBeforeActivation: () => takeSnapshot(site, 'before-licence-activation', clock)
  }
  return {
    'licences:owners': async () => ({ today: isoDay(clock()), owners: await readOwnerViews(site.db, trustedKeys, clock()) }),
    'licences:holders': async ({ moduleName, offset, limit }) => ({ moduleName, offset, ...(await readHolderPage(site.db, moduleName, offset, limit)) }),
    'licences:status': () => readLicenceStatus(site),

    'licences:loadFile': async () => {
      const file = await deps.chooseLicenceFile()
      return file ? { status: 'loaded' as const, ...inbox.put(file) } : { status: 'cancelled' as const }
    },
    'licences:preview': ({ token }) => previewActivation(services, inbox.get(token)),
    'licences:activate': async ({ token, removals }) => {
      const outcome = await activateLicence(services, inbox.get(token), removals, deps.session().actor)
      inbox.drop(token)
      return outcome
    },

    'licences:whoLosesAccess': async ({ date }) => ({ date, users: await whoLosesAccess(site.db, trustedKeys, clock(), date) }),

    'licences:openShop': async ({ ownerName }) => {
      const owner = (await loadOwnerStates(site.db, trustedKeys)).find((o) => o.row.owner_name === ownerName)
      const url = owner?.body?.owner.shopUrl ?? ''
      // The address comes from a verified, signed file; still only plain https is opened.
      if (url === '' || !isAllowedExternalUrl(url, [hostOf(url)])) {
        throw new AppError('not_found', `${ownerName} has no shop address in its verified licence file.`)
      }
      await deps.openExternal(url)
      return { opened: true as const }
    }
  }
}

/** The host of an address, or '' when it does not parse (then nothing matches the allow-list). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}
