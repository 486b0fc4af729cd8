import { z } from 'zod'

/**
 * The licence file format (SPEC D4, issue 5): a signed envelope around a body. The body says who
 * issued the licences (owner), to whom (licensee), until when (dates) and what (licences). The
 * signature is Ed25519 over the canonical serialisation of the body (sorted keys, no whitespace,
 * UTF-8); main checks it, the renderer only ever sees the parsed, verified result.
 */

/** Licence kinds as text (SPEC D1): never the reference's confusing numeric enum. */
export const LICENCE_KINDS = ['system', 'site', 'user'] as const
export const licenceKindSchema = z.enum(LICENCE_KINDS)
export type LicenceKind = z.infer<typeof licenceKindSchema>

/** Associate types a user licence may be given to (the reference's allowedAssocsMask). */
export const LICENSABLE_USER_TYPES = ['employee', 'resource', 'external', 'anonymous', 'system'] as const
export const licensableUserTypeSchema = z.enum(LICENSABLE_USER_TYPES)

/** Calendar dates only ("2027-03-31"): an owner's licences end at the end of that day. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written as YYYY-MM-DD.')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a real calendar date.')

/** Module names are the stable keys licences, prerequisites and assignments refer to. */
export const moduleNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'A licence module name uses lower-case letters, digits and hyphens (at most 60).')

/** Owner names are upper case (the reference's ModuleOwner.ownerName); SUPEROFFICE is the vendor. */
export const ownerNameSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9 _-]{0,59}$/, 'An owner name uses upper-case letters, digits, spaces, "_" and "-" (at most 60).')

export const licenceEntrySchema = z.strictObject({
  moduleName: moduleNameSchema,
  displayName: z.string().min(1, 'Every licence needs a display name.').max(120),
  tooltip: z.string().max(500),
  kind: licenceKindSchema,
  total: z.number().int('A licence total must be a whole number.').min(0, 'A licence total cannot be negative.').max(1_000_000),
  /** No cap: assignable to any number of users, shows no counter (SPEC §2.5). */
  unrestricted: z.boolean(),
  /** Module name of the licence a holder must have first (SPEC §2.4), or null. */
  prerequisite: moduleNameSchema.nullable(),
  allowedUserTypes: z.array(licensableUserTypeSchema).max(LICENSABLE_USER_TYPES.length),
  /** Never listed on screen (the reference's hidden flag), but still counted and enforced. */
  hidden: z.boolean(),
  sortOrder: z.number().int().min(0).max(1_000_000)
})
export type LicenceEntry = z.infer<typeof licenceEntrySchema>

export const licenceDatesSchema = z.strictObject({
  /** Last day the licences are valid; absent = no end. */
  expiresOn: isoDateSchema.optional(),
  /** Real stop date after expiry: users keep working, nothing new may be assigned. */
  graceUntil: isoDateSchema.optional(),
  /** Last day upgrades may be installed. */
  maintenanceUntil: isoDateSchema.optional(),
  /** From this day admins are reminded to renew. */
  adminWarningOn: isoDateSchema.optional()
})
export type LicenceDates = z.infer<typeof licenceDatesSchema>

export const licenceBodySchema = z.strictObject({
  owner: z.strictObject({
    name: ownerNameSchema,
    description: z.string().max(200),
    /** The owner's web shop ("Purchase new licences"); https only, or empty. */
    shopUrl: z.union([z.literal(''), z.string().max(2048).regex(/^https:\/\/[^\s]+$/, 'The shop address must be an https address.')])
  }),
  licensee: z.strictObject({
    companyName: z.string().min(1, 'The licensee company name is missing.').max(200),
    serialNumber: z.string().min(1, 'The serial number is missing.').max(60)
  }),
  dates: licenceDatesSchema,
  isDemo: z.boolean(),
  licences: z.array(licenceEntrySchema).min(1, 'A licence file must contain at least one licence.').max(500)
})
export type LicenceBody = z.infer<typeof licenceBodySchema>

/** Standard base64 of exactly `bytes` bytes, with padding (strictness is checked again in main). */
const base64Of = (bytes: number, what: string): z.ZodString => {
  const chars = Math.ceil(bytes / 3) * 4
  return z.string().length(chars, `${what} has the wrong length.`).regex(/^[A-Za-z0-9+/]+={0,2}$/, `${what} is not base64.`)
}
export const publicKeySchema = base64Of(32, 'The public key')
export const signatureSchema = base64Of(64, 'The signature')

export const licenceEnvelopeSchema = z.strictObject({
  body: licenceBodySchema,
  /** Ed25519 signature (base64) of the canonical body by `signer.publicKey`. */
  signature: signatureSchema,
  signer: z.strictObject({
    /** Raw 32-byte Ed25519 public key, base64. */
    publicKey: publicKeySchema,
    /** For partners: the vendor's signature over the partner's key and owner name (see main/core/licences). */
    endorsement: signatureSchema.optional()
  })
})
export type LicenceEnvelope = z.infer<typeof licenceEnvelopeSchema>
