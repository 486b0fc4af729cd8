import { z } from 'zod'
import { entityIdSchema } from './entity-id'

/**
 * The Users screen (SPEC §3, issue 6): what an admin stages on an associate, an other user and
 * one of our companies, and what the screen reads back. Lists (other groups, licences) travel as
 * one canonical comma-separated field so the change-set engine can diff them as scalars; the
 * preview expands them into one line per group and per licence.
 */

export const USER_ID_MAX = 50
export const PERSON_NAME_MAX = 60
export const EMAIL_MAX = 254
export const PHONE_MAX = 40
export const DESCRIPTION_MAX = 200
export const COMPANY_NAME_MAX = 120
export const PASSWORD_MAX = 200

/** Canonical form of a list field: sorted, without duplicates or blanks. */
export function encodeList(items: readonly string[]): string {
  return [...new Set(items.map((i) => i.trim()).filter((i) => i !== ''))].sort().join(',')
}

/** First, middle and last name with a space between, the empty ones left out (as lists name a person). */
export function fullNameOf(first: string, middle: string, last: string): string {
  let name = first
  if (middle !== '') name = name === '' ? middle : `${name} ${middle}`
  if (last !== '') name = name === '' ? last : `${name} ${last}`
  return name
}

/**
 * A plausible e-mail address: no spaces, one @ with text before it and a dotted domain after it.
 * Empty means "no address" and is allowed. Deliberately loose: mail servers are the real judge.
 */
export function isPlausibleEmail(email: string): boolean {
  const trimmed = email.trim()
  return trimmed === '' || /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(trimmed)
}

export function decodeList(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split(',') : []
}

const listOf = (item: RegExp, what: string) =>
  z
    .string()
    .max(4000)
    .refine((s) => decodeList(s).every((i) => item.test(i)), `${what} must be a comma-separated list.`)
    .transform((s) => encodeList(s.split(',')))

