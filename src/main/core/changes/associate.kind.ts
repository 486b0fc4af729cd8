import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Problem } from '../../../shared/ipc/result'
import { AppError } from '../../../shared/ipc/result'
import { isNewId, type Consequence, type DiffEntry, type FieldChange, type Scalar } from '../../../shared/domain/change-set'
import { checkPassword } from '../../../shared/domain/password-policy'
import { missingPrerequisites, seatCount } from '../../../shared/domain/licence-rules'
import { decodeList, isPlausibleEmail } from '../../../shared/domain/user'
import {
  changeGroupLinks,
  changeLicenceAssignments,
  countAssignmentsByModule,
  deleteAssociateWithHistory,
  deletePerson,
  findHoldersOfRight,
  findLicenceIdsByModule,
  findSavedAssociates,
  findPersonIds,
  findRolesWithRight,
  insertAssociate,
  insertPerson,
  setLicences,
  setOtherGroups,
  setPasswordHash,
  setUserRole,
  setUserRoles,
  updateAssociates,
  updatePeople,
  type AssociateFields,
  type PersonFields
} from '../repos/associate.repo'
import { findCompanies, findOurCompanies } from '../repos/company.repo'
import type { EntityKind, MergedRow, Values } from './entity-kind'
import { loadUserRules, loginOf, mergedOnce, signedInAssociateId, userLabel, type CreatedIds, type UserDeps, type UserRules } from './user-context'
import { userIdProblems } from './user-id-rules'
import { ASSOCIATE_FIELD_LABELS, REMOVAL_LABELS } from './user-labels'

/** Stands in for a saved password hash: hashes never travel through merged values or diffs. */
export const SAVED_PASSWORD = '(saved)'

export const ASSOCIATE_FIELDS = [
  'userId', 'firstName', 'middleName', 'lastName', 'email', 'phone', 'companyId', 'roleId', 'primaryGroupId',
  'otherGroupIds', 'licences', 'canLogIn', 'retired', 'passwordHash', 'removal'
] as const

/** What a new associate starts as before its staged values are laid over. */
export const ASSOCIATE_DEFAULTS: Readonly<Values> = Object.freeze({
  userId: '', firstName: '', middleName: '', lastName: '', email: '', phone: '', companyId: null, roleId: null,
  primaryGroupId: null, otherGroupIds: '', licences: '', canLogIn: true, retired: false, passwordHash: null, removal: null
})

const str = (v: Scalar | undefined): string => (typeof v === 'string' ? v : '')
const idOrNull = (v: Scalar | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null)
const isRemoved = (values: Values): boolean => (values.removal ?? null) !== null

/** Saved associates as flat values (groups and licences as canonical lists). */
export async function loadSavedAssociates(db: Kysely<DB>, ids?: readonly string[]): Promise<Map<string, Values>> {
  const rows = await findSavedAssociates(db, ids?.map(Number))
  const saved = new Map<string, Values>()
  for (const [associateId, userId, primaryGroupId, canLogIn, retired, firstName, middleName, lastName, email, phone, companyId, roleId, hasPassword, groupIds, modules] of rows) {
    saved.set(String(associateId), {
      userId,
      firstName,
      middleName,
      lastName,
      email,
      phone,
      companyId: companyId === null ? null : String(companyId),
      roleId: roleId === null ? null : String(roleId),
      primaryGroupId: primaryGroupId === null ? null : String(primaryGroupId),
      // The lists' canonical form is text order, as encodeList (JavaScript's sort) gives it.
      otherGroupIds: canonicalGroupIds(groupIds),
      licences: modules,
      canLogIn: canLogIn === 1,
      retired: retired === 1,
      passwordHash: hasPassword === 1 ? SAVED_PASSWORD : null,
      removal: null
    })
  }
  return saved
}

/**
 * Group ids as the read gives them (numeric order) in the canonical text order ("10,9"): most
 * users have none or one, so only a list with several is sorted.
 */
function canonicalGroupIds(ids: string): string {
  return ids.includes(',') ? ids.split(',').sort().join(',') : ids
}

