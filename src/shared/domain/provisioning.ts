import { z } from 'zod'
import { passwordPolicyValuesSchema } from './preferences'
import { DATA_OBJECTS, FUNCTIONAL_RIGHT_IDS, LEVELS, OWNER_RELATIONS_ALL, ROLE_DESCRIPTION_MAX, ROLE_NAME_MAX, ROLE_RANK_MAX, roleTypeSchema } from './role'
import { USER_GROUP_NAME_MAX, USER_GROUP_TOOLTIP_MAX, RANK_MAX } from './user-group.limits'
import { COMPANY_NAME_MAX, DESCRIPTION_MAX, EMAIL_MAX, PASSWORD_MAX, PERSON_NAME_MAX, PHONE_MAX, USER_ID_MAX, otherUserTypeSchema } from './user'

/**
 * A provisioning file (issue 10, SPEC D11): one JSON document that describes a site for
 * `smadmin apply` and that `smadmin export` writes. Rows are named, never numbered (companies,
 * groups and roles by name, users by User ID), so one file fits any site. Applying is an upsert:
 * listed rows are created or brought to the values given; fields left out keep their value;
 * rows the file does not list are left alone (deleting stays a deliberate act in the app).
 * docs/provisioning.schema.json is generated from this schema (a unit test keeps them equal).
 */
export const PROVISIONING_FORMAT_VERSION = 1

const text = (max: number, what: string) => z.string().max(max, `${what} can be at most ${max} characters.`)
const name = (max: number, what: string) => text(max, what).trim().min(1, `${what} cannot be empty.`)

export const provisionedCompanySchema = z.strictObject({
  name: name(COMPANY_NAME_MAX, 'A company name'),
  department: text(COMPANY_NAME_MAX, 'A department').optional(),
  city: text(COMPANY_NAME_MAX, 'A city').optional()
})

export const provisionedUserGroupSchema = z.strictObject({
  name: name(USER_GROUP_NAME_MAX, 'A user group name'),
  tooltip: text(USER_GROUP_TOOLTIP_MAX, 'A tooltip').optional(),
  rank: z.number().int().min(0).max(RANK_MAX).optional()
})

const levelSchema = z.enum(LEVELS)
/** Cells of the data-rights matrix: object → "data owned by" → level, e.g. { "sale": { "own": "delete" } }. */
const dataRightsSchema = z.partialRecord(z.enum(DATA_OBJECTS), z.partialRecord(z.enum(OWNER_RELATIONS_ALL), levelSchema))

export const provisionedRoleSchema = z.strictObject({
  name: name(ROLE_NAME_MAX, 'A role name'),
  description: text(ROLE_DESCRIPTION_MAX, 'A role description').optional(),
  rank: z.number().int().min(0).max(ROLE_RANK_MAX).optional(),
  /** Only used when the role is created (default employee); a role's type never changes. */
  roleType: roleTypeSchema.optional(),
  /** Cells given are set; cells left out keep their value (blank on a new role). */
  dataRights: dataRightsSchema.describe('Data-rights cells: object → data owned by → level. Cells left out keep their value (None on a new role).').optional(),
  /** The COMPLETE list of functional rights the role has; rights not listed are taken away. */
  functionalRights: z.array(z.enum(FUNCTIONAL_RIGHT_IDS)).describe('The complete list of functional rights the role has; rights not listed are taken away.').optional()
})

/**
 * An initial password: the text itself, or `{ "generate": true }` for one made to the site's
 * policy and written to the `--passwords-out` file. Set only when the user is created or has no
 * password yet, so applying a file twice does not reset anyone's password.
 */
export const initialPasswordSchema = z.union([
  z.string().min(1, 'A password cannot be empty.').max(PASSWORD_MAX, `A password can be at most ${PASSWORD_MAX} characters.`),
  z.strictObject({ generate: z.literal(true) })
])
export type InitialPassword = z.infer<typeof initialPasswordSchema>

/** A scrypt hash as `smadmin export --include-secrets` writes it (moving users between sites). */
const passwordHashSchema = z.string().regex(/^scrypt\$/, 'A password hash must be one that smadmin export wrote (scrypt$…).').max(400)

