import type { Change, Scalar } from '../../../shared/domain/change-set'
import type { Problem } from '../../../shared/ipc/result'
import type { Values } from '../changes/entity-kind'
import { nameKey } from '../changes/user-group.kind'
import { encodeList } from '../../../shared/domain/user'
import type { PasswordPolicy } from '../../../shared/domain/password-policy'
import { PASSWORD_POLICY_ROW_ID } from '../../../shared/domain/preferences'
import { FUNCTIONAL_RIGHTS_BY_TYPE, OWNER_RELATIONS, dataRightField, functionalRightField, type RoleType } from '../../../shared/domain/role'
import type { InitialPassword, ProvisioningFile } from '../../../shared/domain/provisioning'
import { generatePassword } from './generated-password'

/**
 * Turns a provisioning file into change-set changes, one screen at a time, against the saved rows
 * as they are at that moment (groups and roles are saved before users refer to them by name).
 * Only fields that differ become changes, so a file that matches the site plans nothing: that is
 * what makes a second run a no-op. The engine's Save validation stays the final word.
 */

type Saved = ReadonlyMap<string, Values>
export interface Planned {
  changes: Change[]
  problems: Problem[]
  /** Which file entry each staged id came from, so the engine's problems can name it. */
  sources: Map<string, string>
}

const empty = (): Planned => ({ changes: [], problems: [], sources: new Map() })

/** Plans one row's change (nothing when no field differs), remembering which file entry asked. */
function plan(planned: Planned, entity: Change['entity'], id: string, values: Values, source: string): void {
  if (Object.keys(values).length === 0) return
  planned.changes.push({ entity, id, values } as Change)
  planned.sources.set(`${entity}:${id}`, source)
}

/** Field values that differ from the saved row (all of them for a new row). */
function differing(saved: Values | undefined, wanted: Record<string, Scalar | undefined>): Values {
  const out: Values = {}
  for (const [field, value] of Object.entries(wanted)) {
    if (value === undefined) continue
    if (!saved || (saved[field] ?? null) !== value) out[field] = value
  }
  return out
}

/** Saved rows by name key; a key two rows share maps to null (ambiguous). */
function indexByName(rows: Saved, field: string, keep: (v: Values) => boolean = () => true): Map<string, string | null> {
  const index = new Map<string, string | null>()
  for (const [id, values] of rows) {
    if (!keep(values)) continue
    const key = nameKey(String(values[field] ?? ''))
    index.set(key, index.has(key) ? null : id)
  }
  return index
}

function duplicates(names: readonly string[], what: string, section: string): Problem[] {
  const seen = new Set<string>()
  const problems: Problem[] = []
  names.forEach((n, i) => {
    const key = nameKey(n)
    if (seen.has(key)) problems.push({ path: `${section}[${i}]`, message: `${what} "${n}" is listed twice in the file.` })
    seen.add(key)
  })
  return problems
}

export function planPasswordPolicy(file: ProvisioningFile, saved: Saved): Planned {
  const planned = empty()
  if (!file.passwordPolicy) return planned
  plan(planned, 'passwordPolicy', PASSWORD_POLICY_ROW_ID, differing(saved.get(PASSWORD_POLICY_ROW_ID), file.passwordPolicy), 'passwordPolicy')
  return planned
}

export function planUserGroups(file: ProvisioningFile, saved: Saved): Planned {
  const planned = empty()
  const groups = file.userGroups ?? []
  planned.problems.push(...duplicates(groups.map((g) => g.name), 'The user group', 'userGroups'))
  const byName = indexByName(saved, 'name')
  groups.forEach((group, i) => {
    const id = byName.get(nameKey(group.name))
    const existing = id ? saved.get(id) : undefined
    // A deleted group of the same name comes back rather than being created a second time.
    const values = differing(existing, { name: group.name, tooltip: group.tooltip, rank: group.rank, deleted: existing ? false : undefined })
    plan(planned, 'userGroup', id ?? `new:${i + 1}`, values, `userGroups[${i}] "${group.name}"`)
  })
  return planned
}