/** Our companies as they will be after Save: saved members with the pending ourCompany rows laid over. */
export async function finalOurCompanies(db: Kysely<DB>, deps: UserDeps): Promise<Map<string, string>> {
  const companies = new Map<string, string>()
  for (const c of await findOurCompanies(db)) companies.set(String(c.company_id), c.name)
  for (const row of await mergedOnce(db, deps, 'ourCompany')) {
    if (row.merged.member === true) companies.set(row.id, str(row.merged.name))
    else companies.delete(row.id)
  }
  return companies
}

/** Assignments per module after Save: the saved counts plus what the changed rows add and take. */
export function seatsAfter(saved: ReadonlyMap<string, number>, rows: readonly MergedRow[]): Map<string, number> {
  return addSeats(saved, netSeatChange(rows))
}

/** The saved counts per module with a net change laid over. */
function addSeats(saved: ReadonlyMap<string, number>, net: ReadonlyMap<string, number>): Map<string, number> {
  const after = new Map(saved)
  for (const [m, n] of net) after.set(m, (after.get(m) ?? 0) + n)
  return after
}

/** What the changed rows add to (or take from) each module's assignments. */
export function netSeatChange(rows: readonly MergedRow[]): Map<string, number> {
  const change = new Map<string, number>()
  for (const row of rows) {
    const removed = isRemoved(row.merged)
    // A kept row whose licences text is unchanged takes and gives back the same seats: its −1
    // and +1 cancel. Callers read the map by module with `?? 0`, so a missing zero is the same.
    if (!removed && row.saved && row.saved.licences === row.merged.licences) continue
    const before = row.saved ? decodeList(row.saved.licences) : []
    const now = removed ? [] : decodeList(row.merged.licences)
    for (const m of before) change.set(m, (change.get(m) ?? 0) - 1)
    for (const m of now) change.set(m, (change.get(m) ?? 0) + 1)
  }
  return change
}

