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
import { loadOwnerStates, type OwnerState } from '../services/licence-state.service'
import { findRoles, type RoleRecord } from '../repos/role.repo'
import { findUserGroups } from '../repos/user-group.repo'
import { runCompiled } from '../repos/compiled-query'
import type { UserGroup } from '../db/schema'
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

/** The reads made at one database version (see currentSnapshot). */
export interface Snapshot {
  /** The value `read` gave at this version, read now if this version has not read `key` yet. */
  once<T>(key: string, read: () => Promise<T>): Promise<T>
}

class SnapshotReads implements Snapshot {
  readonly #values = new Map<string, Promise<unknown>>()
  constructor(readonly version: string) {}

  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let value = this.#values.get(key) as Promise<T> | undefined
    if (!value) {
      value = read()
      this.#values.set(key, value)
      // A failed read is not kept.
      value.catch(() => this.#values.delete(key))
    }
    return value
  }
}

const snapshots = new WeakMap<object, SnapshotReads>()

/** This connection's total_changes() plus, outside a transaction, PRAGMA data_version: one statement, compiled once. */
function readVersion(db: Kysely<DB>): Promise<Array<{ v: string }>> {
  return db.isTransaction
    ? runCompiled<{ v: string }>(db, 'snapshot.version.inTransaction', () => ({ compile: () => sql`select cast(total_changes() as text) as v`.compile(db) }))
    : runCompiled<{ v: string }>(db, 'snapshot.version', () => ({ compile: () => sql`select total_changes() || ':' || (select data_version from pragma_data_version) as v`.compile(db) }))
}

/**
 * The reads of the database's current version (issue 8: every Users request and Save's validation
 * and diff read the same rules and pending rows again and again). The version is this connection's
 * total_changes() (its own writes, trigger writes included) plus, outside a transaction, PRAGMA
 * data_version (commits by other connections, such as the CLI). Inside a transaction the snapshot
 * cannot move except by its own writes, so total_changes() alone tells; values read inside a
 * transaction are kept on that transaction's handle only, so a rollback can never leave them
 * behind. A value kept under a version was read at that version or later, so it is never older
 * than the version it answers for. Callers must not change what they get.
 */
export async function currentSnapshot(db: Kysely<DB>): Promise<Snapshot> {
  const version = String((await readVersion(db))[0]?.v ?? '')
  let entry = snapshots.get(db)
  if (!entry || entry.version !== version) snapshots.set(db, (entry = new SnapshotReads(version)))
  return entry
}

/** Answers a read from an earlier identical read while the database cannot have changed since (see currentSnapshot). */
export async function readOncePerSnapshot<T>(db: Kysely<DB>, key: string, read: () => Promise<T>): Promise<T> {
  return (await currentSnapshot(db)).once(key, read)
}

/**
 * The engine's mergedIn (touched rows only), read once per database version (see currentSnapshot).
 * A caller that has just taken `snapshot` passes it, saving a second version check.
 */
export async function mergedOnce(db: Kysely<DB>, deps: Pick<UserDeps, 'engine'>, entity: 'associate' | 'otherUser' | 'ourCompany', snapshot?: Snapshot): Promise<MergedRow[]> {
  return (snapshot ?? (await currentSnapshot(db))).once(`merged:users:${entity}`, () => deps.engine().mergedIn(db, 'users', entity, false))
}

/** The licence catalogue, roles and groups, read once per database version and day (see currentSnapshot and mergedOnce). */
export async function loadUserRules(db: Kysely<DB>, deps: Pick<UserDeps, 'trust' | 'clock'>, snapshot?: Snapshot): Promise<UserRules> {
  return (snapshot ?? (await currentSnapshot(db))).once(`rules:${isoDay(deps.clock())}`, () => readUserRules(db, deps))
}

/**
 * Every column of the rows the rules are worked out from (site facts, licence owners with their
 * files, roles, groups; tests/unit/users/user-rules-source.test.ts holds this to the schema). For
 * the company table, only the database owner's row counts.
 */
