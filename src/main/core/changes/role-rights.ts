import { isNewId } from '../../../shared/domain/change-set'
import {
  DATA_OBJECTS,
  FUNCTIONAL_RIGHTS_BY_TYPE,
  OWNER_RELATIONS,
  dataRightField,
  functionalRightField,
  roleTypeSchema,
  type RoleType
} from '../../../shared/domain/role'
import type { Values } from './entity-kind'

/** The cell and right fields a role of this type has, in display order. */
export function rightFieldsOf(roleType: RoleType): string[] {
  return [
    ...DATA_OBJECTS.flatMap((object) => OWNER_RELATIONS[roleType].map((relation) => dataRightField(object, relation))),
    ...FUNCTIONAL_RIGHTS_BY_TYPE[roleType].map(functionalRightField)
  ]
}

/** "Start with blank rights": every cell None, no functional right. */
export function blankRights(roleType: RoleType): Values {
  const values: Values = {}
  for (const field of rightFieldsOf(roleType)) values[field] = field.startsWith('dataRights.') ? 'none' : false
  return values
}

export const roleTypeOf = (values: Values): RoleType => roleTypeSchema.catch('employee').parse(values.roleType)

/**
 * Where "copy rights from" goes wrong for a role created in the pending set: a copy of itself,
 * a chain that comes back to it, a role that does not exist or one of another type. Null = fine.
 */
export function copySourceProblem(id: string, roles: ReadonlyMap<string, Values>): string | null {
  const own = roles.get(id)
  const first = own?.copyFrom
  if (!own || typeof first !== 'string') return null
  if (first === id) return 'copies rights from itself'
  const source = roles.get(first)
  if (!source) return 'copies rights from a role that does not exist'
  if (roleTypeOf(source) !== roleTypeOf(own)) return `copies rights from "${String(source.name)}", which is a role of another type`
  const seen = new Set([id])
  for (let at: string | null = first; at !== null && isNewId(at); ) {
    if (seen.has(at)) return 'copies rights in a circle (each role copies from another in the chain)'
    seen.add(at)
    const next: unknown = roles.get(at)?.copyFrom
    at = typeof next === 'string' ? next : null
  }
  return null
}

/**
 * A role's rights as they will be after Save. Saved roles carry every cell already; a role
 * created in the pending set takes what it did not set itself from the role it copies (as that
 * role will be after Save), or blank rights. A broken chain falls back to blank rights; Save's
 * validation reports it.
 */
export function effectiveRights(id: string, roles: ReadonlyMap<string, Values>): Values {
  const values = roles.get(id)
  if (!values) return {}
  const roleType = roleTypeOf(values)
  if (!isNewId(id)) return { ...blankRights(roleType), ...pick(values, rightFieldsOf(roleType)) }
  let base = blankRights(roleType)
  if (typeof values.copyFrom === 'string' && copySourceProblem(id, roles) === null) {
    base = { ...base, ...pick(effectiveRights(values.copyFrom, roles), rightFieldsOf(roleType)) }
  }
  for (const field of rightFieldsOf(roleType)) {
    if (values[field] !== undefined && values[field] !== null) base[field] = values[field]
  }
  return base
}

function pick(values: Values, fields: readonly string[]): Values {
  const picked: Values = {}
  for (const field of fields) if (values[field] !== undefined) picked[field] = values[field]
  return picked
}