/** Associates: person + associate + role + groups + licences + password, written together. */
export function createAssociateKind(deps: UserDeps, created: CreatedIds): EntityKind {
  return {
    entity: 'associate',
    screen: 'users',
    fields: ASSOCIATE_FIELDS,
    defaults: ASSOCIATE_DEFAULTS,

    loadSaved: (db, ids) => loadSavedAssociates(db, ids),

    label: userLabel,

    async prepareStage(db, change) {
      const values = { ...(change.values as Values & { password?: string }) }
      if ('passwordHash' in values) throw new AppError('invalid_input', 'A password is set by sending the password itself; main hashes it.')
      if (typeof values.password === 'string') {
        const check = checkPassword(values.password, await deps.passwordPolicy(db))
        if (!check.ok) throw new AppError('validation_failed', check.message, [{ path: `associate:${change.id}.password`, message: check.message }])
        values.passwordHash = await deps.hasher.hash(values.password)
        delete values.password
      }
      return values
    },

    async validate(db, changed) {
      const rules = await loadUserRules(db, deps)
      const companies = await finalOurCompanies(db, deps)
      const problems: Problem[] = await userIdProblems(db, deps, 'associate', changed)
      for (const row of changed) problems.push(...rowProblems(row, rules, companies, deps))
      problems.push(...(await lastAdministratorProblems(db, changed, rules)))
      // Only restricted licences the set gives out more of can be over-assigned: count just those.
      const net = netSeatChange(changed)
      const gaining = [...net].filter(([m, n]) => n > 0 && rules.catalogue.get(m)?.unrestricted === false).map(([m]) => m)
      if (gaining.length > 0) problems.push(...overAssigned(await countAssignmentsByModule(db, gaining), net, changed, rules))
      return problems
    },

    async apply(trx, rows, clock) {
      const now = clock().toISOString()
      const licenceIds = await findLicenceIdsByModule(trx)
      const toLicenceIds = (values: Values): number[] => decodeList(values.licences).map((m) => licenceIds.get(m)).filter((id): id is number => id !== undefined)
      const companyId = (values: Values): number => {
        const id = str(values.companyId)
        return isNewId(id) ? (created.get(`ourCompany:${id}`) as number) : Number(id)
      }
      const personOf = (values: Values): PersonFields => ({
        company_id: companyId(values),
        first_name: str(values.firstName).trim(),
        middle_name: str(values.middleName).trim(),
        last_name: str(values.lastName).trim(),
        email: str(values.email).trim(),
        phone: str(values.phone).trim(),
        retired: values.retired === true ? 1 : 0
      })
      // Saved rows first (removals, then updates: a user ID a removal frees may be taken by an
      // update or a new row), written set-based: one statement per kind of write over a JSON
      // list of all the rows (issue 8). New rows follow one by one (each needs its new ids).
      const personIds = await findPersonIds(trx, rows.filter((r) => r.saved).map((r) => Number(r.id)))
      const updates = rows.filter((r) => r.saved !== null && personIds.has(Number(r.id)))
      for (const row of updates.filter((r) => isRemoved(r.merged))) {
        const personId = await deleteAssociateWithHistory(trx, Number(row.id), now)
        if (row.merged.removal === 'delete-associate-and-person' && personId !== null) await deletePerson(trx, personId)
      }
      const people: Array<{ personId: number; values: Partial<PersonFields> }> = []
      const associates: Array<{ id: number; values: Partial<AssociateFields> }> = []
      const roles: Array<{ associateId: number; roleId: number | null }> = []
      const groupsAdded: Array<[number, number]> = []
      const groupsRemoved: Array<[number, number]> = []
      const licencesAdded: Array<{ associateId: number; licenceId: number }> = []
      const licencesRemoved: Array<{ associateId: number; moduleName: string }> = []
      const passwords: Array<{ id: number; hash: string | null }> = []
      for (const row of updates) {
        const v = row.merged
        if (isRemoved(v)) continue
        const id = Number(row.id)
        const changed = row.changedFields
        // Only the changed person fields are written: each is worked out (trimmed, the company's
        // id found) only when it changed, as personOf would give it.
        const personPatch: Partial<PersonFields> = {}
        if (changed.includes('companyId')) personPatch.company_id = companyId(v)
        if (changed.includes('firstName')) personPatch.first_name = str(v.firstName).trim()
        if (changed.includes('middleName')) personPatch.middle_name = str(v.middleName).trim()
        if (changed.includes('lastName')) personPatch.last_name = str(v.lastName).trim()
        if (changed.includes('email')) personPatch.email = str(v.email).trim()
        if (changed.includes('phone')) personPatch.phone = str(v.phone).trim()
        if (changed.includes('retired')) personPatch.retired = v.retired === true ? 1 : 0
        const personId = personIds.get(id) ?? null
        if (personId !== null) people.push({ personId, values: personPatch })
        const patch: Partial<AssociateFields> = {}
        if (changed.includes('userId')) patch.user_id = str(v.userId).trim()
        if (changed.includes('primaryGroupId')) patch.primary_group_id = Number(v.primaryGroupId)
        if (changed.includes('canLogIn')) patch.can_log_in = v.canLogIn === true ? 1 : 0
        if (changed.includes('retired')) patch.retired = v.retired === true ? 1 : 0
        associates.push({ id, values: patch })
        if (changed.includes('roleId')) roles.push({ associateId: id, roleId: idOrNull(v.roleId) === null ? null : Number(v.roleId) })
        // Links change by difference with the saved row, read in this same transaction.
        if (changed.includes('otherGroupIds')) {
          const before = new Set(decodeList(row.saved?.otherGroupIds).map(Number))
          const after = new Set(decodeList(v.otherGroupIds).map(Number))
          for (const g of before) if (!after.has(g)) groupsRemoved.push([id, g])
          for (const g of after) if (!before.has(g)) groupsAdded.push([id, g])
        }
        if (changed.includes('licences')) {
          const before = new Set(decodeList(row.saved?.licences))
          const after = new Set(decodeList(v.licences))
          for (const m of before) if (!after.has(m) || !licenceIds.has(m)) licencesRemoved.push({ associateId: id, moduleName: m })
          for (const m of after) {
            const licenceId = licenceIds.get(m)
            if (!before.has(m) && licenceId !== undefined) licencesAdded.push({ associateId: id, licenceId })
          }
        }
        if (changed.includes('passwordHash') && v.passwordHash !== SAVED_PASSWORD) passwords.push({ id, hash: typeof v.passwordHash === 'string' ? v.passwordHash : null })
      }
      await updatePeople(trx, people, now)
      await updateAssociates(trx, associates, now)
      await setUserRoles(trx, roles)
      await changeGroupLinks(trx, groupsAdded, groupsRemoved)
      await changeLicenceAssignments(trx, licencesAdded, licencesRemoved, now)
      for (const p of passwords) await setPasswordHash(trx, p.id, p.hash, now)

      for (const row of rows) {
        const v = row.merged
        if (row.saved !== null) continue
        if (isRemoved(v)) continue // created and removed in the same set: nothing to write
        const personId = await insertPerson(trx, personOf(v), now)
        const id = await insertAssociate(
          trx,
          { user_id: str(v.userId).trim(), user_type: 'employee', person_id: personId, primary_group_id: Number(v.primaryGroupId), description: '', can_log_in: v.canLogIn === true ? 1 : 0, retired: v.retired === true ? 1 : 0 },
          now
        )
        created.set(`associate:${row.id}`, id)
        await setUserRole(trx, id, Number(v.roleId))
        await setOtherGroups(trx, id, decodeList(v.otherGroupIds).map(Number))
        await setLicences(trx, id, toLicenceIds(v), now)
        if (typeof v.passwordHash === 'string') await setPasswordHash(trx, id, v.passwordHash, now)
      }
    },

    async annotate(db, entries) {
      const rules = await loadUserRules(db, deps)
      // Company names are needed only to word a company change: read them only then.
      const companies = new Map<string, string>()
      if (entries.some((e) => e.fields.some((f) => f.field === 'companyId'))) {
        const ids = [...new Set(entries.flatMap((e) => e.fields.filter((f) => f.field === 'companyId').flatMap((f) => [f.old, f.new])))]
        const saved = ids.filter((id): id is string => typeof id === 'string' && /^\d+$/.test(id)).map(Number)
        for (const c of await findCompanies(db, saved)) companies.set(String(c.company_id), c.name)
        for (const row of await mergedOnce(db, deps, 'ourCompany')) companies.set(row.id, str(row.merged.name))
      }
      // The engine builds these entries for this call alone: each keeps its object and gets its
      // worded fields in place (the same keys in the same order as a copy would have).
      const kept = entries.filter((e) => !(e.action === 'create' && e.fields.some((f) => f.field === 'removal' && f.new !== null)))
      for (const entry of kept) {
        const fields: FieldChange[] = []
        for (const f of entry.fields) describeField(f, entry.action, rules, companies, fields)
        entry.fields = fields
      }
      return kept
    },

    async consequences(db, rows) {
      const rules = await loadUserRules(db, deps)
      const out: Consequence[] = []
      const saved = await countAssignmentsByModule(db)
      const after = seatsAfter(saved, rows)
      const modules = [...rules.catalogue.values()].sort((a, b) => a.sortOrder - b.sortOrder)
      for (const l of modules) {
        const before = saved.get(l.moduleName) ?? 0
        const now = after.get(l.moduleName) ?? 0
        if (before === now) continue
        const cap = l.unrestricted ? 'unrestricted' : `of ${l.total} (${l.total - now} free)`
        out.push({ kind: 'seats', subject: l.moduleName, before, after: now, message: `${l.displayName}: ${before} → ${now} in use ${cap}; ${now > before ? `${now - before} used` : `${before - now} freed`}.` })
      }
      const companies = new Map((await findCompanies(db)).map((c) => [String(c.company_id), c.name]))
      for (const row of await mergedOnce(db, deps, 'ourCompany')) companies.set(row.id, str(row.merged.name))
      for (const row of rows) {
        const label = userLabel(row.merged)
        const was = row.saved ? loginOf(row.saved, rules).canLogIn : false
        const will = isRemoved(row.merged) ? false : loginOf(row.merged, rules).canLogIn
        if (was !== will) out.push({ kind: 'login', subject: label, before: was, after: will, message: `${label} ${will ? 'gains' : 'loses'} the right to log in.` })
        if (row.saved && !isRemoved(row.merged) && row.changedFields.includes('companyId')) {
          const from = companies.get(str(row.saved.companyId)) ?? str(row.saved.companyId)
          const to = companies.get(str(row.merged.companyId)) ?? str(row.merged.companyId)
          out.push({ kind: 'company', subject: label, before: from, after: to, message: `${label} moves from ${from} to ${to}.` })
        }
      }
      return out
    }
  }
}

