import { openSite, type Site } from './db/open-site'
import { ChangeSetEngine } from './changes/change-set.engine'
import { allEntityKinds } from './changes/kinds'
import type { UserDeps } from './changes/user-context'
import { createPasswordHasher, type ScryptParams } from './auth/password'
import { withPrehashing } from './auth/prehashed'
import { readSitePolicy } from './repos/site-policy.repo'
import { SessionService } from './auth/session.service'
import { realSleep, type Sleep } from './auth/sign-in-delay'
import type { AuthStatus } from '../../shared/domain/auth'
import { createHandlers, type AppInfo } from './handlers'
import { createDispatch, type Dispatch } from './dispatch'
import type { Logger } from './log'
import type { Session } from './session'
import type { Clock } from './clock'
import type { ChosenFile } from './licences/licence-inbox'
import type { ChosenBytes } from './import/user-import-file'
import { BUILT_IN_TRUSTED_KEYS, type TrustedKeys } from './licences/trusted-keys'
import { reconcileLicenceRows, type IntegrityReport } from './services/licence-integrity.service'

export interface CoreOptions {
  sitePath: string
  create: boolean
  clock: Clock
  /**
   * CLI and unit tests only: a fixed session instead of signing in. Without it (the app, e2e)
   * the site opens signed out and 'auth:signIn' / the first-run wizard start the session.
   */
  session?: () => Session
  /** Holds refused sign-ins back; tests pass a recorder instead of a timer. */
  sleep?: Sleep
  /** Told after every sign-in and sign-out (the app puts site and admin in the window title). */
  onSessionChange?: (status: AuthStatus) => void
  appInfo: AppInfo
  openExternal: (url: string) => Promise<void>
  checkOutputs?: boolean
  nativeBinding?: string
  onUnexpectedError?: (channel: string, error: unknown) => void
  /** Where dispatch logs (secrets redacted): the app's log file, a test's array. Default: nothing. */
  logger?: Logger
  /** Tests only: keys to trust instead of the built-in ones. Never reachable through IPC. */
  trustedKeys?: TrustedKeys
  /** Tests only: cheaper scrypt parameters than OWASP's. Never reachable through IPC. */
  passwordHashing?: ScryptParams
  /** "Load licence from file…": the app's open dialog, the e2e fixture's preset file. Default: none. */
  chooseLicenceFile?: () => Promise<ChosenFile | null>
  /** "Restore snapshot": the app's save dialog, a test's preset path. Default: cancelled. */
  chooseSnapshotTarget?: (suggestedName: string) => Promise<string | null>
  /** "Export to CSV" of the audit log: the app's save dialog, a test's preset path. Default: cancelled. */
  chooseAuditExportTarget?: (suggestedName: string) => Promise<string | null>
  /** Import → "Users from CSV": the app's open dialog (reads the bytes), the e2e fixture's preset file. Default: cancelled. */
  chooseImportFile?: () => Promise<ChosenBytes | null>
  /** Users → Export to CSV: the app's save dialog, a test's preset path. Default: cancelled. */
  chooseUsersExportTarget?: (suggestedName: string) => Promise<string | null>
}

/** An open site with its engine and its `dispatch`: what the app, the e2e bridge and the CLI share. */
export interface Core {
  site: Site
  engine: ChangeSetEngine
  dispatch: Dispatch
  /** What re-verifying the stored licence files found when the site opened. */
  licenceIntegrity: IntegrityReport
  /** The signed-in administrator; `auth.current()` is what dispatch checks. */
  auth: SessionService
  /** Hashes initial passwords ahead of a long write (provisioning), outside its transaction. */
  prehashPasswords(passwords: Iterable<string>): Promise<void>
  close(): Promise<void>
}

/** The composition root of core: opens the site and wires the engine, handlers and dispatch. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const site = await openSite(options.sitePath, { create: options.create, clock: options.clock, nativeBinding: options.nativeBinding })
  const trustedKeys = options.trustedKeys ?? BUILT_IN_TRUSTED_KEYS
  const hasher = withPrehashing(createPasswordHasher(options.passwordHashing))
  const auth = new SessionService({
    db: site.db,
    sitePath: site.path,
    clock: options.clock,
    hasher,
    sleep: options.sleep ?? realSleep,
    onChange: options.onSessionChange,
    fixed: options.session
  })
  const users: UserDeps = {
    clock: options.clock,
    trust: trustedKeys,
    session: auth.current,
    hasher,
    passwordPolicy: async (db) => (await readSitePolicy(db)).password,
    engine: () => engine
  }
  const engine: ChangeSetEngine = new ChangeSetEngine(site.db, allEntityKinds(users), options.clock)
  const licenceIntegrity = await reconcileLicenceRows(site.db, trustedKeys, options.clock)
  const handlers = createHandlers({
    site,
    engine,
    session: auth.current,
    auth,
    appInfo: options.appInfo,
    openExternal: options.openExternal,
    clock: options.clock,
    trustedKeys,
    users,
    chooseLicenceFile: options.chooseLicenceFile ?? (async () => null),
    chooseSnapshotTarget: options.chooseSnapshotTarget ?? (async () => null),
    chooseAuditExportTarget: options.chooseAuditExportTarget ?? (async () => null),
    chooseImportFile: options.chooseImportFile ?? (async () => null),
    chooseUsersExportTarget: options.chooseUsersExportTarget ?? (async () => null)
  })
  const dispatch = createDispatch({
    handlers,
    session: auth.current,
    checkOutputs: options.checkOutputs,
    onUnexpectedError: options.onUnexpectedError,
    logger: options.logger
  })
  return { site, engine, dispatch, licenceIntegrity, auth, prehashPasswords: (passwords) => hasher.prehash(passwords), close: () => site.close() }
}
