import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { AppError } from '../../../shared/ipc/result'
import { isNewId } from '../../../shared/domain/change-set'
import {
  DATA_OBJECTS,
  FUNCTIONAL_RIGHTS_BY_TYPE,
  OWNER_RELATIONS,
  PREDEFINED_ROLE_IDS,
  dataRightField,
  functionalRightField,
  type FunctionalRightId,
  type FunctionalRightRow,
  type Level,
  type RoleDetail,
  type RoleRow,
  type RoleType
} from '../../../shared/domain/role'
import type { ChangeSetEngine } from '../changes/change-set.engine'
import type { MergedRow, Values } from '../changes/entity-kind'
import { effectiveRights, roleTypeOf } from '../changes/role-rights'
import { countUsersByRole, findFunctionalRightCatalogue } from '../repos/role.repo'

/** The Roles screen's list of one type: saved roles with the pending set laid over them. */
export async function listRoles(engine: ChangeSetEngine, db: Kysely<DB>, roleType: RoleType): Promise<RoleRow[]> {
  const merged = await engine.merged('roles', 'role', true)
  const users = await countUsersByRole(db)
  const rows = merged.filter((row) => roleTypeOf(row.merged) === roleType).map((row) => toRoleRow(row, merged, users))
  return rows.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name) || Number(isNewId(a.id)) - Number(isNewId(b.id)))
}

/** One role's matrix and functional rights as they will be after Save. */
export async function getRole(engine: ChangeSetEngine, db: Kysely<DB>, id: string): Promise<RoleDetail> {
  const merged = await engine.merged('roles', 'role', true)
  const row = merged.find((r) => r.id === id)
  if (!row) throw new AppError('not_found', `There is no role with id ${id}; it may have been deleted. Reload the screen.`)
  const users = await countUsersByRole(db)
  const all = new Map(merged.map((r) => [r.id, r.merged]))
  const rights = effectiveRights(id, all)
  const roleType = roleTypeOf(row.merged)
  const changed = (field: string): boolean =>
    row.saved === null ? row.merged[field] !== undefined && row.merged[field] !== null : row.changedFields.includes(field)
  return {
    role: toRoleRow(row, merged, users),
    relations: [...OWNER_RELATIONS[roleType]],
    dataRights: DATA_OBJECTS.map((object) => ({
      object,
      cells: OWNER_RELATIONS[roleType].map((relation) => {
        const field = dataRightField(object, relation)
        return { relation, level: (rights[field] ?? 'none') as Level, changed: changed(field) }
      })
    })),
    functionalRights: FUNCTIONAL_RIGHTS_BY_TYPE[roleType].map((rightId: FunctionalRightId) => {
      const field = functionalRightField(rightId)
      return { id: rightId, granted: rights[field] === true, changed: changed(field) }
    }),
    copyFrom: row.saved === null && typeof row.merged.copyFrom === 'string' ? row.merged.copyFrom : null
  }
}

/**
 * The functional-rights catalogue, each right saying whether the site holds the licence it needs.
 * `heldSystemLicences` comes from the licence rules (the same list the Navigator gates on).
 */
export async function listFunctionalRights(db: Kysely<DB>, heldSystemLicences: readonly string[]): Promise<FunctionalRightRow[]> {
  const held = new Set(heldSystemLicences)
  const rows = await findFunctionalRightCatalogue(db)
  return rows.map((r) => ({
    id: r.functional_right_id as FunctionalRightId,
    displayName: r.display_name,
    description: r.description,
    appliesTo: r.applies_to,
    requiredLicence: r.required_licence,
    licenceHeld: r.required_licence === null || held.has(r.required_licence),
    builtIn: r.built_in === 1
  }))
}

function toRoleRow(row: MergedRow, all: readonly MergedRow[], users: ReadonlyMap<number, number>): RoleRow {
  const roleType = roleTypeOf(row.merged)
  return {
    id: row.id,
    name: String(row.merged.name ?? ''),
    description: String(row.merged.description ?? ''),
    rank: Number(row.merged.rank ?? 0),
    roleType,
    deleted: row.merged.deleted === true,
    status: row.saved === null ? 'new' : row.changedFields.length > 0 ? 'changed' : 'saved',
    changedFields: row.changedFields.filter((f) => row.saved !== null || (row.merged[f] !== undefined && row.merged[f] !== null)),
    userCount: isNewId(row.id) ? 0 : (users.get(Number(row.id)) ?? 0),
    readOnly: roleType === 'system',
    deleteBlockedReason: deleteBlockedReason(row, all)
  }
}

/** Why Delete is unavailable for a role (the UI disables it; Save's validation refuses it too). */
function deleteBlockedReason(row: MergedRow, all: readonly MergedRow[]): string | null {
  const roleType = roleTypeOf(row.merged)
  if (roleType === 'system') return 'The System user role cannot be deleted.'
  if (row.id === String(PREDEFINED_ROLE_IDS.userLevel0)) return 'User level 0 cannot be deleted.'
  const liveOfType = all.filter((r) => roleTypeOf(r.merged) === roleType && !isDeletedValues(r.merged))
  if (liveOfType.length === 1 && liveOfType[0].id === row.id) return `This is the only ${roleType} role; every type needs one.`
  return null
}

const isDeletedValues = (values: Values): boolean => values.deleted === true
