import { z } from 'zod'
import { licenceKindSchema, moduleNameSchema } from './licence'
import { EXPIRY_STATES } from './licence-rules'

/** What the Licences screen receives over IPC (contract.ts); built in main from verified files only. */

export const holderSchema = z.object({ associateId: z.number().int(), userId: z.string(), fullName: z.string() })

export const expirySchema = z.object({
  state: z.enum(EXPIRY_STATES),
  until: z.string().nullable(),
  daysLeft: z.number().int().nullable()
})

export const licenceViewSchema = z.object({
  moduleName: z.string(),
  displayName: z.string(),
  tooltip: z.string(),
  kind: licenceKindSchema,
  total: z.number().int(),
  unrestricted: z.boolean(),
  prerequisite: z.string().nullable(),
  allowedUserTypes: z.array(z.string()),
  sortOrder: z.number().int(),
  /** User: assignments; site: 1 (this database); system: null. */
  inUse: z.number().int().nullable(),
  /** Null when nothing is counted (system or unrestricted). */
  free: z.number().int().nullable(),
  overAssigned: z.boolean()
})
export type LicenceView = z.infer<typeof licenceViewSchema>

export const licenceGroupSchema = z.object({ kind: licenceKindSchema, licences: z.array(licenceViewSchema) })

export const signerTrustSchema = z.enum(['vendor', 'partner', 'demo'])

export const licenceOwnerViewSchema = z.object({
  ownerName: z.string(),
  description: z.string(),
  shopUrl: z.string(),
  licenseeName: z.string(),
  serialNumber: z.string(),
  expiresOn: z.string().nullable(),
  graceUntil: z.string().nullable(),
  maintenanceUntil: z.string().nullable(),
  adminWarningOn: z.string().nullable(),
  isDemo: z.boolean(),
  /** Null when the stored file no longer verifies (then `problem` says why and no licence counts). */
  signer: signerTrustSchema.nullable(),
  valid: z.boolean(),
  problem: z.string().nullable(),
  expiry: expirySchema,
  /** True from the owner's admin warning date on. */
  adminWarning: z.boolean(),
  /** False after expiry (grace included): the owner's licences cannot be newly assigned. */
  mayAssignNew: z.boolean(),
  activatedAt: z.string(),
  activatedBy: z.string(),
  /** System, site, user, in that order; hidden licences are left out. */
  groups: z.array(licenceGroupSchema)
})
export type LicenceOwnerView = z.infer<typeof licenceOwnerViewSchema>

export const licenceOwnersOutputSchema = z.object({
  /** The day (YYYY-MM-DD, UTC) the expiry states were computed for. */
  today: z.string(),
  owners: z.array(licenceOwnerViewSchema)
})

export const licenceHoldersOutputSchema = z.object({ moduleName: z.string(), total: z.number().int(), offset: z.number().int(), holders: z.array(holderSchema) })

export const licenceStatusSchema = z.object({
  databaseOwner: z.string().nullable(),
  licenseeName: z.string(),
  serialNumber: z.string(),
  isDemoSite: z.boolean(),
  schemaVersion: z.number().int(),
  sitePath: z.string(),
  siteSizeBytes: z.number().int(),
  /** Licence events from the audit log (activations, restores), newest first. */
  events: z.array(z.object({ id: z.number().int(), occurredAt: z.string(), actor: z.string(), action: z.string(), summary: z.string() }))
})

/** Names a licence file main has read (LicenceInbox); opaque to the renderer. */
export const licenceTokenSchema = z.uuid('Not a licence file token.')

export const loadLicenceFileOutputSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('cancelled') }),
  /** `token` names the file main keeps for preview and activate; the renderer never sees its bytes. */
  z.object({ status: z.literal('loaded'), token: z.string(), fileName: z.string() })
])

export const licenceChangeSchema = z.object({
  moduleName: z.string(),
  displayName: z.string(),
  kind: licenceKindSchema,
  change: z.enum(['added', 'removed', 'changed', 'unchanged']),
  /** Fields that differ (total, unrestricted, displayName, …); empty for added/removed/unchanged. */
  fields: z.array(z.string()),
  oldTotal: z.number().int().nullable(),
  /** Null when the licence is removed (counts as 0 seats). */
  newTotal: z.number().int().nullable(),
  oldUnrestricted: z.boolean().nullable(),
  newUnrestricted: z.boolean().nullable(),
  inUse: z.number().int().nullable(),
  /** Free after activation; negative when short; null when nothing is counted. */
  newFree: z.number().int().nullable(),
  /** Red: fewer seats than holders. Activate stays disabled until removals cover `excess`. */
  short: z.boolean(),
  excess: z.number().int(),
  /** The users holding the licence (given for short lines, for "Remove superfluous licences"). */
  holders: z.array(holderSchema)
})
export type LicenceChange = z.infer<typeof licenceChangeSchema>

export const activationPreviewSchema = z.object({
  ownerName: z.string(),
  isNewOwner: z.boolean(),
  signer: signerTrustSchema,
  isDemo: z.boolean(),
  licenseeName: z.string(),
  serialNumber: z.string(),
  /** True when this site has no licensee yet and the file's becomes the site's. */
  setsSiteLicensee: z.boolean(),
  expiresOn: z.string().nullable(),
  graceUntil: z.string().nullable(),
  expiry: expirySchema,
  /** Changed licences, plus unchanged ones that are short; unchanged others are only counted. */
  changes: z.array(licenceChangeSchema),
  unchangedCount: z.number().int(),
  /** False while any line is short. */
  canActivate: z.boolean()
})
export type ActivationPreview = z.infer<typeof activationPreviewSchema>

export const assignmentRemovalSchema = z.strictObject({
  moduleName: moduleNameSchema,
  associateIds: z.array(z.number().int().positive()).max(100_000)
})
export type AssignmentRemoval = z.infer<typeof assignmentRemovalSchema>

export const activationOutcomeSchema = z.object({
  ownerName: z.string(),
  auditEntryId: z.number().int(),
  changedLicences: z.number().int(),
  /** Every assignment removed: those asked for, plus children of removed parents (SPEC §2.4). */
  removedAssignments: z.array(z.object({ moduleName: z.string(), associateId: z.number().int(), userId: z.string() }))
})
export type ActivationOutcome = z.infer<typeof activationOutcomeSchema>

export const loginReasonSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('no-login-licence') }),
  z.object({ code: z.literal('login-licence-ended'), ownerName: z.string(), until: z.string().nullable() }),
  z.object({ code: z.literal('no-client-licence') }),
  z.object({
    code: z.literal('client-licences-ended'),
    ended: z.array(z.object({ moduleName: z.string(), ownerName: z.string(), until: z.string().nullable() }))
  })
])

export const whoLosesAccessOutputSchema = z.object({
  date: z.string(),
  /** Users who can log in today but not on `date`, with why. */
  users: z.array(holderSchema.extend({ reasons: z.array(loginReasonSchema) }))
})
