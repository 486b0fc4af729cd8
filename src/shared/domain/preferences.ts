import { z } from 'zod'
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './password-policy'

/**
 * Preferences → Password policy (SPEC §3.4, D8): the reference's parameters plus how sign-in
 * reacts to wrong passwords (issue 7). One row (id "1": the site) on the change-set engine.
 */
export const PASSWORD_POLICY_ROW_ID = '1'

/** The reference keeps the whole policy string within 99 characters; counts above that make no sense. */
const count = (label: string) => z.number().int(`${label} must be a whole number.`).min(0, `${label} cannot be negative.`).max(99, `${label} can be at most 99.`)

export const passwordPolicyValuesSchema = z
  .strictObject({
    MinTotal: count('Minimum length'),
    MinNum: count('Minimum digits'),
    MinLC: count('Minimum lower-case letters'),
    MinUC: count('Minimum upper-case letters'),
    MinSpec: count('Minimum special characters'),
    Msg: z.string().max(99, 'The custom message can be at most 99 characters.'),
    /** Wrong passwords in a row before the account is locked; 0 = never lock. */
    lockoutAttempts: z.number().int().min(0).max(100),
    /** How long a lock lasts unless another administrator lifts it. */
    lockoutMinutes: z.number().int().min(1).max(7 * 24 * 60)
  })
  .partial()
export type PasswordPolicyValues = z.infer<typeof passwordPolicyValuesSchema>

/** Every field, as the Preferences page shows them. */
export const passwordPolicyFormSchema = z.object({
  MinTotal: z.number(),
  MinNum: z.number(),
  MinLC: z.number(),
  MinUC: z.number(),
  MinSpec: z.number(),
  Msg: z.string(),
  lockoutAttempts: z.number(),
  lockoutMinutes: z.number()
})
export type PasswordPolicyForm = z.infer<typeof passwordPolicyFormSchema>

export interface SignInPolicy {
  lockoutAttempts: number
  lockoutMinutes: number
}

export interface SitePolicy {
  password: PasswordPolicy
  signIn: SignInPolicy
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = { lockoutAttempts: 5, lockoutMinutes: 15 }

export const sitePolicySchema = z.object({
  password: z.object({ MinTotal: z.number(), MinNum: z.number(), MinLC: z.number(), MinUC: z.number(), MinSpec: z.number(), Msg: z.string() }),
  signIn: z.object({ lockoutAttempts: z.number(), lockoutMinutes: z.number() }),
  /** True while nobody has saved a policy: the built-in default (which also wants one letter) applies. */
  isDefault: z.boolean()
})

/** The flat values the engine stores, from a policy (the default's own values included). */
export function policyToValues(policy: SitePolicy): Required<PasswordPolicyValues> {
  return { ...policy.password, ...policy.signIn }
}

/** A policy from stored flat values; missing numbers fall back to the defaults. */
export function valuesToPolicy(values: Partial<Record<string, unknown>>): SitePolicy {
  const num = (key: string, fallback: number): number => (typeof values[key] === 'number' ? (values[key] as number) : fallback)
  return {
    password: {
      MinTotal: num('MinTotal', DEFAULT_PASSWORD_POLICY.MinTotal),
      MinNum: num('MinNum', DEFAULT_PASSWORD_POLICY.MinNum),
      MinLC: num('MinLC', DEFAULT_PASSWORD_POLICY.MinLC),
      MinUC: num('MinUC', DEFAULT_PASSWORD_POLICY.MinUC),
      MinSpec: num('MinSpec', DEFAULT_PASSWORD_POLICY.MinSpec),
      Msg: typeof values.Msg === 'string' ? values.Msg : ''
    },
    signIn: {
      lockoutAttempts: num('lockoutAttempts', DEFAULT_SIGN_IN_POLICY.lockoutAttempts),
      lockoutMinutes: num('lockoutMinutes', DEFAULT_SIGN_IN_POLICY.lockoutMinutes)
    }
  }
}
