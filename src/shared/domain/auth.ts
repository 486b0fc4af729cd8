import { z } from 'zod'
import { ADMIN_RIGHTS } from '../ipc/rights'
import { isoDateSchema } from './licence'
import { licenceTokenSchema } from './licence-view'

/** What the renderer may know about the session: who and which rights — never a credential. */
export const authStatusSchema = z.object({
  /** No associate can sign in yet: the first-run wizard runs instead of Sign in. */
  needsSetup: z.boolean(),
  signedIn: z.boolean(),
  admin: z
    .object({
      userId: z.string(),
      fullName: z.string(),
      rights: z.array(z.enum(ADMIN_RIGHTS))
    })
    .nullable(),
  sitePath: z.string(),
  isDemoSite: z.boolean()
})
export type AuthStatus = z.infer<typeof authStatusSchema>

export const signInInputSchema = z.strictObject({
  userId: z.string().max(60),
  password: z.string().max(200)
})

/**
 * A refused sign-in is an answer, not an error: `wrong` never says which of User ID and
 * password was wrong; `locked` says until when; `notAdmin` / `cannotLogIn` come only after
 * a correct password.
 */
export const signInOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signedIn'), auth: authStatusSchema }),
  z.object({ status: z.literal('wrong'), message: z.string() }),
  z.object({ status: z.literal('locked'), message: z.string(), lockedUntil: z.string() }),
  z.object({ status: z.literal('notAdmin'), message: z.string() }),
  z.object({ status: z.literal('cannotLogIn'), message: z.string() })
])
export type SignInOutcome = z.infer<typeof signInOutcomeSchema>

const text = (max: number) => z.string().trim().max(max)

/** Everything the first-run wizard collected; nothing is written before Finish sends this. */
export const setupInputSchema = z.strictObject({
  company: z.strictObject({ name: text(100).min(1, 'The company needs a name.'), department: text(100).default(''), city: text(100).default('') }),
  admin: z.strictObject({
    firstName: text(60),
    lastName: text(60),
    userId: text(60).min(1, 'The administrator needs a User ID.'),
    password: z.string().max(200)
  }),
  licence: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('file'), token: licenceTokenSchema }),
    /** Evaluate: the site becomes a demo site and gets the time-limited demo licence. */
    z.strictObject({ kind: z.literal('demo') })
  ])
})
export type SetupInput = z.input<typeof setupInputSchema>

export const setupLicenceFileSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('loaded'), token: licenceTokenSchema, fileName: z.string(), ownerName: z.string(), licenseeName: z.string(), expiresOn: isoDateSchema.nullable(), isDemo: z.boolean() })
])