/** Saved user group ids ("3,7"): other groups are maintained in Lists, never created here. */
export const groupIdListSchema = listOf(/^[1-9]\d{0,14}$/, 'Other groups')
/** Licence module names ("user,web,windows"). */
export const moduleListSchema = listOf(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Licences')

/** What the Remove User dialog's two deleting options stage (the other two are field edits). */
export const REMOVALS = ['delete-associate', 'delete-associate-and-person'] as const
export const removalSchema = z.enum(REMOVALS)
export type Removal = z.infer<typeof removalSchema>

const trimmed = (max: number, what: string) => z.string().max(max, `${what} can be at most ${max} characters.`)

/**
 * Fields an admin can stage on an associate (employee). Every field optional: a change sets only
 * what it names. `password` is accepted on the way in only: main checks it against the policy,
 * hashes it and stores `passwordHash` instead, so the plain text is never persisted or returned.
 * `passwordHash` is refused when it comes from the renderer.
 */
export const associateValuesSchema = z
  .strictObject({
    firstName: trimmed(PERSON_NAME_MAX, 'A first name'),
    middleName: trimmed(PERSON_NAME_MAX, 'A middle name'),
    lastName: trimmed(PERSON_NAME_MAX, 'A last name'),
    email: trimmed(EMAIL_MAX, 'An e-mail address'),
    phone: trimmed(PHONE_MAX, 'A phone number'),
    /** One of Our companies: a saved company id or one created in the pending set ("new:1"). */
    companyId: entityIdSchema.nullable(),
    userId: trimmed(USER_ID_MAX, 'A user ID'),
    roleId: entityIdSchema.nullable(),
    primaryGroupId: entityIdSchema.nullable(),
    otherGroupIds: groupIdListSchema,
    licences: moduleListSchema,
    canLogIn: z.boolean(),
    /** Former employee (retired): no licences, no login, history kept. */
    retired: z.boolean(),
    password: z.string().min(1).max(PASSWORD_MAX, `A password can be at most ${PASSWORD_MAX} characters.`),
    passwordHash: z.string().max(400).nullable(),
    /** Remove User options 3 and 4; null = keep the associate. */
    removal: removalSchema.nullable()
  })
  .partial()
export type AssociateValues = z.input<typeof associateValuesSchema>

/** System users and anonymous users (SPEC §3.6, §4): no person, no groups. */
export const OTHER_USER_TYPES = ['system', 'anonymous'] as const
export const otherUserTypeSchema = z.enum(OTHER_USER_TYPES)
export type OtherUserType = z.infer<typeof otherUserTypeSchema>

export const otherUserValuesSchema = z
  .strictObject({
    userId: trimmed(USER_ID_MAX, 'A user ID'),
    userType: otherUserTypeSchema,
    description: trimmed(DESCRIPTION_MAX, 'A description'),
    /** "Login: Active"; Remove login stages false. */
    active: z.boolean(),
    password: z.string().min(1).max(PASSWORD_MAX),
    passwordHash: z.string().max(400).nullable(),
    deleted: z.boolean()
  })
  .partial()
export type OtherUserValues = z.input<typeof otherUserValuesSchema>

/**
 * One of Our companies. A saved row's id is the CRM company's id: staging `member: true` on an
 * existing company adds it, `member: false` removes it (the company itself stays in the CRM).
 * A new company ("new:1", offline set-up) needs a name.
 */
export const ourCompanyValuesSchema = z
  .strictObject({
    name: trimmed(COMPANY_NAME_MAX, 'A company name'),
    department: trimmed(COMPANY_NAME_MAX, 'A department'),
    city: trimmed(COMPANY_NAME_MAX, 'A city'),
    member: z.boolean()
  })
  .partial()
export type OurCompanyValues = z.input<typeof ourCompanyValuesSchema>

// ---- what the screen reads ------------------------------------------------------------------

export const rowStatusSchema = z.enum(['saved', 'new', 'changed'])

export const LOGIN_BLOCKS = [
  'not-employee',
  'retired',
  'login-off',
  'no-role',
  'no-login-licence',
  'login-licence-ended',
  'no-client-licence',
  'client-licences-ended'
] as const
export const loginBlockSchema = z.enum(LOGIN_BLOCKS)
export type LoginBlock = z.infer<typeof loginBlockSchema>

export const loginStatusSchema = z.object({
  canLogIn: z.boolean(),
  /** Why not, in the order an admin fixes them; empty when the user can log in. */
  reasons: z.array(loginBlockSchema),
  /** One English sentence (audit, CLI); the renderer translates the codes. */
  message: z.string()
})
export type LoginStatus = z.infer<typeof loginStatusSchema>

export const ASSOCIATE_SORTS = ['userId', 'firstName', 'lastName', 'primaryGroup', 'role', 'licences', 'company', 'loginStatus'] as const
export const associateSortSchema = z.enum(ASSOCIATE_SORTS)
export type AssociateSort = z.infer<typeof associateSortSchema>

export const associateListQuerySchema = z.strictObject({
  /** One of Our companies; absent = all. */
  companyId: entityIdSchema.optional(),
  /** Contains-match over user ID, first, middle and last name, role and primary group. */
  search: z.string().max(100).default(''),
  onlyCanLogIn: z.boolean().default(false),
  /** Holders of this licence (module name). */
  licence: z.string().max(60).optional(),
  /** Users holding no licence at all. */
  noLicence: z.boolean().default(false),
  /** Former employees: shown with the others by default, like the reference's list. */
  retired: z.enum(['all', 'active', 'former']).default('all'),
  sort: associateSortSchema.default('lastName'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100)
})
export type AssociateListQuery = z.output<typeof associateListQuerySchema>

export const associateListRowSchema = z.object({
  id: z.string(),
  userId: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  lastName: z.string(),
  fullName: z.string(),
  primaryGroup: z.string(),
  role: z.string(),
  companyId: z.string().nullable(),
  company: z.string(),
  /** Module names held, in catalogue order. */
  licences: z.array(z.string()),
  /** Display names joined, for the licences column. */
  licenceSummary: z.string(),
  retired: z.boolean(),
  login: loginStatusSchema,
  status: rowStatusSchema,
  changedFields: z.array(z.string()),
  /** Staged for deletion by Remove User. */
  removal: removalSchema.nullable()
})
export type AssociateListRow = z.infer<typeof associateListRowSchema>

export const associateListOutputSchema = z.object({
  /** Rows matching the filters, pending changes included. */
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(associateListRowSchema)
})

export const licenceChoiceSchema = z.object({
  moduleName: z.string(),
  displayName: z.string(),
  tooltip: z.string(),
  ownerName: z.string(),
  prerequisite: z.string().nullable(),
  unrestricted: z.boolean(),
  total: z.number().int(),
  /** In use with the pending changes; null for unrestricted licences (no counter). */
  inUse: z.number().int().nullable(),
  free: z.number().int().nullable(),
  held: z.boolean(),
  /** False while the prerequisite is not ticked, the type is not allowed, or no seat/owner allows it. */
  enabled: z.boolean(),
  disabledReason: z.string().nullable()
})
export type LicenceChoice = z.infer<typeof licenceChoiceSchema>

export const associateCardSchema = z.object({
  id: z.string(),
  status: rowStatusSchema,
  changedFields: z.array(z.string()),
  firstName: z.string(),
  middleName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string(),
  companyId: z.string().nullable(),
  userId: z.string(),
  roleId: z.string().nullable(),
  primaryGroupId: z.string().nullable(),
  otherGroupIds: z.array(z.string()),
  licences: z.array(z.string()),
  canLogIn: z.boolean(),
  retired: z.boolean(),
  removal: removalSchema.nullable(),
  /** Whether a password is set (saved or staged); the hash itself never leaves main. */
  hasPassword: z.boolean(),
  passwordChanged: z.boolean(),
  /** Failed sign-ins and the lock they caused (issue 7); another admin can lift it. */
  signInLock: z.object({ failedAttempts: z.number().int(), lockedUntil: z.string().nullable() }).nullable(),
  login: loginStatusSchema,
  /** The licence tree: per owner, restricted and unrestricted user licences with live counters. */
  licenceOwners: z.array(
    z.object({ ownerName: z.string(), mayAssignNew: z.boolean(), restricted: z.array(licenceChoiceSchema), unrestricted: z.array(licenceChoiceSchema) })
  ),
  /** Choices for the drop-downs. */
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
  groups: z.array(z.object({ id: z.string(), name: z.string(), deleted: z.boolean() })),
  companies: z.array(z.object({ id: z.string(), name: z.string() }))
})
export type AssociateCard = z.infer<typeof associateCardSchema>

export const otherUserRowSchema = z.object({
  id: z.string(),
  userId: z.string(),
  userType: otherUserTypeSchema,
  description: z.string(),
  active: z.boolean(),
  hasPassword: z.boolean(),
  deleted: z.boolean(),
  status: rowStatusSchema,
  changedFields: z.array(z.string())
})
export type OtherUserRow = z.infer<typeof otherUserRowSchema>

export const otherUsersOutputSchema = z.object({
  /** False without the Expander Services system licence; `reason` then says so. */
  available: z.boolean(),
  reason: z.string().nullable(),
  rows: z.array(otherUserRowSchema)
})

export const ourCompanyRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  department: z.string(),
  city: z.string(),
  /** Associates at the company with the pending changes (moves, new and removed users). */
  associates: z.number().int(),
  isDatabaseOwner: z.boolean(),
  /** Staged for removal from Our companies. */
  removing: z.boolean(),
  status: rowStatusSchema,
  deleteBlockedReason: z.string().nullable()
})
export type OurCompanyRow = z.infer<typeof ourCompanyRowSchema>