export const RULES_SOURCE_COLUMNS = {
  site_meta: ['key', 'value'],
  site_identity: ['site_identity_id', 'serial_number', 'licensee_name', 'owner_company_id', 'database_company_id'],
  company: ['company_id', 'name', 'department', 'city', 'created_at', 'updated_at'],
  licence_owner: [
    'licence_owner_id',
    'owner_name',
    'description',
    'shop_url',
    'licensee_name',
    'serial_number',
    'expires_on',
    'grace_until',
    'maintenance_until',
    'admin_warning_on',
    'is_demo',
    'licence_file',
    'activated_at',
    'activated_by',
    'sort_order'
  ],
  role: ['role_id', 'name', 'description', 'rank', 'role_type', 'deleted', 'created_at', 'updated_at'],
  user_group: ['user_group_id', 'name', 'tooltip', 'rank', 'deleted', 'group_type', 'created_at', 'updated_at']
} as const

const columnsOf = (alias: string, table: keyof typeof RULES_SOURCE_COLUMNS) => sql.join(RULES_SOURCE_COLUMNS[table].map((c) => sql.ref(`${alias}.${c}`)))

/** All of those rows as one JSON text, in one statement (SQLite builds it; JSON keeps it unambiguous). */
const RULES_SOURCE = sql<{ source: string }>`select json_array(
  (select json_group_array(json_array(${columnsOf('m', 'site_meta')}) order by m.key) from site_meta m),
  (select json_group_array(json_array(${columnsOf('si', 'site_identity')}, ${columnsOf('c', 'company')}) order by si.site_identity_id)
     from site_identity si left join company c on c.company_id = si.database_company_id),
  (select json_group_array(json_array(${columnsOf('o', 'licence_owner')}) order by o.licence_owner_id) from licence_owner o),
  (select json_group_array(json_array(${columnsOf('r', 'role')}) order by r.role_id) from role r),
  (select json_group_array(json_array(${columnsOf('g', 'user_group')}) order by g.user_group_id) from user_group g)
) as source`

async function readRulesSource(db: Kysely<DB>): Promise<string> {
  const rows = await runCompiled<{ source: string }>(db, 'userRules.source', () => ({ compile: () => RULES_SOURCE.compile(db) }))
  return String(rows[0]?.source ?? '')
}

/**
 * The last rules worked out per set of trusted keys, with the day and the source text they came
 * from. Any write to the site (saving users, another process's commit) moves the database
 * version, but rarely touches licences, roles or groups, and re-verifying every licence file
 * then cost several times the page itself. The rules are a pure function of the source rows, the
 * day and the keys, so an equal source text answers exactly, whichever connection, transaction or
 * site it was read in.
 */
const lastRules = new WeakMap<TrustedKeys, { today: string; source: string; rules: UserRules }>()

async function readUserRules(db: Kysely<DB>, deps: Pick<UserDeps, 'trust' | 'clock'>): Promise<UserRules> {
  const today = isoDay(deps.clock())
  const last = lastRules.get(deps.trust)
  if (last && last.today === today && last.source === (await readRulesSource(db))) return last.rules
  // The source text and the rows the rules come from must be read in one snapshot, or another
  // process's commit in between could pair rules with a source they were not worked out from.
  const fresh = db.isTransaction ? await workOutRules(db, deps, today) : await db.transaction().execute((trx) => workOutRules(trx, deps, today))
  lastRules.set(deps.trust, fresh)
  return fresh.rules
}

async function workOutRules(db: Kysely<DB>, deps: Pick<UserDeps, 'trust'>, today: string): Promise<{ today: string; source: string; rules: UserRules }> {
  const source = await readRulesSource(db)
  const rules = rulesOf(await loadOwnerStates(db, deps.trust), await findRoles(db), await findUserGroups(db), today)
  return { today, source, rules }
}

function rulesOf(owners: readonly OwnerState[], roles: readonly RoleRecord[], groups: readonly UserGroup[], today: string): UserRules {
  const catalogue = new Map<string, CatalogueLicence>()
  const systemLicences = new Set<string>()
  for (const owner of owners) {
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
  return {
    catalogue,
    systemLicences,
    roles: new Map(roles.map((r) => [String(r.role_id), { name: r.name, roleType: r.role_type, deleted: r.deleted === 1 }])),
    groups: new Map(groups.map((g) => [String(g.user_group_id), { name: g.name, deleted: g.deleted === 1 }]))
  }
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
