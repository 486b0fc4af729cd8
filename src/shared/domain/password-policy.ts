/**
 * The site's password policy (SPEC §3.4): the reference's parameters MinTotal, MinNum, MinLC,
 * MinUC, MinSpec and Msg (custom error text). Pure, so the card can show the rules next to the
 * field and main enforces the same ones; the sign-in issue makes the values editable.
 */
export interface PasswordPolicy {
  /** Minimum length in characters (code points). */
  MinTotal: number
  /** Minimum number of digits. */
  MinNum: number
  /** Minimum number of lower-case letters. */
  MinLC: number
  /** Minimum number of upper-case letters. */
  MinUC: number
  /** Minimum number of characters that are neither letters nor digits. */
  MinSpec: number
  /** Custom message shown instead of the generated one; empty = generated. */
  Msg: string
}

/**
 * Until an admin edits it: at least 8 characters with a digit and a letter. MinLC/MinUC cannot
 * say "a letter of either case", so the letter rule is `requireLetter` below, not a parameter.
 */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { MinTotal: 8, MinNum: 1, MinLC: 0, MinUC: 0, MinSpec: 0, Msg: '' }

/** The built-in default also wants one letter of any case; an edited policy states its own counts. */
const requiresLetter = (policy: PasswordPolicy): boolean => policy === DEFAULT_PASSWORD_POLICY

export type PasswordRule = 'MinTotal' | 'MinNum' | 'MinLC' | 'MinUC' | 'MinSpec' | 'letter'

export interface PasswordCheck {
  ok: boolean
  /** The rules the password breaks, in the order above. */
  broken: PasswordRule[]
  /** One sentence for the person typing (the policy's Msg when it has one). */
  message: string
}

/** Checks one password against a policy. The password itself never appears in the result. */
export function checkPassword(password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): PasswordCheck {
  const chars = [...password]
  const count = (re: RegExp): number => chars.filter((c) => re.test(c)).length
  const digits = count(/\p{Nd}/u)
  const lower = count(/\p{Ll}/u)
  const upper = count(/\p{Lu}/u)
  const letters = count(/\p{L}/u)
  const special = chars.length - letters - digits
  const broken: PasswordRule[] = []
  if (chars.length < policy.MinTotal) broken.push('MinTotal')
  if (digits < policy.MinNum) broken.push('MinNum')
  if (lower < policy.MinLC) broken.push('MinLC')
  if (upper < policy.MinUC) broken.push('MinUC')
  if (special < policy.MinSpec) broken.push('MinSpec')
  if (requiresLetter(policy) && letters < 1) broken.push('letter')
  if (broken.length === 0) return { ok: true, broken, message: '' }
  return { ok: false, broken, message: policy.Msg.trim() || describePolicy(policy) }
}

/** "A password needs at least 8 characters, 1 digit and 1 letter." */
export function describePolicy(policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string {
  const parts = [`at least ${policy.MinTotal} ${policy.MinTotal === 1 ? 'character' : 'characters'}`]
  const add = (n: number, one: string, many: string): void => {
    if (n > 0) parts.push(`${n} ${n === 1 ? one : many}`)
  }
  add(policy.MinNum, 'digit', 'digits')
  add(policy.MinLC, 'lower-case letter', 'lower-case letters')
  add(policy.MinUC, 'upper-case letter', 'upper-case letters')
  add(policy.MinSpec, 'special character', 'special characters')
  if (requiresLetter(policy)) parts.push('1 letter')
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
  return `A password needs ${list}.`
}

/**
 * Reads the reference's preference string ("MinTotal=8;MinNum=1;Msg=…", ≤ 99 characters);
 * undefined values are 0 (SPEC §3.4). Unknown keys are ignored.
 */
export function parsePolicyString(text: string): PasswordPolicy {
  const policy: PasswordPolicy = { MinTotal: 0, MinNum: 0, MinLC: 0, MinUC: 0, MinSpec: 0, Msg: '' }
  for (const part of text.slice(0, 99).split(';')) {
    const at = part.indexOf('=')
    if (at < 0) continue
    const key = part.slice(0, at).trim()
    const raw = part.slice(at + 1)
    if (key === 'Msg') policy.Msg = raw
    else if (key in policy) {
      const n = Number.parseInt(raw, 10)
      ;(policy as unknown as Record<string, number>)[key] = Number.isFinite(n) && n > 0 ? Math.min(n, 99) : 0
    }
  }
  return policy
}