export const COMPANY_MATCHES = ['startsWith', 'contains', 'equals'] as const
export const companySearchSchema = z.strictObject({
  text: z.string().max(COMPANY_NAME_MAX),
  match: z.enum(COMPANY_MATCHES).default('startsWith'),
  limit: z.number().int().min(1).max(200).default(50)
})

export const companyHitSchema = z.object({ id: z.string(), name: z.string(), department: z.string(), city: z.string(), isOurCompany: z.boolean() })

export const userLicenceOverviewSchema = z.object({
  moduleName: z.string(),
  displayName: z.string(),
  ownerName: z.string(),
  unrestricted: z.boolean(),
  total: z.number().int(),
  /** As saved. */
  inUseSaved: z.number().int(),
  /** With the pending changes. */
  inUse: z.number().int(),
  free: z.number().int().nullable(),
  overAssigned: z.boolean()
})
export type UserLicenceOverview = z.infer<typeof userLicenceOverviewSchema>

export const memberSchema = z.object({ id: z.string(), userId: z.string(), fullName: z.string() })

export const userGroupOverviewSchema = z.object({
  id: z.string(),
  name: z.string(),
  deleted: z.boolean(),
  primaryMembers: z.number().int(),
  otherMembers: z.number().int()
})

export const removalOptionSchema = z.object({
  option: z.enum(['remove-licences', 'mark-former', 'delete-associate', 'delete-associate-and-person']),
  title: z.string(),
  /** What the option will do, in one or two sentences. */
  description: z.string(),
  allowed: z.boolean(),
  /** Blockers that stop this option (a subset of the pre-flight's blockers). */
  blockedBy: z.array(z.string()),
  /** Stage these values on the associate (changes:stage) to choose the option. */
  values: associateValuesSchema
})

