import { z } from 'zod'
import { entityIdSchema } from './entity-id'

/** Role types as text (SPEC D1); the reference's RoleType enum is Employee 0, ExternalUser 1, Anonymous 2, System 3. */
export const ROLE_TYPES = ['employee', 'external', 'anonymous', 'system'] as const
export const roleTypeSchema = z.enum(ROLE_TYPES)
export type RoleType = z.infer<typeof roleTypeSchema>

/** Types an admin may add roles of: there is exactly one anonymous and one (hidden) system role. */
export const CREATABLE_ROLE_TYPES: readonly RoleType[] = ['employee', 'external']

/** Rows of the data-rights matrix, in the reference's order (SPEC §5.3). */
export const DATA_OBJECTS = [
  'company',
  'contact',
  'project',
  'project_member',
  'selection',
  'sale',
  'follow_up',
  'document',
  'relation',
  'stakeholder',
  'dashboard'
] as const
export const dataObjectSchema = z.enum(DATA_OBJECTS)
export type DataObject = z.infer<typeof dataObjectSchema>

/** Every ownership column ("Data owned by") the store knows. */
export const OWNER_RELATIONS_ALL = [
  'own',
  'primary_group',
  'other_groups',
  'other_associates',
  'external',
  'anonymous',
  'my_company',
  'same_project'
] as const
export const ownerRelationSchema = z.enum(OWNER_RELATIONS_ALL)
export type OwnerRelation = z.infer<typeof ownerRelationSchema>

/**
 * The matrix columns of each role type. Anonymous visitors belong to no user group (SPEC §4), so
 * the group columns mean nothing for them; the system role keeps the associate columns although
 * it bypasses security, so its (read-only) matrix still shows what it may do.
 */
export const OWNER_RELATIONS: Readonly<Record<RoleType, readonly OwnerRelation[]>> = {
  employee: ['own', 'primary_group', 'other_groups', 'other_associates', 'external', 'anonymous'],
  external: ['own', 'my_company', 'same_project'],
  anonymous: ['own', 'other_associates', 'external', 'anonymous'],
  system: ['own', 'primary_group', 'other_groups', 'other_associates', 'external', 'anonymous']
}

/** Data-right levels, cumulative: each includes the ones before it (Create = read + create). */
export const LEVELS = ['none', 'read', 'create', 'update', 'delete'] as const
export const levelSchema = z.enum(LEVELS)
export type Level = z.infer<typeof levelSchema>

/** Position of a level in the cumulative order (none = 0 … delete = 4). */
export const levelRank = (level: Level): number => LEVELS.indexOf(level)

/** Negative, zero or positive as `a` grants less than, as much as or more than `b`. */
export const compareLevels = (a: Level, b: Level): number => levelRank(a) - levelRank(b)

/** True when `held` allows everything `needed` does (levels are cumulative). */
export const levelIncludes = (held: Level, needed: Level): boolean => compareLevels(held, needed) >= 0

/** The most generous of the levels; none for an empty list. */
export function maxLevel(...levels: readonly Level[]): Level {
  return levels.reduce<Level>((best, level) => (compareLevels(level, best) > 0 ? level : best), 'none')
}

/** The reference's CRUD letters for a level (DataRight.CRUD): '' … 'CRUD'. */
export const levelLetters = (level: Level): string => ({ none: '', read: 'R', create: 'CR', update: 'CRU', delete: 'CRUD' })[level]

/**
 * Functional rights the app knows by id, in catalogue order (SPEC §5.4). The migration seeds the
 * catalogue with display names, descriptions and licences; a unit test keeps both lists equal.
 */
