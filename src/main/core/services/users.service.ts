import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { AppError } from '../../../shared/ipc/result'
import { isNewId } from '../../../shared/domain/change-set'
import { dependantsOf, isoDay, seatCount } from '../../../shared/domain/licence-rules'
import { CLIENT_LICENCE_MODULES, LOGIN_LICENCE_MODULE, SYSTEM_LICENCE_MODULES } from '../../../shared/domain/licence-names'
import {
  decodeList,
  fullNameOf,
  type AssociateCard,
  type AssociateListQuery,
  type AssociateListRow,
  type LicenceChoice,
  type OtherUserRow,
  type OurCompanyRow,
  type UserLicenceOverview
} from '../../../shared/domain/user'
import type { MergedRow, Values } from '../changes/entity-kind'
import { currentSnapshot, loadUserRules, loginOf, mergedOnce, type Snapshot, type UserDeps, type UserRules } from '../changes/user-context'
import { SAVED_PASSWORD, finalOurCompanies, loadSavedAssociates, seatsAfter } from '../changes/associate.kind'
import { EXPANDER_REASON } from '../changes/other-user.kind'
import { countAssignmentsByModule } from '../repos/associate.repo'
import { findAssociatePage, readListGeneration, type ListedAssociate, type OverlayRow } from '../repos/associate-list.repo'
import { countAssociatesByCompany, findCompanies, findOurCompanies, findOwnerCompanyIds, searchCompanies } from '../repos/company.repo'

/** Reads of the Users screen: saved rows with the pending set laid over them. Rules live in the kinds. */

const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const statusOf = (row: MergedRow): 'saved' | 'new' | 'changed' => (row.saved === null ? 'new' : row.changedFields.length > 0 ? 'changed' : 'saved')

async function companyNames(db: Kysely<DB>, deps: UserDeps, snapshot: Snapshot): Promise<Map<string, string>> {
  const names = new Map((await findOurCompanies(db)).map((c) => [String(c.company_id), c.name]))
  for (const row of await mergedOnce(db, deps, 'ourCompany', snapshot)) names.set(row.id, str(row.merged.name))
  return names
}

function licenceSummary(modules: readonly string[], rules: UserRules): string[] {
  const order = (m: string): number => rules.catalogue.get(m)?.sortOrder ?? Number.MAX_SAFE_INTEGER
  return [...modules].sort((a, b) => order(a) - order(b) || a.localeCompare(b))
}

/**
 * A page repeats a few licence bundles and login situations over and over: their ordered lists,
 * summaries and login statuses are worked out once per rules (issue 8; the rules object stays the
 * same while licences, roles and groups do, see loadUserRules).
 */
type RowParts = { licences: string[]; summary: string; login: AssociateListRow['login'] }

/**
 * Per rules: pending rows' parts by a text key; saved rows' parts (with their role's name) by
 * licence list, role id and flags in nested maps, and group names by number (a page builds 100
 * keys; building and hashing a text key each cost more than the look-ups).
 */
interface PartsCache {
  pending: Map<string, RowParts>
  saved: Map<string, Map<number | null, Array<(RowParts & { role: string }) | undefined>>>
  size: number
  groupNames: Map<number, string>
}
const rowParts = new WeakMap<UserRules, PartsCache>()

function partsCache(rules: UserRules): PartsCache {
  let cache = rowParts.get(rules)
  if (!cache || cache.size > 5000) {
    const groupNames = new Map([...rules.groups].map(([id, g]) => [Number(id), g.name]))
    rowParts.set(rules, (cache = { pending: new Map(), saved: new Map(), size: 0, groupNames }))
  }
  return cache
}

function computeParts(v: Values, rules: UserRules): RowParts {
  const licences = licenceSummary(decodeList(v.licences), rules)
  return { licences, summary: licences.map((m) => rules.catalogue.get(m)?.displayName ?? m).join(', '), login: loginOf(v, rules) }
}

