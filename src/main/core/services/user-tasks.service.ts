import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { AppError } from '../../../shared/ipc/result'
import { isNewId, type ChangeSetState } from '../../../shared/domain/change-set'
import { seatCount } from '../../../shared/domain/licence-rules'
import { explainPermissions } from '../../../shared/domain/permission-explainer'
import { suggestUserId } from '../../../shared/domain/user-id'
import { decodeList, encodeList, type AssociateValues } from '../../../shared/domain/user'
import type { RoleType } from '../../../shared/domain/role'
import type { MergedRow, Values } from '../changes/entity-kind'
import { loadUserRules, signedInAssociateId, userLabel, type UserDeps, type UserRules } from '../changes/user-context'
import { loadSavedAssociates } from '../changes/associate.kind'
import { effectiveRights } from '../changes/role-rights'
import { nameKey } from '../changes/user-group.kind'
import { findAllUserIds, findHoldersOfRight, findRolesWithRight } from '../repos/associate.repo'
import { findCompanies } from '../repos/company.repo'
import { pendingSeats } from './users.service'

/** The Task menu's actions that need main: Remove User's pre-flight, Clone user, the explainer. */

const str = (v: unknown): string => (typeof v === 'string' ? v : '')

async function mergedAssociate(db: Kysely<DB>, deps: UserDeps, id: string): Promise<MergedRow> {
  const row = (await deps.engine().merged('users', 'associate', false)).find((r) => r.id === id)
  if (row) return row
  const saved = isNewId(id) ? undefined : (await loadSavedAssociates(db, [id])).get(id)
  if (!saved) throw new AppError('not_found', `There is no associate with id ${id}; it may have been deleted. Reload the screen.`)
  return { id, saved, merged: saved, changedFields: [] }
}

type RemovalOption = 'remove-licences' | 'mark-former' | 'delete-associate' | 'delete-associate-and-person'

/** Remove User's pre-flight (SPEC A3.7): every blocker at once, and what each of the four options does. */
export async function removalPreflight(db: Kysely<DB>, deps: UserDeps, id: string) {
  const row = await mergedAssociate(db, deps, id)
  const rules = await loadUserRules(db, deps)
  const v = row.merged
  const label = userLabel(v)
  const blockers: Array<{ code: string; message: string; blocks: RemovalOption[] }> = []
  if (signedInAssociateId(deps.session()) === id) {
    blockers.push({ code: 'signed-in', message: `${label} is signed in: you cannot remove yourself.`, blocks: ['remove-licences', 'mark-former', 'delete-associate', 'delete-associate-and-person'] })
  }
  const adminRoles = await findRolesWithRight(db, 'admin-all')
  const holders = new Set((await findHoldersOfRight(db, 'admin-all')).map(String))
  for (const r of await deps.engine().merged('users', 'associate', false)) {
    const role = rules.roles.get(str(r.merged.roleId))
    const ok = (r.merged.removal ?? null) === null && r.merged.retired !== true && r.merged.canLogIn === true && role !== undefined && !role.deleted && adminRoles.has(Number(r.merged.roleId))
    if (ok) holders.add(r.id)
    else holders.delete(r.id)
  }
  if (holders.size === 1 && holders.has(id)) {
    blockers.push({ code: 'last-administrator', message: `${label} is the last General administrator who can log in.`, blocks: ['mark-former', 'delete-associate', 'delete-associate-and-person'] })
  }
  const licences = decodeList(v.licences).map((m) => rules.catalogue.get(m)?.displayName ?? m)
  const freed = licences.length ? `Frees ${licences.length} ${licences.length === 1 ? 'licence' : 'licences'} (${licences.join(', ')}).` : 'Holds no licences.'
  const person = [v.firstName, v.middleName, v.lastName].map(str).filter(Boolean).join(' ')
  const option = (option: RemovalOption, title: string, description: string, values: AssociateValues) => {
    const blockedBy = blockers.filter((b) => b.blocks.includes(option)).map((b) => b.code)
    return { option, title, description, allowed: blockedBy.length === 0, blockedBy, values }
  }
  return {
    id,
    label,
    blockers,
    options: [
      option('remove-licences', 'Remove user licences', `${freed} The user stays, keeps role and groups, and cannot log in until licences are given again.`, { licences: '' }),
      option('mark-former', 'Mark associate as former employee', `${freed} Login is removed; data and history are kept, and the user can be re-activated later.`, { retired: true, canLogIn: false, licences: '' }),
      option('delete-associate', `Delete associate ${str(v.userId)}`, `Deletes the user ${str(v.userId)} with role, groups, licences and password; the person ${person || '(no name)'} stays in the CRM, and a snapshot is kept in the associate history.`, { removal: 'delete-associate' }),
      option('delete-associate-and-person', `Delete associate ${str(v.userId)} and contact ${person || '(no name)'}`, 'Deletes the user as above and the person card too; the associate history keeps the snapshot.', { removal: 'delete-associate-and-person' })
    ]
  }
}

async function takenUserIds(db: Kysely<DB>, deps: UserDeps): Promise<Set<string>> {
  const taken = new Set((await findAllUserIds(db)).map((r) => nameKey(r.user_id)))
  for (const kind of ['associate', 'otherUser'] as const) {
    for (const r of await deps.engine().merged('users', kind, false)) taken.add(nameKey(str(r.merged.userId)))
  }
  return taken
}

