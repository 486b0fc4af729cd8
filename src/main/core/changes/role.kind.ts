import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Problem } from '../../../shared/ipc/result'
import { isNewId, type DiffEntry, type FieldChange, type Scalar } from '../../../shared/domain/change-set'
import {
  ALL_DATA_RIGHT_FIELDS,
  ALL_FUNCTIONAL_RIGHT_FIELDS,
  CREATABLE_ROLE_TYPES,
  FUNCTIONAL_RIGHTS_BY_TYPE,
  OWNER_RELATIONS,
  PREDEFINED_ROLE_IDS,
  dataRightField,
  functionalRightField,
  parseRoleField,
  type DataObject,
  type FunctionalRightId,
  type Level,
  type OwnerRelation
} from '../../../shared/domain/role'
import {
  countUsersByRole,
  findDataRights,
  findRoleFunctionalRights,
  findRoles,
  grantFunctionalRights,
  insertRole,
  moveUsersToRole,
  revokeFunctionalRights,
  updateRole,
  upsertDataRights,
  type DataRightRecord
} from '../repos/role.repo'
import type { EntityKind, MergedRow, Values } from './entity-kind'
import { nameKey } from './user-group.kind'
import { copySourceProblem, effectiveRights, rightFieldsOf, roleTypeOf } from './role-rights'
import { DATA_OBJECT_LABELS, OWNER_RELATION_LABELS, ROLE_FIELD_LABELS } from './role-labels'
import { lastAdministratorRoleProblems } from './last-administrator.rules'

const ROLE_FIELDS = ['name', 'description', 'rank', 'roleType', 'copyFrom', 'deleted', 'reassignTo'] as const

/** Live (not soft-deleted) saved roles as flat values: role fields, one field per cell and per right. */
export async function loadSavedRoles(db: Kysely<DB>, ids?: readonly string[]): Promise<Map<string, Values>> {
  const roles = (await findRoles(db, ids?.map(Number))).filter((r) => r.deleted === 0)
  const roleIds = roles.map((r) => r.role_id)
  const cells = await findDataRights(db, roleIds)
  const granted = await findRoleFunctionalRights(db, roleIds)
  const byId = new Map<string, Values>()
  for (const role of roles) {
    const values: Values = {
      name: role.name,
      description: role.description,
      rank: role.rank,
      roleType: role.role_type,
      copyFrom: null,
      deleted: false,
      reassignTo: null
    }
    for (const id of FUNCTIONAL_RIGHTS_BY_TYPE[role.role_type]) values[functionalRightField(id)] = false
    byId.set(String(role.role_id), values)
  }
  for (const cell of cells) {
    const values = byId.get(String(cell.role_id))
    if (values) values[dataRightField(cell.data_object, cell.owner_relation)] = cell.level
  }
  for (const link of granted) {
    const values = byId.get(String(link.role_id))
    if (values) values[`functionalRights.${link.functional_right_id}`] = true
  }
  return byId
}

/** Every live role as it will be after Save: saved roles with the changed rows laid over them. */
async function finalRoles(db: Kysely<DB>, changed: readonly MergedRow[]): Promise<Map<string, Values>> {
  const roles = await loadSavedRoles(db)
  for (const row of changed) roles.set(row.id, row.merged)
  return roles
}

/** "an employee role", "a system role". */
const aRole = (roleType: string): string => `${/^[aeiou]/.test(roleType) ? 'an' : 'a'} ${roleType} role`
const isDeleted = (values: Values | undefined): boolean => values?.deleted === true
const displayName = (values: Values | undefined, id: string): string => {
  const name = String(values?.name ?? '').trim()
  return name === '' ? (isNewId(id) ? 'the new role' : `role ${id}`) : `"${name}"`
}