/**
 * The diff's wording, added to `out`: names instead of ids, one line per licence and group, never
 * a password hash.
 */
function describeField(change: FieldChange, action: DiffEntry['action'], rules: UserRules, companies: ReadonlyMap<string, string>, out: FieldChange[]): void {
  const label = ASSOCIATE_FIELD_LABELS[change.field] ?? change.field
  switch (change.field) {
    case 'passwordHash':
      out.push({ field: 'password', label, old: change.old === null ? null : 'set', new: change.new === null ? null : 'changed' })
      return
    case 'licences': {
      const { removed, added } = listChanges(change.old, change.new)
      const line = (m: string, gained: boolean): FieldChange => ({
        field: `licences.${m}`,
        label: `Licence: ${rules.catalogue.get(m)?.displayName ?? m}`,
        old: action === 'create' ? null : gained ? 'not assigned' : 'assigned',
        new: gained ? 'assigned' : 'not assigned'
      })
      for (const m of removed) out.push(line(m, false))
      for (const m of added) out.push(line(m, true))
      return
    }
    case 'otherGroupIds': {
      const { removed, added } = listChanges(change.old, change.new)
      const line = (g: string, joined: boolean): FieldChange => ({
        field: `otherGroups.${g}`,
        label: `Other group: ${rules.groups.get(g)?.name ?? g}`,
        old: action === 'create' ? null : joined ? 'not member' : 'member',
        new: joined ? 'member' : 'not member'
      })
      for (const g of removed) out.push(line(g, false))
      for (const g of added) out.push(line(g, true))
      return
    }
    case 'roleId':
      out.push({ ...change, label, old: nameOf(change.old, rules.roles), new: nameOf(change.new, rules.roles) })
      return
    case 'primaryGroupId':
      out.push({ ...change, label, old: nameOf(change.old, rules.groups), new: nameOf(change.new, rules.groups) })
      return
    case 'companyId':
      out.push({ ...change, label, old: nameOf(change.old, companies), new: nameOf(change.new, companies) })
      return
    case 'removal':
      out.push({ ...change, label, new: typeof change.new === 'string' ? (REMOVAL_LABELS[change.new] ?? change.new) : null })
      return
    default:
      if (action === 'create' && (change.new === '' || change.new === null)) return
      // Kept as it is, labelled: the engine built it for this diff alone (see annotate).
      change.label = label
      out.push(change)
  }
}