export const EMPLOYEE_FUNCTIONAL_RIGHTS = [
  'admin-all',
  'admin-lists',
  'admin-users',
  'admin-udef',
  'admin-import',
  'admin-role',
  'admin-replication',
  'admin-preferences',
  'admin-script',
  'admin-workflow',
  'admin-quote',
  'quote-can-approve',
  'admin-saint-regeneration',
  'admin-audience',
  'allow-readonly-override',
  'hide-company',
  'hide-sale',
  'hide-project',
  'hide-inbox',
  'hide-selection',
  'hide-reporter',
  'allow-bulk-mailmerge',
  'allow-bulk-export',
  'allow-bulk-generate-activities',
  'allow-bulk-copy-members',
  'allow-bulk-edit',
  'allow-bulk-delete',
  'allow-bulk-interests',
  'allow-bulk-email',
  'allow-bulk-user-applications',
  'see-other-companies-associates',
  'allow-dictionarySDK',
  'allow-manage-entities',
  'syncadmin-all',
  'syncadmin-user'
] as const
export const EXTERNAL_FUNCTIONAL_RIGHTS = [
  'ext-need-publish-to-see-project',
  'ext-need-publish-to-see-appointment',
  'ext-need-publish-to-see-document',
  'ext-need-publish-to-see-sale',
  'ext-see-event-projects',
  'ext-use-my-company-rights',
  'ext-use-same-project-rights'
] as const
export const FUNCTIONAL_RIGHT_IDS = [...EMPLOYEE_FUNCTIONAL_RIGHTS, ...EXTERNAL_FUNCTIONAL_RIGHTS] as const
export type FunctionalRightId = (typeof FUNCTIONAL_RIGHT_IDS)[number]
export const functionalRightIdSchema = z.enum(FUNCTIONAL_RIGHT_IDS)

/** Which functional rights a role type can hold: external roles get the ext-* rights, anonymous none. */
export const FUNCTIONAL_RIGHTS_BY_TYPE: Readonly<Record<RoleType, readonly FunctionalRightId[]>> = {
  employee: EMPLOYEE_FUNCTIONAL_RIGHTS,
  external: EXTERNAL_FUNCTIONAL_RIGHTS,
  anonymous: [],
  system: EMPLOYEE_FUNCTIONAL_RIGHTS
}

/**
 * Seeded roles with fixed ids (migrations/0002): the rules protect two of them by id because
 * admins may rename any role.
 */
export const PREDEFINED_ROLE_IDS = {
  userLevel0: 1,
  userLevel1: 2,
  userLevel2: 3,
  userLevel3: 4,
  userLevel4: 5,
  userLevel5: 6,
  listAdministrator: 7,
  userAdministrator: 8,
  localUser: 9,
  externalUser: 10,
  anonymousUser: 11,
  systemUser: 12
} as const

// ---- staged changes ---------------------------------------------------------------------------
// A role is one row of the change-set engine; each matrix cell and each functional right is a
// field of it ("dataRights.company.own", "functionalRights.admin-users"). Save's diff then lists,
// per role, exactly the cells and rights that change, and Undo steps through them one by one.

export type DataRightField = `dataRights.${DataObject}.${OwnerRelation}`
export type FunctionalRightField = `functionalRights.${FunctionalRightId}`

export const dataRightField = (object: DataObject, relation: OwnerRelation): DataRightField => `dataRights.${object}.${relation}`
export const functionalRightField = (id: FunctionalRightId): FunctionalRightField => `functionalRights.${id}`

/** Parses a field name back into its cell or right; null for the role's own fields (name, …). */
export function parseRoleField(
  field: string
): { kind: 'dataRight'; object: DataObject; relation: OwnerRelation } | { kind: 'functionalRight'; id: FunctionalRightId } | null {
  const cell = /^dataRights\.([a-z_]+)\.([a-z_]+)$/.exec(field)
  if (cell) {
    const object = dataObjectSchema.safeParse(cell[1])
    const relation = ownerRelationSchema.safeParse(cell[2])
    return object.success && relation.success ? { kind: 'dataRight', object: object.data, relation: relation.data } : null
  }
  const right = /^functionalRights\.(.+)$/.exec(field)
  if (right) {
    const id = functionalRightIdSchema.safeParse(right[1])
    return id.success ? { kind: 'functionalRight', id: id.data } : null
  }
  return null
}

export const ALL_DATA_RIGHT_FIELDS: readonly DataRightField[] = DATA_OBJECTS.flatMap((o) => OWNER_RELATIONS_ALL.map((r) => dataRightField(o, r)))
export const ALL_FUNCTIONAL_RIGHT_FIELDS: readonly FunctionalRightField[] = FUNCTIONAL_RIGHT_IDS.map(functionalRightField)