/** Roles → one row per role; its matrix cells and functional rights are fields of the row. */
export const roleKind: EntityKind = {
  entity: 'role',
  screen: 'roles',
  fields: [...ROLE_FIELDS, ...ALL_DATA_RIGHT_FIELDS, ...ALL_FUNCTIONAL_RIGHT_FIELDS],
  // A new role's cells stay unset: they come from "copy rights from" (or blank) when read or saved.
  defaults: { name: '', description: '', rank: 0, roleType: 'employee', copyFrom: null, deleted: false, reassignTo: null },

  loadSaved: (db, ids) => loadSavedRoles(db, ids),

  label: (values) => String(values.name ?? '').trim() || '(new role)',

  async validate(db, changed, actingAssociateId) {
    const roles = await finalRoles(db, changed)
    const users = await countUsersByRole(db)
    const problems: Problem[] = []
    for (const row of changed) problems.push(...problemsOf(row, roles, users))
    problems.push(...(await ownRoleDeletionProblems(db, changed, actingAssociateId)))
    problems.push(...(await lastAdministratorRoleProblems(db, changed)))
    return problems
  },

  async apply(trx, rows, clock) {
    const now = clock().toISOString()
    const roles = await finalRoles(trx, rows)
    const savedRows = rows.filter((r) => r.saved !== null)
    const deletions = savedRows.filter((r) => isDeleted(r.merged))

    // Names are unique per type among live roles: park renamed roles first so swaps apply, and
    // retire deleted roles before new ones may take their names.
    for (const row of savedRows.filter((r) => r.changedFields.includes('name'))) {
      await updateRole(trx, Number(row.id), { name: `\u0001renaming:${row.id}` }, now)
    }
    for (const row of deletions) await updateRole(trx, Number(row.id), { deleted: true }, now)

    const realId = new Map<string, number>()
    for (const row of rows.filter((r) => r.saved === null && !isDeleted(r.merged))) {
      const roleType = roleTypeOf(row.merged)
      const id = await insertRole(
        trx,
        { name: String(row.merged.name).trim(), description: String(row.merged.description ?? ''), rank: Number(row.merged.rank ?? 0), roleType },
        now
      )
      realId.set(row.id, id)
      await writeRights(trx, id, effectiveRights(row.id, roles), rightFieldsOf(roleType))
    }

    for (const row of savedRows) {
      const patch: Parameters<typeof updateRole>[2] = {}
      if (row.changedFields.includes('name')) patch.name = String(row.merged.name).trim()
      if (row.changedFields.includes('description')) patch.description = String(row.merged.description ?? '')
      if (row.changedFields.includes('rank')) patch.rank = Number(row.merged.rank ?? 0)
      if (Object.keys(patch).length > 0) await updateRole(trx, Number(row.id), patch, now)
      await writeRights(trx, Number(row.id), row.merged, row.changedFields.filter((f) => parseRoleField(f) !== null))
    }

    for (const row of deletions) {
      const target = String(row.merged.reassignTo ?? '')
      const targetId = isNewId(target) ? realId.get(target) : Number(target)
      if (targetId) await moveUsersToRole(trx, Number(row.id), targetId)
    }
  },

  async annotate(db, entries) {
    const roles = await loadSavedRoles(db)
    const pending = new Map(entries.map((e) => [e.id, e]))
    const users = await countUsersByRole(db, entries.filter((e) => !isNewId(e.id)).map((e) => Number(e.id)))
    const nameOf = (id: Scalar): Scalar => {
      if (typeof id !== 'string') return id
      const newName = pending.get(id)?.label
      return newName ?? String(roles.get(id)?.name ?? id)
    }
    return entries
      .filter((entry) => !(entry.action === 'create' && entry.fields.some((f) => f.field === 'deleted' && f.new === true)))
      .map((entry): DiffEntry => {
        const deleting = entry.fields.some((f) => f.field === 'deleted' && f.new === true)
        const fields = entry.fields
          .filter((f) => f.new !== null || f.old !== null)
          .filter((f) => !(entry.action === 'create' && f.field === 'deleted'))
          .filter((f) => f.field !== 'reassignTo' || deleting)
          .map((f) => describeField(f, nameOf))
        return { ...entry, fields, affectedUsers: isNewId(entry.id) ? 0 : (users.get(Number(entry.id)) ?? 0) }
      })
  }
}