const userIdSchema = name(USER_ID_MAX, 'A User ID').refine((id) => !/\s/.test(id), 'A User ID cannot contain spaces.')

export const provisionedAssociateSchema = z.strictObject({
  userId: userIdSchema,
  firstName: text(PERSON_NAME_MAX, 'A first name').optional(),
  middleName: text(PERSON_NAME_MAX, 'A middle name').optional(),
  lastName: text(PERSON_NAME_MAX, 'A last name').optional(),
  email: text(EMAIL_MAX, 'An e-mail address').optional(),
  phone: text(PHONE_MAX, 'A phone number').optional(),
  /** One of Our companies, by name (listed in the file or already on the site). */
  company: text(COMPANY_NAME_MAX, 'A company name').describe('One of Our companies, by name.').optional(),
  /** A role by name; null = no role. */
  role: text(ROLE_NAME_MAX, 'A role name').nullable().describe('A role by name; null for none.').optional(),
  primaryGroup: text(USER_GROUP_NAME_MAX, 'A group name').nullable().optional(),
  /** The complete list of other groups, by name. */
  otherGroups: z.array(text(USER_GROUP_NAME_MAX, 'A group name')).describe('The complete list of other user groups, by name.').optional(),
  /** The complete list of user licences, by module name ("user", "web", …). */
  licences: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'A licence is named by its module name, e.g. "web".')).optional(),
  canLogIn: z.boolean().optional(),
  retired: z.boolean().optional(),
  password: initialPasswordSchema.describe('Initial password, or { "generate": true }. Set only on a new user or one without a password.').optional(),
  passwordHash: passwordHashSchema.describe('A hash from smadmin export --include-secrets.').optional()
})
export type ProvisionedAssociate = z.infer<typeof provisionedAssociateSchema>

export const provisionedOtherUserSchema = z.strictObject({
  userId: userIdSchema,
  /** Only used when the user is created; a user's type never changes. */
  type: otherUserTypeSchema,
  description: text(DESCRIPTION_MAX, 'A description').optional(),
  active: z.boolean().optional(),
  password: initialPasswordSchema.optional(),
  passwordHash: passwordHashSchema.optional()
})
export type ProvisionedOtherUser = z.infer<typeof provisionedOtherUserSchema>

/** A licence file to activate: a path (relative to the provisioning file) or the file's text. */
export const provisionedLicenceSchema = z.union([
  z.strictObject({ file: z.string().min(1, 'A licence file path cannot be empty.') }),
  z.strictObject({ document: z.string().min(1, 'A licence document cannot be empty.') })
])
export type ProvisionedLicence = z.infer<typeof provisionedLicenceSchema>

export const provisioningFileSchema = z.strictObject({
  /** Editors use it to find docs/provisioning.schema.json; apply ignores it. */
  $schema: z.string().optional(),
  formatVersion: z.literal(PROVISIONING_FORMAT_VERSION, `formatVersion must be ${PROVISIONING_FORMAT_VERSION}: this smadmin reads format ${PROVISIONING_FORMAT_VERSION}.`),
  /** The company that owns the site (made one of Our companies if it is not). */
  ownerCompany: provisionedCompanySchema.describe('The company that owns the site (made one of Our companies).').optional(),
  ourCompanies: z.array(provisionedCompanySchema).describe('Our companies: matched by name (and department when given); created when missing.').optional(),
  userGroups: z.array(provisionedUserGroupSchema).describe('User groups, matched by name.').optional(),
  roles: z.array(provisionedRoleSchema).describe('Roles, matched by name.').optional(),
  /** Preferences → Password policy; fields left out keep their value. */
  passwordPolicy: passwordPolicyValuesSchema.describe('Preferences → Password policy; fields left out keep their value.').optional(),
  /** Licence files to activate, in order, before users are given licences. */
  licences: z.array(provisionedLicenceSchema).describe('Licence files to activate before users get licences: { "file": path relative to this file } or { "document": the file text }.').optional(),
  associates: z.array(provisionedAssociateSchema).describe('Associates (employees), matched by User ID. Fields left out keep their value.').optional(),
  otherUsers: z.array(provisionedOtherUserSchema).describe('System and anonymous users, matched by User ID.').optional()
})
export type ProvisioningFile = z.infer<typeof provisioningFileSchema>