function cloneLicences(source: Values, rules: UserRules): { copied: string[]; notCopied: Array<{ moduleName: string; reason: string }> } {
  const copied: string[] = []
  const notCopied: Array<{ moduleName: string; reason: string }> = []
  for (const m of decodeList(source.licences)) {
    const l = rules.catalogue.get(m)
    if (!l) notCopied.push({ moduleName: m, reason: 'No valid licence owner provides it.' })
    else if (!l.mayAssignNew) notCopied.push({ moduleName: m, reason: `The licence of ${l.ownerName} has expired; it cannot be newly assigned.` })
    else copied.push(m)
  }
  // A child whose parent was left out cannot be copied either (SPEC §2.4).
  const kept = copied.filter((m) => {
    for (let p = rules.catalogue.get(m)?.prerequisite ?? null; p !== null; p = rules.catalogue.get(p)?.prerequisite ?? null) if (!copied.includes(p)) return false
    return true
  })
  for (const m of copied.filter((m) => !kept.includes(m))) notCopied.push({ moduleName: m, reason: 'Its prerequisite is not copied.' })
  return { copied: kept, notCopied }
}

/** What Clone user copies (role, groups, company, licences) and whether the seats allow it. */
export async function clonePreview(db: Kysely<DB>, deps: UserDeps, sourceId: string, firstName = '', lastName = '') {
  const source = (await mergedAssociate(db, deps, sourceId)).merged
  const rules = await loadUserRules(db, deps)
  const { copied, notCopied } = cloneLicences(source, rules)
  const { after } = await pendingSeats(db, deps)
  const companies = new Map((await findCompanies(db)).map((c) => [String(c.company_id), c.name]))
  for (const r of await deps.engine().merged('users', 'ourCompany', false)) companies.set(r.id, str(r.merged.name))
  const taken = await takenUserIds(db, deps)
  return {
    sourceId,
    sourceLabel: userLabel(source),
    copies: {
      role: rules.roles.get(str(source.roleId))?.name ?? null,
      primaryGroup: rules.groups.get(str(source.primaryGroupId))?.name ?? null,
      otherGroups: decodeList(source.otherGroupIds).map((g) => rules.groups.get(g)?.name ?? g),
      company: companies.get(str(source.companyId)) ?? null,
      licences: copied.map((m) => rules.catalogue.get(m)?.displayName ?? m)
    },
    seats: copied.flatMap((m) => {
      const l = rules.catalogue.get(m)
      if (!l || l.unrestricted) return []
      const freeNow = seatCount(l, after.get(m) ?? 0).free ?? 0
      return [{ moduleName: m, displayName: l.displayName, total: l.total, freeNow, freeAfter: freeNow - 1, fits: freeNow - 1 >= 0 }]
    }),
    notCopied,
    suggestedUserId: suggestUserId(firstName, lastName, (c) => taken.has(nameKey(c)))
  }
}

/** Stages a new associate copied from `sourceId` with a new person and user ID; Save checks the seats. */
export async function cloneUser(
  db: Kysely<DB>,
  deps: UserDeps,
  input: { sourceId: string; firstName: string; middleName: string; lastName: string; email: string; userId?: string }
): Promise<{ id: string; state: ChangeSetState }> {
  const source = (await mergedAssociate(db, deps, input.sourceId)).merged
  const rules = await loadUserRules(db, deps)
  const taken = await takenUserIds(db, deps)
  const used = (await deps.engine().merged('users', 'associate', false)).filter((r) => isNewId(r.id)).map((r) => Number(r.id.slice(4)))
  const id = `new:${Math.max(0, ...used) + 1}`
  const values: AssociateValues = {
    firstName: input.firstName,
    middleName: input.middleName,
    lastName: input.lastName,
    email: input.email,
    userId: input.userId?.trim() || suggestUserId(input.firstName, input.lastName, (c) => taken.has(nameKey(c))),
    companyId: typeof source.companyId === 'string' ? source.companyId : null,
    roleId: typeof source.roleId === 'string' ? source.roleId : null,
    primaryGroupId: typeof source.primaryGroupId === 'string' ? source.primaryGroupId : null,
    otherGroupIds: str(source.otherGroupIds),
    licences: encodeList(cloneLicences(source, rules).copied),
    canLogIn: source.canLogIn === true,
    retired: false
  }
  const state = await deps.engine().stage('users', { entity: 'associate', id, values })
  return { id, state }
}

/** The permission explainer for one user, with the role and groups as they will be after Save. */
export async function explainUser(db: Kysely<DB>, deps: UserDeps, id: string) {
  const v = (await mergedAssociate(db, deps, id)).merged
  const rules = await loadUserRules(db, deps)
  const roles = new Map((await deps.engine().merged('roles', 'role', true)).map((r) => [r.id, r.merged]))
  const roleId = str(v.roleId)
  const role = roles.get(roleId)
  const explanation = explainPermissions({
    roleName: role ? str(role.name) : null,
    roleType: role ? (str(role.roleType) as RoleType) : null,
    rights: role ? effectiveRights(roleId, roles) : {},
    primaryGroup: rules.groups.get(str(v.primaryGroupId))?.name ?? null,
    otherGroups: decodeList(v.otherGroupIds).map((g) => rules.groups.get(g)?.name ?? g),
    retired: v.retired === true
  })
  return {
    id,
    label: userLabel(v),
    role: role ? str(role.name) : null,
    primaryGroup: rules.groups.get(str(v.primaryGroupId))?.name ?? null,
    otherGroups: decodeList(v.otherGroupIds).map((g) => rules.groups.get(g)?.name ?? g),
    columns: explanation.columns,
    rows: explanation.rows,
    notes: explanation.notes
  }
}
