import { z } from 'zod'
import type { Channel } from './channels'
import type { ChannelRight } from './rights'

/** `byScreen`: the right of the screen named in the input (see SCREEN_RIGHTS). */
type RightRule = ChannelRight | 'byScreen'
import {
  changeSchema,
  changeSetStateSchema,
  diffEntrySchema,
  screenSchema
} from '../domain/change-set'
import { userGroupRowSchema } from '../domain/user-group'
import { isoDateSchema, moduleNameSchema, ownerNameSchema } from '../domain/licence'
import {
  activationOutcomeSchema,
  activationPreviewSchema,
  assignmentRemovalSchema,
  licenceHoldersOutputSchema,
  licenceOwnersOutputSchema,
  licenceStatusSchema,
  licenceTokenSchema,
  loadLicenceFileOutputSchema,
  whoLosesAccessOutputSchema
} from '../domain/licence-view'
import { functionalRightRowSchema, roleDetailSchema, roleRowSchema, roleTypeSchema } from '../domain/role'
import { entityIdSchema } from '../domain/entity-id'

const empty = z.strictObject({})
const screenInput = z.strictObject({ screen: screenSchema })

/**
 * THE list of IPC channels: input and output schemas and the admin right each needs.
 * Handler types, the preload bridge and the renderer client are all derived from this object.
 */
export const contract = {
  'app:info': {
    right: 'none',
    input: empty,
    output: z.object({
      appVersion: z.string(),
      versions: z.record(z.string(), z.string()),
      platform: z.string(),
      sitePath: z.string().nullable()
    })
  },
  'app:openExternal': {
    right: 'none',
    input: z.strictObject({ url: z.string().max(2048) }),
    output: z.object({ opened: z.literal(true) })
  },
  'site:summary': {
    right: 'none',
    input: empty,
    output: z.object({
      sitePath: z.string(),
      schemaVersion: z.number().int(),
      heldSystemLicences: z.array(z.string()),
      /** Screens with staged, unsaved changes (survives restarts). */
      screensWithPendingChanges: z.array(screenSchema)
    })
  },
  // Licences (issue 5). Reading is open to every signed-in admin: user administrators need the
  // seat counts and nothing here is secret. Loading and activating a licence file needs admin-all.
  'licences:owners': { right: 'none', input: empty, output: licenceOwnersOutputSchema },
  'licences:holders': {
    right: 'none',
    input: z.strictObject({ moduleName: moduleNameSchema }),
    output: licenceHoldersOutputSchema
  },
  'licences:status': { right: 'none', input: empty, output: licenceStatusSchema },
  /** Main shows the open dialog and keeps the file; the renderer gets a token, never the bytes. */
  'licences:loadFile': { right: 'admin-all', input: empty, output: loadLicenceFileOutputSchema },
  'licences:preview': {
    right: 'admin-all',
    input: z.strictObject({ token: licenceTokenSchema }),
    output: activationPreviewSchema
  },
  'licences:activate': {
    right: 'admin-all',
    input: z.strictObject({ token: licenceTokenSchema, removals: z.array(assignmentRemovalSchema).max(1000).default([]) }),
    output: activationOutcomeSchema
  },
  'licences:whoLosesAccess': {
    right: 'none',
    input: z.strictObject({ date: isoDateSchema }),
    output: whoLosesAccessOutputSchema
  },
  /** "Purchase new licences": opens the shop address from the owner's verified licence file. */
  'licences:openShop': {
    right: 'none',
    input: z.strictObject({ ownerName: ownerNameSchema }),
    output: z.object({ opened: z.literal(true) })
  },
  'changes:state': { right: 'byScreen', input: screenInput, output: changeSetStateSchema },
  'changes:stage': {
    right: 'byScreen',
    input: z.strictObject({ screen: screenSchema, change: changeSchema }),
    output: changeSetStateSchema
  },
  'changes:undo': { right: 'byScreen', input: screenInput, output: changeSetStateSchema },
  'changes:redo': { right: 'byScreen', input: screenInput, output: changeSetStateSchema },
  'changes:preview': {
    right: 'byScreen',
    input: screenInput,
    output: z.object({ entries: z.array(diffEntrySchema) })
  },
  'changes:save': {
    right: 'byScreen',
    input: screenInput,
    output: z.object({ savedEntries: z.number().int(), auditEntryId: z.number().int().nullable() })
  },
  'changes:cancel': { right: 'byScreen', input: screenInput, output: changeSetStateSchema },
  'userGroups:list': {
    right: 'admin-lists',
    input: z.strictObject({ includeDeleted: z.boolean().default(true) }),
    output: z.object({ rows: z.array(userGroupRowSchema) })
  },
  /** Roles of one type (a Roles tab), merged with the pending set; saved deleted roles are never listed. */
  'roles:list': {
    right: 'admin-role',
    input: z.strictObject({ roleType: roleTypeSchema }),
    output: z.object({ rows: z.array(roleRowSchema) })
  },
  /** One role's data-rights matrix and functional rights, merged with the pending set. */
  'roles:get': {
    right: 'admin-role',
    input: z.strictObject({ id: entityIdSchema }),
    output: roleDetailSchema
  },
  /** The functional-rights catalogue, marking rights whose required licence the site lacks. */
  'roles:functionalRights': {
    right: 'admin-role',
    input: empty,
    output: z.object({ rows: z.array(functionalRightRowSchema) })
  }
} as const satisfies Record<Channel, { right: RightRule; input: z.ZodType; output: z.ZodType }>

export type Contract = typeof contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

// Compile-time proof that channels.ts and the contract list the same names.
type MissingFromContract = Exclude<Channel, keyof Contract>
type MissingFromChannels = Exclude<keyof Contract, Channel>
export const contractMatchesChannels: [MissingFromContract, MissingFromChannels] extends [never, never] ? true : never = true