function partsOf(v: Values, rules: UserRules): RowParts {
  const cache = partsCache(rules)
  const key = `${str(v.licences)}|${str(v.roleId)}|${v.canLogIn === true}|${v.retired === true}`
  let found = cache.pending.get(key)
  if (!found) {
    cache.pending.set(key, (found = computeParts(v, rules)))
    cache.size++
  }
  return found
}

/** The same for a saved row as associate_list holds it, with its role's name. */
function savedPartsOf(r: ListedAssociate, rules: UserRules, cache: PartsCache): RowParts & { role: string } {
  let byRole = cache.saved.get(r.licences)
  if (!byRole) cache.saved.set(r.licences, (byRole = new Map()))
  let byFlags = byRole.get(r.role_id)
  if (!byFlags) byRole.set(r.role_id, (byFlags = []))
  const flags = (r.can_log_in === 1 ? 2 : 0) + (r.retired === 1 ? 1 : 0)
  let found = byFlags[flags]
  if (!found) {
    const roleId = r.role_id === null ? null : String(r.role_id)
    const values = { licences: r.licences.slice(1, -1), roleId, canLogIn: r.can_log_in === 1, retired: r.retired === 1 }
    byFlags[flags] = found = { ...computeParts(values, rules), role: roleId === null ? '' : (rules.roles.get(roleId)?.name ?? '') }
    cache.size++
  }
  return found
}

/**
 * A saved row of the page straight from associate_list: the same row toListRow builds from its
 * values (the hot path: a page is usually all saved rows, so no values object in between).
 */
function savedListRow(r: ListedAssociate, rules: UserRules, cache: PartsCache, companies: PageCompanies): AssociateListRow {
  const { licences, summary, login, role } = savedPartsOf(r, rules, cache)
  const company = r.company_id === null ? undefined : companies.byNumber.get(r.company_id)
  return {
    id: String(r.associate_id),
    userId: r.user_id,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    fullName: fullNameOf(r.first_name, r.middle_name, r.last_name),
    primaryGroup: r.primary_group_id === null ? '' : (cache.groupNames.get(r.primary_group_id) ?? ''),
    role,
    companyId: r.company_id === null ? null : (company?.id ?? String(r.company_id)),
    company: company?.name ?? '',
    licences: licences.slice(),
    licenceSummary: summary,
    retired: r.retired === 1,
    login: { canLogIn: login.canLogIn, reasons: login.reasons.slice(), message: login.message },
    status: 'saved',
    changedFields: [],
    removal: null
  }
}

function toListRow(id: string, v: Values, status: AssociateListRow['status'], changedFields: string[], rules: UserRules, companies: ReadonlyMap<string, string>): AssociateListRow {
  const { licences, summary, login } = partsOf(v, rules)
  return {
    id,
    userId: str(v.userId),
    firstName: str(v.firstName),
    middleName: str(v.middleName),
    lastName: str(v.lastName),
    fullName: fullNameOf(str(v.firstName), str(v.middleName), str(v.lastName)),
    primaryGroup: rules.groups.get(str(v.primaryGroupId))?.name ?? '',
    role: rules.roles.get(str(v.roleId))?.name ?? '',
    companyId: typeof v.companyId === 'string' ? v.companyId : null,
    company: companies.get(str(v.companyId)) ?? '',
    licences: [...licences],
    licenceSummary: summary,
    retired: v.retired === true,
    login: { ...login, reasons: [...login.reasons] },
    status,
    changedFields: changedFields.filter((f) => f !== 'passwordHash').concat(changedFields.includes('passwordHash') ? ['password'] : []),
    removal: v.removal === 'delete-associate' || v.removal === 'delete-associate-and-person' ? v.removal : null
  }
}

/** Modules whose owners still grant them today, for the SQL login condition. */
function granting(rules: UserRules): { login: string[]; clients: string[] } {
  const live = (m: string): boolean => rules.catalogue.get(m)?.grants === true
  return { login: [LOGIN_LICENCE_MODULE].filter(live), clients: CLIENT_LICENCE_MODULES.filter(live) }
}