/**
 * The items of two list texts that only one holds: first those only the old holds, then those
 * only the new holds, each once, in list order (the order the diff has always listed them in).
 * Short lists (most users hold a few) are compared directly, longer ones through sets.
 */
function listChanges(oldText: Scalar, newText: Scalar): { removed: string[]; added: string[] } {
  const before = decodeList(oldText)
  const after = decodeList(newText)
  if (before.length + after.length <= 16) {
    return {
      removed: before.filter((m, i) => before.indexOf(m) === i && !after.includes(m)),
      added: after.filter((m, i) => after.indexOf(m) === i && !before.includes(m))
    }
  }
  const had = new Set(before)
  const has = new Set(after)
  return { removed: [...had].filter((m) => !has.has(m)), added: [...has].filter((m) => !had.has(m)) }
}

function nameOf(id: Scalar, names: ReadonlyMap<string, string | { name: string }>): Scalar {
  if (typeof id !== 'string') return id
  const found = names.get(id)
  return found === undefined ? id : typeof found === 'string' ? found : found.name
}

const prerequisiteMaps = new WeakMap<UserRules, Map<string, string | null>>()
/** Module → prerequisite of a catalogue, built once per rules read (not once per row). */
function prerequisitesOf(rules: UserRules): Map<string, string | null> {
  let map = prerequisiteMaps.get(rules)
  if (!map) prerequisiteMaps.set(rules, (map = new Map([...rules.catalogue.values()].map((l) => [l.moduleName, l.prerequisite]))))
  return map
}