export function planRoles(file: ProvisioningFile, saved: Saved): Planned {
  const planned = empty()
  const roles = file.roles ?? []
  planned.problems.push(...duplicates(roles.map((r) => r.name), 'The role', 'roles'))
  const byName = indexByName(saved, 'name')
  roles.forEach((role, i) => {
    const at = `roles[${i}] "${role.name}"`
    const key = nameKey(role.name)
    const id = byName.get(key)
    if (id === null) {
      planned.problems.push({ path: `roles[${i}]`, message: `${at}: more than one role on the site is called "${role.name}"; rename one in the app first.` })
      return
    }
    const existing = id ? saved.get(id) : undefined
    const type = (existing?.roleType as RoleType | undefined) ?? role.roleType ?? 'employee'
    if (existing && role.roleType && role.roleType !== existing.roleType) {
      planned.problems.push({ path: `roles[${i}].roleType`, message: `${at} is ${String(existing.roleType)} on the site; a role's type cannot change.` })
      return
    }
    const wanted: Record<string, Scalar | undefined> = { name: role.name, description: role.description, rank: role.rank }
    if (!existing) Object.assign(wanted, { roleType: type, copyFrom: null })
    for (const [object, cells] of Object.entries(role.dataRights ?? {})) {
      for (const [relation, level] of Object.entries(cells ?? {})) {
        if (!(OWNER_RELATIONS[type] as readonly string[]).includes(relation)) {
          planned.problems.push({ path: `roles[${i}].dataRights.${object}.${relation}`, message: `${at}: ${type} roles have no "${relation}" column in the data rights.` })
          continue
        }
        wanted[dataRightField(object as never, relation as never)] = level ?? undefined
      }
    }
    if (role.functionalRights) {
      const allowed = FUNCTIONAL_RIGHTS_BY_TYPE[type]
      for (const right of role.functionalRights) {
        if (!allowed.includes(right)) planned.problems.push({ path: `roles[${i}].functionalRights`, message: `${at}: "${right}" is not a functional right of ${type} roles.` })
      }
      for (const right of allowed) wanted[functionalRightField(right)] = role.functionalRights.includes(right)
    }
    // A new role starts blank (no cell above None, no right): only what it gains is staged, so
    // the diff lists what the role can do rather than 40 rights it cannot.
    if (!existing) for (const [field, value] of Object.entries(wanted)) if (field.includes('Rights.') && (value === false || value === 'none')) delete wanted[field]
    plan(planned, 'role', id ?? `new:${i + 1}`, differing(existing, wanted), at)
  })
  return planned
}

export interface UsersState {
  companies: Saved
  groups: Saved
  roles: Saved
  associates: Saved
  otherUsers: Saved
  policy: PasswordPolicy
  /** Passwords generated ahead (`initialPasswords`), by User ID key, so their hashes could be too. */
  pregenerated?: ReadonlyMap<string, string>
}

export interface UsersPlanned extends Planned {
  /** Passwords made for `{ "generate": true }`, for the --passwords-out file. */
  generated: Array<{ userId: string; password: string }>
  /** Hashes from `--include-secrets` exports, written after Save (the engine stages passwords, not hashes). */
  hashes: Array<{ userId: string; hash: string }>
  /** The owner company's id after Save: a saved id, or the "new:N" id of its ourCompany row. */
  ownerCompanyId: string | null
}