/** The pending associates as the list query's overlay arm sees them (names resolved, login worked out). */
function overlayOf(touched: readonly MergedRow[], rules: UserRules, companies: ReadonlyMap<string, string>): OverlayRow[] {
  let newIndex = 0
  return touched.map((r) => {
    const v = r.merged
    const licences = decodeList(v.licences)
    return {
      id: r.id,
      tie: r.saved ? Number(r.id) : 1e12 + ++newIndex,
      userId: str(v.userId),
      firstName: str(v.firstName),
      middleName: str(v.middleName),
      lastName: str(v.lastName),
      group: rules.groups.get(str(v.primaryGroupId))?.name ?? '',
      role: rules.roles.get(str(v.roleId))?.name ?? '',
      companyId: str(v.companyId),
      company: companies.get(str(v.companyId)) ?? '',
      licences: licences.length ? `,${licences.join(',')},` : '',
      can: loginOf(v, rules).canLogIn ? 1 : 0,
      retired: v.retired === true ? 1 : 0
    }
  })
}

/** What every page shares while the database stays the same: rules, names and the pending rows. */
interface ListContext {
  rules: UserRules
  companies: PageCompanies
  touched: ReadonlyMap<string, MergedRow>
  /** Saved associates the pending set touches: the saved arm leaves them to the overlay. */
  excluded: number[]
  overlay: OverlayRow[]
  granting: { login: string[]; clients: string[] }
}

async function readListContext(db: Kysely<DB>, deps: UserDeps, snapshot: Snapshot): Promise<ListContext> {
  const rules = await loadUserRules(db, deps, snapshot)
  const companies = await companyNames(db, deps, snapshot)
  const touched = await mergedOnce(db, deps, 'associate', snapshot)
  return {
    rules,
    companies: pageCompanies(companies),
    touched: new Map(touched.map((r) => [r.id, r])),
    excluded: touched.filter((r) => r.saved).map((r) => Number(r.id)),
    // Built once per state, and the same array every page: the list repo keeps the overlay's
    // filtered, sorted rows per array, so scrolling a 100,000-row import sorts it once.
    overlay: overlayOf(touched, rules, companies),
    granting: granting(rules)
  }
}

/** Company names by id, and by number for saved rows (which hold the id as a number). */
interface PageCompanies {
  byId: ReadonlyMap<string, string>
  byNumber: ReadonlyMap<number, { id: string; name: string }>
}

function pageCompanies(byId: ReadonlyMap<string, string>): PageCompanies {
  const byNumber = new Map<number, { id: string; name: string }>()
  // Only canonical integer ids: what String(company_id) of a saved row can be.
  for (const [id, name] of byId) if (String(Number(id)) === id) byNumber.set(Number(id), { id, name })
  return { byId, byNumber }
}

/** Our companies' names, plus those of other companies the page's saved rows belong to (read now). */
async function withPageCompanies(db: Kysely<DB>, companies: PageCompanies, page: ReadonlyArray<ListedAssociate | string>): Promise<PageCompanies> {
  const missing = new Set<number>()
  for (const r of page) if (typeof r !== 'string' && r.company_id !== null && !companies.byNumber.has(r.company_id)) missing.add(r.company_id)
  if (missing.size === 0) return companies
  const byId = new Map(companies.byId)
  for (const c of await findCompanies(db, [...missing])) byId.set(String(c.company_id), c.name)
  return pageCompanies(byId)
}

