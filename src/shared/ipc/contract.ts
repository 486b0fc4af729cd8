import { z } from 'zod'
import type { Channel } from './channels'
import type { ChannelRight } from './rights'

/** `byScreen`: the right of the screen named in the input (see SCREEN_RIGHTS). */
type RightRule = ChannelRight | 'byScreen'
import {
  changeSchema,
  changeSetStateSchema,
  consequenceSchema,
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
import { LANGUAGES } from '../domain/languages'
import { snapshotComparisonSchema, snapshotInfoSchema, snapshotNameSchema, snapshotRestoreOutcomeSchema } from '../domain/snapshot'
import {
  associateCardSchema,
  associateListOutputSchema,
  associateListQuerySchema,
  cloneInputSchema,
  clonePreviewSchema,
  companyHitSchema,
  companySearchSchema,
  explainerSchema,
  memberSchema,
  otherUsersOutputSchema,
  ourCompanyRowSchema,
  removalPreflightSchema,
  userGroupOverviewSchema,
  userLicenceOverviewSchema
} from '../domain/user'
import { authStatusSchema, setupInputSchema, setupLicenceFileSchema, signInInputSchema, signInOutcomeSchema } from '../domain/auth'
import { passwordPolicyFormSchema, sitePolicySchema } from '../domain/preferences'
import { auditExportSchema, auditFilterSchema, auditPageSchema, auditVerifySchema } from '../domain/audit'
import {
  importCheckOutputSchema,
  importFileOutputSchema,
  importMappingSchema,
  importPreviewFilterSchema,
  importPreviewOutputSchema,
  importTokenSchema,
  usersExportInputSchema
} from '../domain/user-import'

const empty = z.strictObject({})
const screenInput = z.strictObject({ screen: screenSchema })

/**
 * THE list of IPC channels: input and output schemas and the admin right each needs.
 * Handler types, the preload bridge and the renderer client are all derived from this object.
 */
export const contract = {
  'app:info': {
    right: 'public',
    input: empty,
    output: z.object({
      appVersion: z.string(),
      versions: z.record(z.string(), z.string()),
      platform: z.string(),
      /** The machine-wide default interface language (docs/deployment.md); a user's own choice wins. */
      defaultLanguage: z.enum(LANGUAGES).nullable(),
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
  /** One page of a licence's holders, by User ID: a user licence may have 100,000 of them (issue 8). */
  'licences:holders': {
    right: 'none',
    input: z.strictObject({ moduleName: moduleNameSchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }),
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
    output: z.object({
      entries: z.array(diffEntrySchema),
      /** Side effects no single field shows (seats used/freed, login gained/lost, users moved). */
      consequences: z.array(consequenceSchema)
    })
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
  },
  // Snapshots (issue 9, SPEC A3.10). They copy the whole site, passwords' hashes included, so
  // only a general administrator may take, compare or restore them.
  'snapshots:list': { right: 'admin-all', input: empty, output: z.object({ snapshots: z.array(snapshotInfoSchema) }) },
  /** File → Snapshot: an on-demand snapshot (reason "manual"). */
  'snapshots:take': { right: 'admin-all', input: empty, output: snapshotInfoSchema },
  /** What changed from snapshot `a` to snapshot `b` or to the live site. */
  'snapshots:compare': {
    right: 'admin-all',
    input: z.strictObject({ a: snapshotNameSchema, b: z.union([snapshotNameSchema, z.literal('live')]) }),
    output: snapshotComparisonSchema
  },
  /** Main asks where to write the copy (a save dialog); never over the live site. */
  'snapshots:restore': { right: 'admin-all', input: z.strictObject({ name: snapshotNameSchema }), output: snapshotRestoreOutcomeSchema },
  // Users (issue 6). Edits go through changes:* with screen 'users'; these channels read the
  // merged view and run the Task menu's actions that need main.
  /** One page of associates: filtered, sorted and paged in main (SQL), pending changes included. */
  'users:list': { right: 'admin-users', input: associateListQuerySchema, output: associateListOutputSchema },
  /** One associate's card with its licence tree, login status and the drop-downs' choices. */
  'users:get': { right: 'admin-users', input: z.strictObject({ id: entityIdSchema }), output: associateCardSchema },
  'users:otherUsers': { right: 'admin-users', input: empty, output: otherUsersOutputSchema },
  'users:ourCompanies': { right: 'admin-users', input: empty, output: z.object({ rows: z.array(ourCompanyRowSchema) }) },
  /** The company Find dialog for "Add" on Our companies. */
  'users:findCompanies': { right: 'admin-users', input: companySearchSchema, output: z.object({ rows: z.array(companyHitSchema) }) },
  'users:licences': { right: 'admin-users', input: empty, output: z.object({ rows: z.array(userLicenceOverviewSchema) }) },
  'users:licenceHolders': {
    right: 'admin-users',
    input: z.strictObject({ moduleName: moduleNameSchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ moduleName: z.string(), total: z.number().int(), holders: z.array(memberSchema) })
  },
  'users:groups': { right: 'admin-users', input: empty, output: z.object({ rows: z.array(userGroupOverviewSchema) }) },
  'users:groupMembers': {
    right: 'admin-users',
    input: z.strictObject({ groupId: entityIdSchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ groupId: z.string(), total: z.number().int(), members: z.array(memberSchema.extend({ membership: z.enum(['primary', 'other']) })) })
  },
  /** Remove User: every blocker at once and what each of the four options will do (and the values to stage). */
  'users:removalPreflight': { right: 'admin-users', input: z.strictObject({ id: entityIdSchema }), output: removalPreflightSchema },
  'users:clonePreview': {
    right: 'admin-users',
    input: z.strictObject({ sourceId: entityIdSchema, firstName: z.string().max(60).default(''), lastName: z.string().max(60).default('') }),
    output: clonePreviewSchema
  },
  /** Stages a copy of a user (role, groups, company, licences) with a new person and user ID. */
  'users:clone': { right: 'admin-users', input: cloneInputSchema, output: z.object({ id: z.string(), state: changeSetStateSchema }) },
  /** The permission explainer: per data object and ownership column, the level and where it comes from. */
  'users:explain': { right: 'admin-users', input: z.strictObject({ id: entityIdSchema }), output: explainerSchema },
  // Sign-in and first-run set-up (issue 7, SPEC D7). The session lives in main; these report who
  // is signed in and with which rights, never a credential.
  'auth:status': { right: 'public', input: empty, output: authStatusSchema },
  /** Wrong User ID and wrong password get the same answer, after the same work (a hash check). */
  'auth:signIn': { right: 'public', input: signInInputSchema, output: signInOutcomeSchema },
  'auth:signOut': { right: 'none', input: empty, output: authStatusSchema },
  /** Lifts a sign-in lock-out before its time (another administrator, Users screen). */
  'auth:unlock': { right: 'admin-users', input: z.strictObject({ associateId: z.number().int().positive() }), output: z.object({ unlocked: z.boolean() }) },
  /** The wizard's "Load licence file…": only while the site has no administrator. */
  'setup:loadLicenceFile': { right: 'public', input: empty, output: setupLicenceFileSchema },
  /** The wizard's Finish: company, first administrator and licence in one transaction; signs the admin in. */
  'setup:complete': { right: 'public', input: setupInputSchema, output: authStatusSchema },
  /** The saved policy: password fields show its rules (the wizard too, before anyone signs in). */
  'preferences:passwordPolicy': { right: 'public', input: empty, output: sitePolicySchema },
  /** Preferences → Password policy with its pending edits laid over (the page's form). */
  'preferences:get': {
    right: 'admin-all',
    input: empty,
    output: z.object({ values: passwordPolicyFormSchema, changedFields: z.array(z.string()), isDefault: z.boolean() })
  },
  // Audit log (SPEC D9, A3.6): readable by every signed-in admin on Licences → Status.
  'audit:list': {
    right: 'none',
    input: z.strictObject({ filter: auditFilterSchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: auditPageSchema
  },
  'audit:verify': { right: 'none', input: empty, output: auditVerifySchema },
  /** Main asks where to save (a save dialog) and writes the CSV; the renderer never touches files. */
  'audit:export': { right: 'none', input: z.strictObject({ filter: auditFilterSchema }), output: auditExportSchema },
  // Import → Users from CSV and Export (issue 10). Main reads and keeps the file; the renderer
  // holds a token, drives the check a chunk at a time (progress) and pages through the rows.
  /** Main shows the open dialog, reads and parses the file, and suggests a column mapping. */
  'import:chooseUsersFile': { right: 'admin-users', input: empty, output: importFileOutputSchema },
  /** Checks the next chunk of rows under `mapping`; `from` 0 starts over, later calls continue where the last stopped. */
  'import:checkUsers': {
    right: 'admin-users',
    input: z.strictObject({ token: importTokenSchema, mapping: importMappingSchema, from: z.number().int().min(0) }),
    output: importCheckOutputSchema
  },
  'import:previewUsers': {
    right: 'admin-users',
    input: z.strictObject({
      token: importTokenSchema,
      show: importPreviewFilterSchema.default('all'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100)
    }),
    output: importPreviewOutputSchema
  },
  /** Stages every new and changed row as ONE step on the Users screen; refused while any row has a problem. */
  'import:stageUsers': {
    right: 'admin-users',
    input: z.strictObject({ token: importTokenSchema }),
    output: z.object({ created: z.number().int(), updated: z.number().int(), state: changeSetStateSchema })
  },
  'import:closeUsersFile': { right: 'admin-users', input: z.strictObject({ token: importTokenSchema }), output: z.object({ closed: z.literal(true) }) },
  /** Users → Associates → Export: main asks where (a save dialog) and writes every user the filter matches. */
  'export:users': {
    right: 'admin-users',
    input: usersExportInputSchema,
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('cancelled') }),
      z.object({ status: z.literal('saved'), path: z.string(), rows: z.number().int() })
    ])
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