function describeField(change: FieldChange, nameOf: (id: Scalar) => Scalar): FieldChange {
  const parsed = parseRoleField(change.field)
  if (parsed?.kind === 'dataRight') {
    return { ...change, label: `Data rights: ${DATA_OBJECT_LABELS[parsed.object]} / ${OWNER_RELATION_LABELS[parsed.relation]}` }
  }
  if (parsed?.kind === 'functionalRight') {
    const state = (v: Scalar): Scalar => (v === null ? null : v === true ? 'granted' : 'not granted')
    return { ...change, old: state(change.old), new: state(change.new), label: `Functional right: ${parsed.id}` }
  }
  if (change.field === 'copyFrom' || change.field === 'reassignTo') {
    return { ...change, old: nameOf(change.old), new: nameOf(change.new), label: ROLE_FIELD_LABELS[change.field] }
  }
  return { ...change, label: ROLE_FIELD_LABELS[change.field] ?? change.field }
}

/** Writes the given cell and right fields of one role from its values. */
async function writeRights(db: Kysely<DB>, roleId: number, values: Values, fields: readonly string[]): Promise<void> {
  const cells: DataRightRecord[] = []
  const grant: FunctionalRightId[] = []
  const revoke: FunctionalRightId[] = []
  for (const field of fields) {
    const parsed = parseRoleField(field)
    if (parsed?.kind === 'dataRight') {
      cells.push({ role_id: roleId, data_object: parsed.object, owner_relation: parsed.relation, level: values[field] as Level })
    } else if (parsed?.kind === 'functionalRight') {
      ;(values[field] === true ? grant : revoke).push(parsed.id)
    }
  }
  await upsertDataRights(db, cells)
  await grantFunctionalRights(db, roleId, grant)
  await revokeFunctionalRights(db, roleId, revoke)
}

/** Every rule one changed role breaks, judged against all roles as they would be after Save. */
function problemsOf(row: MergedRow, roles: ReadonlyMap<string, Values>, users: ReadonlyMap<number, number>): Problem[] {
  const problems: Problem[] = []
  const at = (field: string): string => `role:${row.id}.${field}`
  const values = row.merged
  const roleType = roleTypeOf(values)
  const who = displayName(row.saved ?? values, row.id)
  const Who = who.charAt(0).toUpperCase() + who.slice(1)

  if (row.saved === null) {
    if (isDeleted(values)) return problems // created and deleted in the same set: nothing is written
    if (!CREATABLE_ROLE_TYPES.includes(roleType)) {
      problems.push({ path: at('roleType'), message: `${Who} cannot be added: there is exactly one ${roleType} role, and it cannot be copied.` })
    }
    const copy = copySourceProblem(row.id, roles)
    if (copy) problems.push({ path: at('copyFrom'), message: `${Who} ${copy}. Choose another role to copy from, or start with blank rights.` })
  } else {
    if (row.saved.roleType === 'system') {
      return [{ path: at('name'), message: `${Who} is read-only: the System user role bypasses security and cannot be changed or deleted.` }]
    }
    if (row.changedFields.includes('roleType')) {
      problems.push({ path: at('roleType'), message: `The type of ${who} cannot change; create a role of the other type instead.` })
    }
    if (row.changedFields.includes('copyFrom')) {
      problems.push({ path: at('copyFrom'), message: `Rights can only be copied when a role is created; ${who} already exists. Change its cells instead.` })
    }
  }

  if (!isDeleted(values)) {
    const name = String(values.name ?? '').trim()
    if (name === '') {
      problems.push({ path: at('name'), message: row.saved ? `Role ${who} needs a name.` : 'A new role needs a name.' })
    } else {
      const clash = [...roles].some(
        ([otherId, other]) => otherId !== row.id && !isDeleted(other) && roleTypeOf(other) === roleType && nameKey(String(other.name ?? '')) === nameKey(name)
      )
      if (clash) {
        problems.push({ path: at('name'), message: `There would be two ${roleType} roles called "${name}". Names must differ within a type (upper and lower case count as the same).` })
      }
    }
  }

  for (const field of row.changedFields) {
    const parsed = parseRoleField(field)
    if (!parsed || values[field] === undefined || values[field] === null) continue
    if (parsed.kind === 'dataRight' && !OWNER_RELATIONS[roleType].includes(parsed.relation)) {
      problems.push({ path: at(field), message: `${Who} is ${aRole(roleType)}; the "${OWNER_RELATION_LABELS[parsed.relation as OwnerRelation]}" column does not apply to it (${DATA_OBJECT_LABELS[parsed.object as DataObject]}).` })
    }
    if (parsed.kind === 'functionalRight' && !FUNCTIONAL_RIGHTS_BY_TYPE[roleType].includes(parsed.id)) {
      const why = roleType === 'anonymous' ? 'the anonymous role has data rights only' : `it is not a right for ${roleType} roles`
      problems.push({ path: at(field), message: `${Who} cannot hold the functional right "${parsed.id}": ${why}.` })
    }
  }

  if (row.saved !== null && isDeleted(values)) problems.push(...deletionProblems(row, roles, users, Who))
  return problems
}