/** One page of the Associates tab (filtering, sorting and paging in SQL; pending rows included). */
export async function listAssociates(db: Kysely<DB>, deps: UserDeps, q: AssociateListQuery): Promise<{ total: number; offset: number; rows: AssociateListRow[] }> {
  // Rules, company names, the pending rows and the list's generation change only with the
  // database: one version check answers them all while the admin scrolls (currentSnapshot).
  const snapshot = await currentSnapshot(db)
  const context = await snapshot.once(`users:list:${isoDay(deps.clock())}`, () => readListContext(db, deps, snapshot))
  const generation = await snapshot.once('associateList:generation', () => readListGeneration(db))
  const { rules, touched } = context
  const f = { ...q, grantingLogin: context.granting.login, grantingClients: context.granting.clients }
  const page = await findAssociatePage(db, f, context.excluded, context.overlay, generation)
  const companies = await withPageCompanies(db, context.companies, page.rows)
  const parts = partsCache(rules)
  const rows: AssociateListRow[] = []
  for (const r of page.rows) {
    // Saved rows come with the page (associate_list); pending ones by id.
    if (typeof r !== 'string') rows.push(savedListRow(r, rules, parts, companies))
    else {
      const t = touched.get(r)
      if (t) rows.push(toListRow(r, t.merged, statusOf(t), t.changedFields, rules, companies.byId))
    }
  }
  return { total: page.total, offset: q.offset, rows }
}

/** Seats per module with the pending set (what the card's counters and the overview show). */
export async function pendingSeats(db: Kysely<DB>, deps: UserDeps): Promise<{ saved: Map<string, number>; after: Map<string, number> }> {
  const saved = await countAssignmentsByModule(db)
  const touched = (await deps.engine().merged('users', 'associate', false)).filter((r) => r.changedFields.length > 0)
  return { saved, after: seatsAfter(saved, touched) }
}

/** One associate's card, merged with the pending set, with its licence tree and the choices it needs. */
export async function getAssociateCard(db: Kysely<DB>, deps: UserDeps, id: string): Promise<AssociateCard> {
  const rules = await loadUserRules(db, deps)
  const merged = await deps.engine().merged('users', 'associate', false)
  let row = merged.find((r) => r.id === id)
  if (!row && !isNewId(id)) {
    const saved = (await loadSavedAssociates(db, [id])).get(id)
    if (saved) row = { id, saved, merged: saved, changedFields: [] }
  }
  if (!row) throw new AppError('not_found', `There is no associate with id ${id}; it may have been deleted. Reload the screen.`)
  const v = row.merged
  const { after } = await pendingSeats(db, deps)
  const held = new Set(decodeList(v.licences))
  const savedHeld = new Set(row.saved ? decodeList(row.saved.licences) : [])
  const choices = [...rules.catalogue.values()]
    .filter((l) => !l.hidden)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.moduleName.localeCompare(b.moduleName))
    .map((l): LicenceChoice => {
      const inUse = after.get(l.moduleName) ?? 0
      const seats = seatCount(l, inUse)
      const reason = held.has(l.moduleName)
        ? null
        : v.retired === true
          ? 'A former employee holds no licences.'
          : l.prerequisite !== null && !held.has(l.prerequisite)
            ? `Needs ${rules.catalogue.get(l.prerequisite)?.displayName ?? l.prerequisite} first.`
            : !l.allowedUserTypes.includes('employee')
              ? 'Not for employees.'
              : !l.mayAssignNew && !savedHeld.has(l.moduleName)
                ? `The licence of ${l.ownerName} has expired.`
                : seats.free !== null && seats.free <= 0
                  ? 'No free licences.'
                  : null
      return {
        moduleName: l.moduleName,
        displayName: l.displayName,
        tooltip: l.tooltip,
        ownerName: l.ownerName,
        prerequisite: l.prerequisite,
        unrestricted: l.unrestricted,
        total: l.total,
        inUse: l.unrestricted ? null : inUse,
        free: seats.free,
        held: held.has(l.moduleName),
        enabled: reason === null,
        disabledReason: reason
      }
    })
  const owners = [...new Set(choices.map((c) => c.ownerName))]
  const companies = await finalOurCompanies(db, deps)
  return {
    id,
    status: statusOf(row),
    changedFields: row.changedFields,
    firstName: str(v.firstName),
    middleName: str(v.middleName),
    lastName: str(v.lastName),
    email: str(v.email),
    phone: str(v.phone),
    companyId: typeof v.companyId === 'string' ? v.companyId : null,
    userId: str(v.userId),
    roleId: typeof v.roleId === 'string' ? v.roleId : null,
    primaryGroupId: typeof v.primaryGroupId === 'string' ? v.primaryGroupId : null,
    otherGroupIds: decodeList(v.otherGroupIds),
    licences: licenceSummary([...held], rules),
    canLogIn: v.canLogIn === true,
    retired: v.retired === true,
    removal: v.removal === 'delete-associate' || v.removal === 'delete-associate-and-person' ? v.removal : null,
    hasPassword: typeof v.passwordHash === 'string',
    passwordChanged: typeof v.passwordHash === 'string' && v.passwordHash !== SAVED_PASSWORD,
    signInLock: await signInLockOf(db, id),
    login: loginOf(v, rules),
    licenceOwners: owners.map((ownerName) => ({
      ownerName,
      mayAssignNew: [...rules.catalogue.values()].some((l) => l.ownerName === ownerName && l.mayAssignNew),
      restricted: choices.filter((c) => c.ownerName === ownerName && !c.unrestricted),
      unrestricted: choices.filter((c) => c.ownerName === ownerName && c.unrestricted)
    })),
    roles: [...rules.roles].filter(([, r]) => r.roleType === 'employee' && !r.deleted).map(([rid, r]) => ({ id: rid, name: r.name })),
    groups: [...rules.groups].map(([gid, g]) => ({ id: gid, name: g.name, deleted: g.deleted })),
    companies: [...companies].map(([cid, name]) => ({ id: cid, name }))
  }
}