/**
 * Every rule one changed associate breaks (seats and the last administrator are judged for the
 * whole set). Exported so the CSV import judges each file row by these same rules before staging.
 */
export function rowProblems(row: MergedRow, rules: UserRules, companies: ReadonlyMap<string, string>, deps: UserDeps): Problem[] {
  const v = row.merged
  const at = (field: string): string => `associate:${row.id}.${field}`
  // Named only when there is something to say (most rows pass).
  let label: string | undefined
  const who = (): string => (label ??= userLabel(row.saved ?? v))
  const problems: Problem[] = []
  const self = signedInAssociateId(deps.session())
  if (isRemoved(v)) {
    if (row.saved !== null && self === row.id) problems.push({ path: at('removal'), message: `${who()} is signed in: you cannot delete yourself.` })
    return problems
  }
  if (self === row.id) {
    if (v.retired === true && row.changedFields.includes('retired')) problems.push({ path: at('retired'), message: `${who()} is signed in: you cannot retire yourself.` })
    if (row.changedFields.includes('roleId')) problems.push({ path: at('roleId'), message: `${who()} is signed in: you cannot change your own role.` })
  }
  if (str(v.firstName).trim() === '' && str(v.lastName).trim() === '') problems.push({ path: at('lastName'), message: `${who()} needs a first or last name.` })
  if ((row.saved === null || row.changedFields.includes('email')) && !isPlausibleEmail(str(v.email))) {
    problems.push({ path: at('email'), message: `The e-mail address of ${who()} ("${str(v.email).trim()}") is not valid; write it as name@example.com, or leave it empty.` })
  }

  const companyId = idOrNull(v.companyId)
  if (companyId === null) problems.push({ path: at('companyId'), message: `${who()} needs an owning company (one of Our companies).` })
  else if (!companies.has(companyId) && (row.saved === null || row.changedFields.includes('companyId') || row.changedFields.length > 0)) {
    problems.push({ path: at('companyId'), message: `${who()} belongs to a company that is not (or will no longer be) one of Our companies; only persons at Our companies can be users.` })
  }

  const roleId = idOrNull(v.roleId)
  const role = roleId === null ? undefined : rules.roles.get(roleId)
  if (roleId === null) problems.push({ path: at('roleId'), message: `${who()} needs a role.` })
  else if (!role || role.deleted) problems.push({ path: at('roleId'), message: `The role chosen for ${who()} does not exist (any more).` })
  else if (role.roleType !== 'employee') problems.push({ path: at('roleId'), message: `${who()} cannot hold "${role.name}": associates need an employee role, not ${role.roleType === 'external' ? 'an' : 'a'} ${role.roleType} role.` })

  const groupId = idOrNull(v.primaryGroupId)
  const group = groupId === null ? undefined : rules.groups.get(groupId)
  if (groupId === null) problems.push({ path: at('primaryGroupId'), message: `${who()} needs a primary group.` })
  else if (!group || group.deleted) problems.push({ path: at('primaryGroupId'), message: `The primary group chosen for ${who()} does not exist or is deleted.` })
  for (const g of decodeList(v.otherGroupIds)) {
    const other = rules.groups.get(g)
    if (!other || other.deleted) problems.push({ path: at('otherGroupIds'), message: `One of the other groups chosen for ${who()} (id ${g}) does not exist or is deleted.` })
  }

  const held = decodeList(v.licences)
  if (v.retired === true && held.length > 0) {
    problems.push({ path: at('licences'), message: `${who()} is a former employee and cannot hold licences; untick them or re-activate the user.` })
  }
  // The saved licences matter only for a licence that can no longer be newly assigned.
  let savedHeld: Set<string> | undefined
  const heldBefore = (m: string): boolean => (savedHeld ??= new Set(row.saved ? decodeList(row.saved.licences) : [])).has(m)
  for (const m of held) {
    const l = rules.catalogue.get(m)
    if (!l) {
      problems.push({ path: at('licences'), message: `${who()} is given the licence "${m}", which no valid licence owner provides as a user licence.` })
      continue
    }
    if (!l.allowedUserTypes.includes('employee')) problems.push({ path: at('licences'), message: `${l.displayName} cannot be given to employees (${who()}); it is for ${l.allowedUserTypes.join(', ') || 'no user type'}.` })
    if (!l.mayAssignNew && !heldBefore(m)) problems.push({ path: at('licences'), message: `${l.displayName} cannot be newly assigned to ${who()}: the licence of ${l.ownerName} has expired.` })
  }
  const prerequisites = prerequisitesOf(rules)
  for (const missing of missingPrerequisites(new Set(held), prerequisites)) {
    const child = rules.catalogue.get(missing.moduleName)?.displayName ?? missing.moduleName
    const parent = rules.catalogue.get(missing.prerequisite)?.displayName ?? missing.prerequisite
    problems.push({ path: at('licences'), message: `${who()} is given ${child}, which needs ${parent} first.` })
  }
  return problems
}