function deletionProblems(row: MergedRow, roles: ReadonlyMap<string, Values>, users: ReadonlyMap<number, number>, Who: string): Problem[] {
  const at = `role:${row.id}.deleted`
  const roleType = roleTypeOf(row.merged)
  if (Number(row.id) === PREDEFINED_ROLE_IDS.userLevel0) {
    return [{ path: at, message: `${Who} cannot be deleted: User level 0 is the administrator role every site keeps.` }]
  }
  const live = [...roles].filter(([, v]) => !isDeleted(v) && roleTypeOf(v) === roleType)
  if (live.length === 0) {
    return [{ path: at, message: `${Who} cannot be deleted: it is the last ${roleType} role, and every type needs one.` }]
  }
  const movingHere = [...roles].find(([otherId, other]) => otherId !== row.id && isDeleted(other) && other.reassignTo === row.id)
  if (movingHere) {
    return [{ path: at, message: `${Who} cannot be deleted: the users of "${String(movingHere[1].name)}" are being moved to it. Choose another role for them first.` }]
  }
  const holders = users.get(Number(row.id)) ?? 0
  const target = row.merged.reassignTo
  if (typeof target !== 'string') {
    return holders === 0
      ? []
      : [{ path: `role:${row.id}.reassignTo`, message: `${Who} still has ${holders} ${holders === 1 ? 'user' : 'users'}: choose a role of the same type to assign them to.` }]
  }
  const targetValues = roles.get(target)
  const bad =
    target === row.id
      ? 'cannot be the role being deleted'
      : !targetValues
        ? 'does not exist'
        : isDeleted(targetValues)
          ? `("${String(targetValues.name)}") is being deleted too`
          : roleTypeOf(targetValues) !== roleType
            ? `("${String(targetValues.name)}") is not ${aRole(roleType)}`
            : null
  return bad ? [{ path: `role:${row.id}.reassignTo`, message: `${Who} cannot be deleted: the role chosen for its users ${bad}.` }] : []
}

/** Deleting the role the signed-in admin holds would change their own role: another admin must. */
async function ownRoleDeletionProblems(db: Kysely<DB>, changed: readonly MergedRow[], actingAssociateId?: number): Promise<Problem[]> {
  if (actingAssociateId === undefined) return []
  const own = await db.selectFrom('user_role').select('role_id').where('associate_id', '=', actingAssociateId).executeTakeFirst()
  if (!own) return []
  return changed
    .filter((row) => row.saved !== null && Number(row.id) === own.role_id && isDeleted(row.merged))
    .map((row) => ({
      path: `role:${row.id}.deleted`,
      message: `You cannot delete your own role "${String(row.saved?.name ?? row.merged.name)}": that would change your own role. Another administrator must do it.`
    }))
}
