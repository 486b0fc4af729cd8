import type { Channel } from '../../shared/ipc/channels'
import type { ChannelOutput, ParsedInput } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import { isAllowedExternalUrl } from '../../shared/domain/external-url'
import type { Language } from '../../shared/domain/languages'
import type { UserGroupRow } from '../../shared/domain/user-group'
import { isNewId } from '../../shared/domain/change-set'
import type { Site } from './db/open-site'
import type { ChangeSetEngine } from './changes/change-set.engine'
import type { Session } from './session'
import type { Clock } from './clock'
import type { ChosenFile } from './licences/licence-inbox'
import type { TrustedKeys } from './licences/trusted-keys'
import { readHeldSystemLicences } from './services/licence-state.service'
import { createLicenceHandlers } from './licence-handlers'
import { createSnapshotHandlers } from './snapshot-handlers'
import { createUsersHandlers } from './users-handlers'
import { createAuthHandlers } from './auth-handlers'
import { createImportHandlers } from './import-handlers'
import type { ChosenBytes } from './import/user-import-file'
import type { SessionService } from './auth/session.service'
import type { UserDeps } from './changes/user-context'
import { getRole, listFunctionalRights, listRoles } from './services/role.service'

export interface AppInfo {
  appVersion: string
  versions: Record<string, string>
  platform: string
  /** The machine-wide configuration's interface language; null or absent when IT set none. */
  defaultLanguage?: Language | null
}

/** Everything a handler may use; the Electron shell, the e2e fixture and the CLI each build one. */
export interface CoreDeps {
  site: Site
  engine: ChangeSetEngine
  session: () => Session
  appInfo: AppInfo
  /** Opens an already-vetted https address in the system browser (shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>
  clock: Clock
  /** Keys licence files are checked against: the built-in ones, or test keys (never set over IPC). */
  trustedKeys: TrustedKeys
  /** Lets the admin pick a licence file and returns its text (an open dialog in the app); null = cancelled. */
  chooseLicenceFile: () => Promise<ChosenFile | null>
  /** Asks where to restore a snapshot (a save dialog in the app); null = cancelled. */
  chooseSnapshotTarget: (suggestedName: string) => Promise<string | null>
  /** What the Users screen's kinds and services share (password hasher, policy, licence trust). */
  users: UserDeps
  /** The signed-in administrator (issue 7): sign-in, sign-out, lock-outs. */
  auth: SessionService
  /** Asks where to save the audit log's CSV (a save dialog in the app); null = cancelled. */
  chooseAuditExportTarget: (suggestedName: string) => Promise<string | null>
  /** Import → Users from CSV: the app's open dialog reads the chosen file's bytes; null = cancelled. */
  chooseImportFile: () => Promise<ChosenBytes | null>
  /** Users → Export: where to save the users CSV (a save dialog in the app); null = cancelled. */
  chooseUsersExportTarget: (suggestedName: string) => Promise<string | null>
}

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> }

/** Implements the contract. Handlers stay thin: rules live in the engine, kinds and services. */
export function createHandlers(deps: CoreDeps): Handlers {
  const { site, engine } = deps
  return {
    'app:info': async () => ({ ...deps.appInfo, defaultLanguage: deps.appInfo.defaultLanguage ?? null, sitePath: site.path }),

    'app:openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('external_url_refused', `The app opens only https addresses of known vendors in the browser; ${url} is not one of them.`)
      }
      await deps.openExternal(url)
      return { opened: true as const }
    },

    'site:summary': async () => ({
      sitePath: site.path,
      schemaVersion: site.schemaVersion,
      heldSystemLicences: await readHeldSystemLicences(site.db, deps.trustedKeys, deps.clock()),
      screensWithPendingChanges: await engine.screensWithChanges()
    }),

    ...createLicenceHandlers(deps),
    ...createSnapshotHandlers(deps),
    ...createUsersHandlers(deps),
    ...createAuthHandlers(deps),
    ...createImportHandlers(deps),

    'changes:state': ({ screen }) => engine.state(screen),
    'changes:stage': ({ screen, change }) => engine.stage(screen, change),
    'changes:undo': ({ screen }) => engine.undo(screen),
    'changes:redo': ({ screen }) => engine.redo(screen),
    'changes:preview': async ({ screen }) => ({ entries: await engine.preview(screen), consequences: await engine.consequences(screen) }),
    'changes:save': ({ screen }) => {
      const session = deps.session()
      return engine.save(screen, session.actor, session.associateId)
    },
    'changes:cancel': ({ screen }) => engine.cancel(screen),

    'userGroups:list': async ({ includeDeleted }) => {
      const rows: UserGroupRow[] = (await engine.merged('lists', 'userGroup', true)).map((row) => ({
        id: row.id,
        name: String(row.merged.name),
        tooltip: String(row.merged.tooltip),
        rank: Number(row.merged.rank),
        deleted: row.merged.deleted === true,
        status: row.saved === null ? 'new' : row.changedFields.length > 0 ? 'changed' : 'saved',
        changedFields: row.changedFields
      }))
      rows.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name) || newLast(a.id, b.id))
      return { rows: includeDeleted ? rows : rows.filter((r) => !r.deleted) }
    },

    'roles:list': async ({ roleType }) => ({ rows: await listRoles(engine, site.db, roleType) }),
    'roles:get': ({ id }) => getRole(engine, site.db, id),
    // Held licences as 'site:summary' reports them, so the Navigator and this list never disagree.
    'roles:functionalRights': async () => ({ rows: await listFunctionalRights(site.db, await readHeldSystemLicences(site.db, deps.trustedKeys, deps.clock())) })
  }
}

function newLast(a: string, b: string): number {
  return Number(isNewId(a)) - Number(isNewId(b))
}