/** Restricted licences the set would over-assign: the licence, the numbers and the users gaining it. */
export function seatProblems(saved: ReadonlyMap<string, number>, rows: readonly MergedRow[], rules: UserRules): Problem[] {
  return overAssigned(saved, netSeatChange(rows), rows, rules)
}

/** seatProblems with the rows' net seat change already worked out (Save has it at hand). */
function overAssigned(saved: ReadonlyMap<string, number>, net: ReadonlyMap<string, number>, rows: readonly MergedRow[], rules: UserRules): Problem[] {
  const after = addSeats(saved, net)
  const problems: Problem[] = []
  for (const l of rules.catalogue.values()) {
    const inUse = after.get(l.moduleName) ?? 0
    if (inUse <= (saved.get(l.moduleName) ?? 0) || !seatCount(l, inUse).overAssigned) continue
    const gaining = rows
      .filter((r) => !isRemoved(r.merged) && decodeList(r.merged.licences).includes(l.moduleName) && !(r.saved && decodeList(r.saved.licences).includes(l.moduleName)))
      .map((r) => userLabel(r.merged))
    problems.push({
      path: `licences.${l.moduleName}`,
      message: `${l.displayName} (${l.moduleName}): ${inUse} would be in use but only ${l.total} licensed; remove ${inUse - l.total}. Given in this change set to: ${gaining.join(', ')}.`
    })
  }
  return problems
}

/** The last General administrator (admin-all) among users who can log in may not be removed, retired or demoted. */
async function lastAdministratorProblems(db: Kysely<DB>, changed: readonly MergedRow[], rules: UserRules): Promise<Problem[]> {
  const adminRoles = await findRolesWithRight(db, 'admin-all')
  const qualifies = (v: Values): boolean => {
    const role = typeof v.roleId === 'string' ? rules.roles.get(v.roleId) : undefined
    return !isRemoved(v) && v.retired !== true && v.canLogIn === true && role !== undefined && !role.deleted && adminRoles.has(Number(v.roleId))
  }
  // Only a saved administrator who stops qualifying can leave the site without one (the saved
  // values are the rows findHoldersOfRight reads, in this same transaction): without such a row
  // there is nothing to check, and the holders need not be read (issue 8).
  if (!changed.some((row) => row.saved !== null && qualifies(row.saved) && !qualifies(row.merged))) return []
  const holders = new Set((await findHoldersOfRight(db, 'admin-all')).map(String))
  if (holders.size === 0) return [] // a site without administrators (demo, set-up) has nothing to protect yet
  const losing: MergedRow[] = []
  for (const row of changed) {
    if (qualifies(row.merged)) holders.add(row.id)
    else if (holders.delete(row.id)) losing.push(row)
  }
  if (holders.size > 0) return []
  return losing.map((row) => ({
    path: `associate:${row.id}.${isRemoved(row.merged) ? 'removal' : 'roleId'}`,
    message: `${userLabel(row.saved ?? row.merged)} is the last General administrator who can log in; keep at least one user with the admin-all right.`
  }))
}
