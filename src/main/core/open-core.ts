import { openSite, type Site } from './db/open-site'
import { ChangeSetEngine } from './changes/change-set.engine'
import { allEntityKinds } from './changes/kinds'
import type { UserDeps } from './changes/user-context'
import { createPasswordHasher, type ScryptParams } from './auth/password'
import { DEFAULT_PASSWORD_POLICY } from '../../shared/domain/password-policy'
import { createHandlers, type AppInfo } from './handlers'
import { createDispatch, type Dispatch } from './dispatch'
import type { Session } from './session'
import type { Clock } from './clock'
import type { ChosenFile } from './licences/licence-inbox'
import { BUILT_IN_TRUSTED_KEYS, type TrustedKeys } from './licences/trusted-keys'
import { reconcileLicenceRows, type IntegrityReport } from './services/licence-integrity.service'

export interface CoreOptions {
  sitePath: string
  create: boolean
  clock: Clock
  session: () => Session
  appInfo: AppInfo
  openExternal: (url: string) => Promise<void>
  checkOutputs?: boolean
  nativeBinding?: string
  onUnexpectedError?: (channel: string, error: unknown) => void
  /** Tests only: keys to trust instead of the built-in ones. Never reachable through IPC. */
  trustedKeys?: TrustedKeys
  /** Tests only: cheaper scrypt parameters than OWASP's. Never reachable through IPC. */
  passwordHashing?: ScryptParams
  /** "Load licence from file…": the app's open dialog, the e2e fixture's preset file. Default: none. */
  chooseLicenceFile?: () => Promise<ChosenFile | null>
  /** "Restore snapshot": the app's save dialog, a test's preset path. Default: cancelled. */
  chooseSnapshotTarget?: (suggestedName: string) => Promise<string | null>
}

/** An open site with its engine and its `dispatch`: what the app, the e2e bridge and the CLI share. */
export interface Core {
  site: Site
  engine: ChangeSetEngine
  dispatch: Dispatch
  /** What re-verifying the stored licence files found when the site opened. */
  licenceIntegrity: IntegrityReport
  close(): Promise<void>
}

/** The composition root of core: opens the site and wires the engine, handlers and dispatch. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const site = await openSite(options.sitePath, { create: options.create, clock: options.clock, nativeBinding: options.nativeBinding })
  const trustedKeys = options.trustedKeys ?? BUILT_IN_TRUSTED_KEYS
  const users: UserDeps = {
    clock: options.clock,
    trust: trustedKeys,
    session: options.session,
    hasher: createPasswordHasher(options.passwordHashing),
    // The sign-in issue reads the site's own policy here; until then the built-in default.
    passwordPolicy: () => DEFAULT_PASSWORD_POLICY,
    engine: () => engine
  }
  const engine: ChangeSetEngine = new ChangeSetEngine(site.db, allEntityKinds(users), options.clock)
  const licenceIntegrity = await reconcileLicenceRows(site.db, trustedKeys, options.clock)
  const handlers = createHandlers({
    site,
    engine,
    session: options.session,
    appInfo: options.appInfo,
    openExternal: options.openExternal,
    clock: options.clock,
    trustedKeys,
    users,
    chooseLicenceFile: options.chooseLicenceFile ?? (async () => null),
    chooseSnapshotTarget: options.chooseSnapshotTarget ?? (async () => null)
  })
  const dispatch = createDispatch({
    handlers,
    session: options.session,
    checkOutputs: options.checkOutputs,
    onUnexpectedError: options.onUnexpectedError
  })
  return { site, engine, dispatch, licenceIntegrity, close: () => site.close() }
}
