import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Clock } from '../clock'
import type { Session } from '../session'
import type { TrustedKeys } from '../licences/trusted-keys'
import type { PasswordHasher } from '../auth/password'
import type { ChangeSetEngine } from './change-set.engine'
import type { PasswordPolicy } from '../../../shared/domain/password-policy'
import type { LicenceEntry } from '../../../shared/domain/licence'
import { expiryOf, isoDay, mayAssignNew, stillGrants, type HeldLicence } from '../../../shared/domain/licence-rules'
import { loginStatusOf } from '../../../shared/domain/user-login'
import { decodeList, type LoginStatus } from '../../../shared/domain/user'
import { loadOwnerStates } from '../services/licence-state.service'
import { findRoles } from '../repos/role.repo'
import { findUserGroups } from '../repos/user-group.repo'
import type { MergedRow, Values } from './entity-kind'

/** What the Users screen's kinds and services need besides the database. */
export interface UserDeps {
  clock: Clock
  trust: TrustedKeys
  session: () => Session
  hasher: PasswordHasher
  /**
   * The site's saved password policy (Preferences → Password policy), read when a password is set,
   * through the caller's `db`: inside a transaction, reading through another handle would wait
   * for that transaction forever (one connection).
   */
  passwordPolicy: (db: Kysely<DB>) => Promise<PasswordPolicy>
  /** Late-bound: the engine is built from the kinds, and the kinds read sibling kinds through it. */
  engine: () => ChangeSetEngine
}

/** A user licence of a valid owner, with what its owner allows today. */
export interface CatalogueLicence extends Pick<LicenceEntry, 'moduleName' | 'displayName' | 'tooltip' | 'kind' | 'total' | 'unrestricted' | 'prerequisite' | 'allowedUserTypes' | 'hidden' | 'sortOrder'> {
  ownerName: string
  /** False after expiry (grace included): no new assignments. */
  mayAssignNew: boolean
  /** False once the owner's grace period is over: the licence grants nothing. */
  grants: boolean
  until: string | null
}

export interface UserRules {
  /** User licences by module name, from verified files only. */
  catalogue: Map<string, CatalogueLicence>
  /** System licences held today (Expander Services gates Other users). */
  systemLicences: Set<string>
  roles: Map<string, { name: string; roleType: string; deleted: boolean }>
  groups: Map<string, { name: string; deleted: boolean }>
}

const snapshots = new WeakMap<object, { version: string; values: Map<string, Promise<unknown>> }>()

/**
 * Answers a read from an earlier identical read while the database cannot have changed since
 * (issue 8: every Users request and Save's validation and diff read the same rules and pending
 * rows again and again). The version is this connection's total_changes() (its own writes, trigger
 * writes included) plus, outside a transaction, PRAGMA data_version (commits by other
 * connections, such as the CLI). Inside a transaction the snapshot cannot move except by its own
 * writes, so total_changes() alone tells; values read inside a transaction are kept on that
 * transaction's handle only, so a rollback can never leave them behind. Callers must not change
 * what they get.
 */
export async function readOncePerSnapshot<T>(db: Kysely<DB>, key: string, read: () => Promise<T>): Promise<T> {
  const result = db.isTransaction
    ? await sql<{ v: string }>`select cast(total_changes() as text) as v`.execute(db)
    : await sql<{ v: string }>`select total_changes() || ':' || (select data_version from pragma_data_version) as v`.execute(db)
  const version = String(result.rows[0]?.v ?? '')
  let entry = snapshots.get(db)
  if (!entry || entry.version !== version) snapshots.set(db, (entry = { version, values: new Map() }))
  let value = entry.values.get(key) as Promise<T> | undefined
  if (!value) {
    const values = entry.values
    value = read()
    values.set(key, value)
    // A failed read is not kept.
    value.catch(() => values.delete(key))
  }
  return value
}

