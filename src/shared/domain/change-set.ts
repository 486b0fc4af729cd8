import { z } from 'zod'
import { userGroupValuesSchema } from './user-group'
import { roleValuesSchema } from './role'
import { associateValuesSchema, otherUserValuesSchema, ourCompanyValuesSchema } from './user'
import { entityIdSchema } from './entity-id'
import { passwordPolicyValuesSchema } from './preferences'
import type { AdminRight } from '../ipc/rights'

/** Screens that own a pending change set (SPEC D2): one set per screen. */
export const SCREENS = ['lists', 'roles', 'users', 'preferences'] as const
export const screenSchema = z.enum(SCREENS)
export type Screen = z.infer<typeof screenSchema>

/** The admin right that opens each screen's change set (SPEC D7). */
export const SCREEN_RIGHTS: Record<Screen, AdminRight> = { lists: 'admin-lists', roles: 'admin-role', users: 'admin-users', preferences: 'admin-all' }

export { entityIdSchema, isNewId } from './entity-id'

/**
 * One staged edit. Creating a row is an edit of a "new:N" id; the entity's schema says which
 * fields exist. Adding an entity kind adds a member to this union and a kind in main.
 */
export const changeSchema = z.discriminatedUnion('entity', [
  z.strictObject({ entity: z.literal('userGroup'), id: entityIdSchema, values: userGroupValuesSchema }),
  z.strictObject({ entity: z.literal('role'), id: entityIdSchema, values: roleValuesSchema }),
  z.strictObject({ entity: z.literal('ourCompany'), id: entityIdSchema, values: ourCompanyValuesSchema }),
  z.strictObject({ entity: z.literal('associate'), id: entityIdSchema, values: associateValuesSchema }),
  z.strictObject({ entity: z.literal('otherUser'), id: entityIdSchema, values: otherUserValuesSchema }),
  z.strictObject({ entity: z.literal('passwordPolicy'), id: z.literal('1'), values: passwordPolicyValuesSchema })
])
export type Change = z.infer<typeof changeSchema>
export type EntityKindName = Change['entity']

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])
export type Scalar = z.infer<typeof scalarSchema>

export const fieldChangeSchema = z.object({
  field: z.string(),
  old: scalarSchema,
  new: scalarSchema,
  /** English wording of a field the kind names itself ("Data rights: Company / My own"); audit and CLI read it. */
  label: z.string().optional()
})
export type FieldChange = z.infer<typeof fieldChangeSchema>

/** What Save's confirmation dialog lists: per entity row, each field old → new. */
export const diffEntrySchema = z.object({
  entity: z.string(),
  id: z.string(),
  label: z.string(),
  action: z.enum(['create', 'update']),
  fields: z.array(fieldChangeSchema),
  /** How many users the change touches, where the kind can tell (a role: the users holding it). */
  affectedUsers: z.number().int().optional()
})
export type DiffEntry = z.infer<typeof diffEntrySchema>

/**
 * A side effect of the pending set that no single field shows (SPEC A3.1): seats used and freed
 * per licence, users who gain or lose the right to log in, users moved between companies.
 */
export const consequenceSchema = z.object({
  /** 'seats', 'login', 'company', …: the renderer groups and translates by kind. */
  kind: z.string(),
  /** What it is about: a licence's module name, a user's label. */
  subject: z.string(),
  before: scalarSchema,
  after: scalarSchema,
  /** One English sentence for the audit, the CLI and readers without a catalogue. */
  message: z.string()
})
export type Consequence = z.infer<typeof consequenceSchema>

export const changeSetStateSchema = z.object({
  screen: screenSchema,
  /** Steps that are applied (not undone). */
  steps: z.number().int(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** When the oldest applied step was staged (ISO time), so the UI can say work was restored. */
  pendingSince: z.string().nullable()
})
export type ChangeSetState = z.infer<typeof changeSetStateSchema>