/** Our companies, associates and other users: the Users screen's one change set. */
export function planUsers(file: ProvisioningFile, state: UsersState): UsersPlanned {
  const planned: UsersPlanned = { ...empty(), generated: [], hashes: [], ownerCompanyId: null }
  const { problems } = planned
  let newIds = 0
  const nextNewId = (): string => `new:${++newIds}`

  // Our companies: the owner and the listed ones, matched by name (and department when given).
  const companyIds = new Map<string, string | null>()
  for (const [id, c] of state.companies) {
    if (c.member !== true) continue
    const key = nameKey(String(c.name ?? ''))
    companyIds.set(key, companyIds.has(key) && companyIds.get(key) !== id ? null : id)
  }
  const listed = [...(file.ownerCompany ? [{ company: file.ownerCompany, at: 'ownerCompany' }] : []), ...(file.ourCompanies ?? []).map((company, i) => ({ company, at: `ourCompanies[${i}]` }))]
  // The owner may be listed among Our companies as well: the same entry is then used once.
  const listedIds = new Map<string, string>()
  for (const { company, at } of listed) {
    const key = nameKey(company.name)
    const keyWithDepartment = `${key}|${nameKey(company.department ?? '')}`
    let id = listedIds.get(keyWithDepartment)
    if (id === undefined) {
      const match = [...state.companies.entries()].find(
        ([, c]) => nameKey(String(c.name ?? '')) === key && (company.department === undefined || nameKey(String(c.department ?? '')) === nameKey(company.department))
      )
      if (match) {
        id = match[0]
        if (match[1].member !== true) plan(planned, 'ourCompany', id, { member: true }, `${at} "${company.name}"`)
      } else {
        id = nextNewId()
        plan(planned, 'ourCompany', id, { name: company.name, department: company.department ?? '', city: company.city ?? '', member: true }, `${at} "${company.name}"`)
      }
      listedIds.set(keyWithDepartment, id)
      companyIds.set(key, companyIds.has(key) && companyIds.get(key) !== id ? null : id)
    }
    if (at === 'ownerCompany') planned.ownerCompanyId = id
  }

  const groupIds = indexByName(state.groups, 'name', (g) => g.deleted !== true)
  const roleIds = indexByName(state.roles, 'name')
  const resolve = (index: Map<string, string | null>, name: string, what: string, path: string, at: string): string | undefined => {
    const id = index.get(nameKey(name))
    if (id) return id
    problems.push({
      path,
      message: id === null ? `${at}: more than one ${what} is called "${name}".` : `${at}: there is no ${what} "${name}" on the site or in the file.`
    })
    return undefined
  }

  const associatesByUserId = indexByName(state.associates, 'userId')
  const otherByUserId = indexByName(state.otherUsers, 'userId')
  const associates = file.associates ?? []
  const otherUsers = file.otherUsers ?? []
  problems.push(...duplicates([...associates, ...otherUsers].map((u) => u.userId), 'The User ID', 'users'))

  const passwordFor = (given: InitialPassword | undefined, userId: string, hasPassword: boolean): string | undefined => {
    if (given === undefined || hasPassword) return undefined
    if (typeof given === 'string') return given
    const password = state.pregenerated?.get(nameKey(userId)) ?? generatePassword(state.policy)
    planned.generated.push({ userId, password })
    return password
  }

  associates.forEach((user, i) => {
    const at = `associates[${i}] ${user.userId}`
    const path = `associates[${i}]`
    if (otherByUserId.get(nameKey(user.userId))) {
      problems.push({ path: `${path}.userId`, message: `${at}: ${user.userId} is a system or anonymous user on the site, not an associate.` })
      return
    }
    const id = associatesByUserId.get(nameKey(user.userId)) ?? undefined
    const existing = id ? state.associates.get(id) : undefined
    const wanted: Record<string, Scalar | undefined> = {
      userId: user.userId,
      firstName: user.firstName,
      middleName: user.middleName,
      lastName: user.lastName,
      email: user.email,
      phone: user.phone,
      canLogIn: user.canLogIn,
      retired: user.retired
    }
    if (user.company !== undefined) wanted.companyId = resolve(companyIds, user.company, 'company among Our companies', `${path}.company`, at)
    if (user.role !== undefined) wanted.roleId = user.role === null ? null : resolve(roleIds, user.role, 'role', `${path}.role`, at)
    if (user.primaryGroup !== undefined) wanted.primaryGroupId = user.primaryGroup === null ? null : resolve(groupIds, user.primaryGroup, 'user group', `${path}.primaryGroup`, at)
    if (user.otherGroups !== undefined) {
      const ids = user.otherGroups.map((g) => resolve(groupIds, g, 'user group', `${path}.otherGroups`, at))
      wanted.otherGroupIds = encodeList(ids.filter((g): g is string => g !== undefined))
    }
    if (user.licences !== undefined) wanted.licences = encodeList(user.licences)
    const values = differing(existing, wanted)
    const hasPassword = (existing?.passwordHash ?? null) !== null
    const password = passwordFor(user.password, user.userId, hasPassword)
    if (password !== undefined) values.password = password
    if (user.passwordHash && !hasPassword && password === undefined) planned.hashes.push({ userId: user.userId, hash: user.passwordHash })
    if (Object.keys(values).length > 0) plan(planned, 'associate', id ?? nextNewId(), values, at)
  })

  otherUsers.forEach((user, i) => {
    const at = `otherUsers[${i}] ${user.userId}`
    if (associatesByUserId.get(nameKey(user.userId))) {
      problems.push({ path: `otherUsers[${i}].userId`, message: `${at}: ${user.userId} is an associate on the site, not a system or anonymous user.` })
      return
    }
    const id = otherByUserId.get(nameKey(user.userId)) ?? undefined
    const existing = id ? state.otherUsers.get(id) : undefined
    if (existing && existing.userType !== user.type) {
      problems.push({ path: `otherUsers[${i}].type`, message: `${at} is a ${String(existing.userType)} user on the site; a user's type cannot change.` })
      return
    }
    const values = differing(existing, { userId: user.userId, userType: existing ? undefined : user.type, description: user.description, active: user.active })
    const hasPassword = (existing?.passwordHash ?? null) !== null
    const password = passwordFor(user.password, user.userId, hasPassword)
    if (password !== undefined) values.password = password
    if (user.passwordHash && !hasPassword && password === undefined) planned.hashes.push({ userId: user.userId, hash: user.passwordHash })
    if (Object.keys(values).length > 0) plan(planned, 'otherUser', id ?? nextNewId(), values, at)
  })
  return planned
}

/**
 * The initial passwords a run will set, worked out before its transaction: for users the file
 * creates or who have no password yet, the given text or a password generated to the policy the
 * file leaves in force. Hashing them ahead keeps scrypt out of the site's write lock.
 */
export function initialPasswords(file: ProvisioningFile, saved: { associates: Saved; otherUsers: Saved }, policy: PasswordPolicy): { passwords: string[]; generated: Map<string, string> } {
  const hasPassword = new Map<string, boolean>()
  for (const rows of [saved.associates, saved.otherUsers]) {
    for (const v of rows.values()) hasPassword.set(nameKey(String(v.userId ?? '')), (v.passwordHash ?? null) !== null)
  }
  const passwords: string[] = []
  const generated = new Map<string, string>()
  for (const user of [...(file.associates ?? []), ...(file.otherUsers ?? [])]) {
    const key = nameKey(user.userId)
    if (user.password === undefined || hasPassword.get(key) === true || generated.has(key)) continue
    const password = typeof user.password === 'string' ? user.password : generatePassword(policy)
    if (typeof user.password !== 'string') generated.set(key, password)
    passwords.push(password)
  }
  return { passwords, generated }
}