/** Unticking a licence also unticks everything that needs it (SPEC §2.4): the list to clear with it. */
export function licencesToClearWith(moduleName: string, rules: UserRules): string[] {
  return dependantsOf(moduleName, new Map([...rules.catalogue.values()].map((l) => [l.moduleName, l.prerequisite])))
}

export async function listOtherUsers(db: Kysely<DB>, deps: UserDeps): Promise<{ available: boolean; reason: string | null; rows: OtherUserRow[] }> {
  const rules = await loadUserRules(db, deps)
  const available = rules.systemLicences.has(SYSTEM_LICENCE_MODULES.expanderServices)
  const rows = (await deps.engine().merged('users', 'otherUser', true)).map(
    (r): OtherUserRow => ({
      id: r.id,
      userId: str(r.merged.userId),
      userType: r.merged.userType === 'anonymous' ? 'anonymous' : 'system',
      description: str(r.merged.description),
      active: r.merged.active === true,
      hasPassword: typeof r.merged.passwordHash === 'string',
      deleted: r.merged.deleted === true,
      status: statusOf(r),
      changedFields: r.changedFields.map((f) => (f === 'passwordHash' ? 'password' : f))
    })
  )
  return { available, reason: available ? null : EXPANDER_REASON, rows }
}

/** Our companies with associate counts as they will be after Save. */
export async function listOurCompanies(db: Kysely<DB>, deps: UserDeps): Promise<OurCompanyRow[]> {
  const counts = new Map([...(await countAssociatesByCompany(db))].map(([k, n]) => [String(k), n]))
  for (const row of (await deps.engine().merged('users', 'associate', false)).filter((r) => r.changedFields.length > 0)) {
    if (row.saved) counts.set(str(row.saved.companyId), (counts.get(str(row.saved.companyId)) ?? 0) - 1)
    if ((row.merged.removal ?? null) === null) counts.set(str(row.merged.companyId), (counts.get(str(row.merged.companyId)) ?? 0) + 1)
  }
  const owners = await findOwnerCompanyIds(db)
  const rows = new Map<string, OurCompanyRow>()
  const toRow = (id: string, v: { name: string; department: string; city: string }, status: OurCompanyRow['status'], removing: boolean): OurCompanyRow => {
    const isOwner = Number(id) === owners.database || Number(id) === owners.owner
    const n = counts.get(id) ?? 0
    return {
      id,
      ...v,
      associates: n,
      isDatabaseOwner: isOwner,
      removing,
      status,
      deleteBlockedReason: isOwner ? 'The company that owns the database cannot be removed.' : n > 0 ? `${n} ${n === 1 ? 'associate belongs' : 'associates belong'} to the company.` : null
    }
  }
  for (const c of await findOurCompanies(db)) rows.set(String(c.company_id), toRow(String(c.company_id), c, 'saved', false))
  for (const r of await deps.engine().merged('users', 'ourCompany', false)) {
    const v = { name: str(r.merged.name), department: str(r.merged.department), city: str(r.merged.city) }
    if (r.merged.member === true) rows.set(r.id, toRow(r.id, v, statusOf(r), false))
    else if (r.saved?.member === true) rows.set(r.id, toRow(r.id, v, 'changed', true))
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name))
}