/** The engine's mergedIn (touched rows only), read once per database version (see readOncePerSnapshot). */
export function mergedOnce(db: Kysely<DB>, deps: Pick<UserDeps, 'engine'>, entity: 'associate' | 'otherUser' | 'ourCompany'): Promise<MergedRow[]> {
  return readOncePerSnapshot(db, `merged:users:${entity}`, () => deps.engine().mergedIn(db, 'users', entity, false))
}

/** The licence catalogue, roles and groups, read once per database version and day (see readOncePerSnapshot). */
export function loadUserRules(db: Kysely<DB>, deps: Pick<UserDeps, 'trust' | 'clock'>): Promise<UserRules> {
  return readOncePerSnapshot(db, `rules:${isoDay(deps.clock())}`, () => readUserRules(db, deps))
}

async function readUserRules(db: Kysely<DB>, deps: Pick<UserDeps, 'trust' | 'clock'>): Promise<UserRules> {
  const today = isoDay(deps.clock())
  const catalogue = new Map<string, CatalogueLicence>()
  const systemLicences = new Set<string>()
  for (const owner of await loadOwnerStates(db, deps.trust)) {
    if (!owner.body) continue
    const expiry = expiryOf(owner.body.dates, today)
    for (const l of owner.body.licences) {
      if (l.kind === 'system' && stillGrants(expiry)) systemLicences.add(l.moduleName)
      if (l.kind !== 'user') continue
      catalogue.set(l.moduleName, {
        moduleName: l.moduleName,
        displayName: l.displayName,
        tooltip: l.tooltip,
        kind: l.kind,
        total: l.total,
        unrestricted: l.unrestricted,
        prerequisite: l.prerequisite,
        allowedUserTypes: l.allowedUserTypes,
        hidden: l.hidden,
        sortOrder: l.sortOrder,
        ownerName: owner.row.owner_name,
        mayAssignNew: mayAssignNew(expiry),
        grants: stillGrants(expiry),
        until: expiry.until
      })
    }
  }
  const roles = new Map((await findRoles(db)).map((r) => [String(r.role_id), { name: r.name, roleType: r.role_type, deleted: r.deleted === 1 }]))
  const groups = new Map((await findUserGroups(db)).map((g) => [String(g.user_group_id), { name: g.name, deleted: g.deleted === 1 }]))
  return { catalogue, systemLicences, roles, groups }
}

/** Licences an associate's values hold, each saying whether its owner still grants it. */
export function heldLicences(values: Values, rules: UserRules): HeldLicence[] {
  return decodeList(values.licences).map((moduleName) => {
    const l = rules.catalogue.get(moduleName)
    return { moduleName, ownerName: l?.ownerName ?? '', grants: l?.grants ?? false, until: l?.until ?? null }
  })
}

/** Login status of an associate's values (SPEC §2.3) by the shared pure rule. */
export function loginOf(values: Values, rules: UserRules): LoginStatus {
  const role = typeof values.roleId === 'string' ? rules.roles.get(values.roleId) : undefined
  return loginStatusOf({
    userType: 'employee',
    canLogIn: values.canLogIn === true,
    retired: values.retired === true,
    hasEmployeeRole: role !== undefined && !role.deleted && role.roleType === 'employee',
    held: heldLicences(values, rules)
  })
}

/** "Kari Nordmann (KNOR)": how the diff, refusals and the audit name a user. */
export function userLabel(values: Values): string {
  const name = [values.firstName, values.middleName, values.lastName].map((v) => String(v ?? '').trim()).filter(Boolean).join(' ')
  const userId = String(values.userId ?? '').trim()
  return name ? `${name} (${userId || 'no user ID'})` : userId || '(new user)'
}

/** Where to find the real id of a company created earlier in the same Save. */
export type CreatedIds = Map<string, number>

/** The session's associate id, once sign-in knows it (issue 7); null until then. */
export const signedInAssociateId = (session: Session): string | null =>
  typeof (session as Session & { associateId?: number }).associateId === 'number' ? String((session as Session & { associateId?: number }).associateId) : null