export const ROLE_NAME_MAX = 60
export const ROLE_DESCRIPTION_MAX = 250
export const ROLE_RANK_MAX = 1_000_000

const roleFieldShape = {
  name: z.string().max(ROLE_NAME_MAX, `A role name can be at most ${ROLE_NAME_MAX} characters.`),
  description: z.string().max(ROLE_DESCRIPTION_MAX, `A description can be at most ${ROLE_DESCRIPTION_MAX} characters.`),
  rank: z.number().int('Rank must be a whole number.').min(0, 'Rank cannot be negative.').max(ROLE_RANK_MAX),
  /** Only when the role is created. */
  roleType: roleTypeSchema,
  /** Only when the role is created: the role whose rights the new one starts with; null = blank rights. */
  copyFrom: entityIdSchema.nullable(),
  /** Soft delete (the reference's Role.deleted). */
  deleted: z.boolean(),
  /** With `deleted`: the role of the same type that the deleted role's users move to. */
  reassignTo: entityIdSchema.nullable()
}
const dataRightShape = Object.fromEntries(ALL_DATA_RIGHT_FIELDS.map((f) => [f, levelSchema])) as Record<DataRightField, typeof levelSchema>
const functionalRightShape = Object.fromEntries(ALL_FUNCTIONAL_RIGHT_FIELDS.map((f) => [f, z.boolean()])) as Record<
  FunctionalRightField,
  z.ZodBoolean
>

/**
 * Fields an admin can stage on a role. Every field optional: a change sets only what it names.
 * Cells take a level; functional rights take true (the role can) or false (it cannot).
 */
export const roleValuesSchema = z.strictObject({ ...roleFieldShape, ...dataRightShape, ...functionalRightShape }).partial()
export type RoleValues = z.infer<typeof roleValuesSchema>

// ---- what the Roles screen reads ------------------------------------------------------------

export const roleRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  rank: z.number(),
  roleType: roleTypeSchema,
  /** True when the pending set deletes the role (saved deleted roles are never listed). */
  deleted: z.boolean(),
  /** saved = as in the database; new / changed = affected by the pending change set. */
  status: z.enum(['saved', 'new', 'changed']),
  changedFields: z.array(z.string()),
  /** Users holding the role as saved (a new role has none until Save). */
  userCount: z.number().int(),
  /** The system role bypasses security and is never edited. */
  readOnly: z.boolean(),
  /** Null when Delete is allowed; otherwise why not (system role, User level 0, last of its type). */
  deleteBlockedReason: z.string().nullable()
})
export type RoleRow = z.infer<typeof roleRowSchema>

export const dataRightCellSchema = z.object({
  relation: ownerRelationSchema,
  level: levelSchema,
  /** Differs from the saved state (for a new role: set explicitly rather than copied). */
  changed: z.boolean()
})

export const roleDetailSchema = z.object({
  role: roleRowSchema,
  /** The matrix columns of this role's type, in display order. */
  relations: z.array(ownerRelationSchema),
  dataRights: z.array(z.object({ object: dataObjectSchema, cells: z.array(dataRightCellSchema) })),
  /** Every right this role type can hold, granted or not, in catalogue order. */
  functionalRights: z.array(z.object({ id: functionalRightIdSchema, granted: z.boolean(), changed: z.boolean() })),
  /** For a role created in the pending set: the role it copies rights from (null = blank). */
  copyFrom: z.string().nullable()
})
export type RoleDetail = z.infer<typeof roleDetailSchema>

export const functionalRightRowSchema = z.object({
  id: functionalRightIdSchema,
  displayName: z.string(),
  description: z.string(),
  appliesTo: z.enum(['employee', 'external']),
  requiredLicence: z.string().nullable(),
  /** False when the right needs a licence the site does not hold (the UI marks such rights). */
  licenceHeld: z.boolean(),
  builtIn: z.boolean()
})
export type FunctionalRightRow = z.infer<typeof functionalRightRowSchema>