export const removalPreflightSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Every blocker at once (signed-in admin, last General administrator, …). */
  blockers: z.array(z.object({ code: z.string(), message: z.string(), blocks: z.array(z.string()) })),
  options: z.array(removalOptionSchema)
})

export const cloneInputSchema = z.strictObject({
  sourceId: entityIdSchema,
  firstName: trimmed(PERSON_NAME_MAX, 'A first name'),
  middleName: trimmed(PERSON_NAME_MAX, 'A middle name').default(''),
  lastName: trimmed(PERSON_NAME_MAX, 'A last name'),
  email: trimmed(EMAIL_MAX, 'An e-mail address').default(''),
  /** Absent or empty: suggested from the name. */
  userId: trimmed(USER_ID_MAX, 'A user ID').optional()
})

export const clonePreviewSchema = z.object({
  sourceId: z.string(),
  sourceLabel: z.string(),
  copies: z.object({
    role: z.string().nullable(),
    primaryGroup: z.string().nullable(),
    otherGroups: z.array(z.string()),
    company: z.string().nullable(),
    licences: z.array(z.string())
  }),
  /** Per restricted licence the clone would take: free now, free after; `fits` false = Save would refuse. */
  seats: z.array(z.object({ moduleName: z.string(), displayName: z.string(), total: z.number().int(), freeNow: z.number().int(), freeAfter: z.number().int(), fits: z.boolean() })),
  /** Licences the clone cannot get (owner expired, type not allowed). */
  notCopied: z.array(z.object({ moduleName: z.string(), reason: z.string() })),
  suggestedUserId: z.string()
})

export const explainerSchema = z.object({
  id: z.string(),
  label: z.string(),
  role: z.string().nullable(),
  primaryGroup: z.string().nullable(),
  otherGroups: z.array(z.string()),
  columns: z.array(z.string()),
  rows: z.array(
    z.object({
      object: z.string(),
      cells: z.array(z.object({ relation: z.string(), level: z.string(), source: z.string(), applies: z.boolean() }))
    })
  ),
  notes: z.array(z.string())
})