export async function findCompaniesToAdd(db: Kysely<DB>, text: string, match: 'startsWith' | 'contains' | 'equals', limit: number) {
  return (await searchCompanies(db, text, match, limit)).map((c) => ({ id: String(c.company_id), name: c.name, department: c.department, city: c.city, isOurCompany: c.member === 1 }))
}

/** User licences: in use / total with the pending set (the User licences tab). */
export async function licenceOverview(db: Kysely<DB>, deps: UserDeps): Promise<UserLicenceOverview[]> {
  const rules = await loadUserRules(db, deps)
  const { saved, after } = await pendingSeats(db, deps)
  return [...rules.catalogue.values()]
    .filter((l) => !l.hidden)
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((l) => {
      const seats = seatCount(l, after.get(l.moduleName) ?? 0)
      return {
        moduleName: l.moduleName,
        displayName: l.displayName,
        ownerName: l.ownerName,
        unrestricted: l.unrestricted,
        total: l.total,
        inUseSaved: saved.get(l.moduleName) ?? 0,
        inUse: seats.inUse ?? 0,
        free: seats.free,
        overAssigned: seats.overAssigned
      }
    })
}

/** User groups with their members' counts (primary and other), pending set included. */
export async function groupOverview(db: Kysely<DB>, deps: UserDeps) {
  const rules = await loadUserRules(db, deps)
  const primary = new Map<string, number>()
  const other = new Map<string, number>()
  const rows = await db.selectFrom('associate').select(['primary_group_id']).select((eb) => eb.fn.countAll<number>().as('n')).where('user_type', '=', 'employee').groupBy('primary_group_id').execute()
  for (const r of rows) primary.set(String(r.primary_group_id), Number(r.n))
  const links = await db.selectFrom('user_group_link').select(['user_group_id']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('user_group_id').execute()
  for (const r of links) other.set(String(r.user_group_id), Number(r.n))
  const bump = (map: Map<string, number>, key: string, by: number): void => {
    map.set(key, (map.get(key) ?? 0) + by)
  }
  for (const r of (await deps.engine().merged('users', 'associate', false)).filter((x) => x.changedFields.length > 0)) {
    if (r.saved) {
      bump(primary, str(r.saved.primaryGroupId), -1)
      for (const g of decodeList(r.saved.otherGroupIds)) bump(other, g, -1)
    }
    if ((r.merged.removal ?? null) === null) {
      bump(primary, str(r.merged.primaryGroupId), 1)
      for (const g of decodeList(r.merged.otherGroupIds)) bump(other, g, 1)
    }
  }
  return [...rules.groups].map(([id, g]) => ({ id, name: g.name, deleted: g.deleted, primaryMembers: primary.get(id) ?? 0, otherMembers: other.get(id) ?? 0 }))
}

/** A saved user's failed sign-ins and lock, or null when there is nothing to lift. */
async function signInLockOf(db: Kysely<DB>, id: string): Promise<{ failedAttempts: number; lockedUntil: string | null } | null> {
  if (isNewId(id)) return null
  const row = await db.selectFrom('credential').select(['failed_attempts', 'locked_until']).where('associate_id', '=', Number(id)).executeTakeFirst()
  if (!row || (row.failed_attempts === 0 && row.locked_until === null)) return null
  return { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until }
}
