import { randomInt } from 'node:crypto'
import type { PasswordPolicy } from '../../../shared/domain/password-policy'

const DIGITS = '23456789'
const LOWER = 'abcdefghijkmnpqrstuvwxyz'
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const SPECIAL = '!#%+-=?@_'
/** Lengthwise at least this, whatever the policy's minimum: 20 random characters resist guessing. */
const MIN_GENERATED_LENGTH = 20

const pick = (alphabet: string): string => alphabet[randomInt(alphabet.length)]

/**
 * A random initial password that meets the site's policy (`"password": { "generate": true }`).
 * Characters that are easy to misread (0/O, 1/l/I) are left out: people type these from a sheet.
 */
export function generatePassword(policy: PasswordPolicy): string {
  const chars: string[] = []
  for (let i = 0; i < policy.MinNum; i++) chars.push(pick(DIGITS))
  for (let i = 0; i < Math.max(1, policy.MinLC); i++) chars.push(pick(LOWER))
  for (let i = 0; i < Math.max(1, policy.MinUC); i++) chars.push(pick(UPPER))
  for (let i = 0; i < policy.MinSpec; i++) chars.push(pick(SPECIAL))
  const all = DIGITS + LOWER + UPPER
  while (chars.length < Math.max(MIN_GENERATED_LENGTH, policy.MinTotal)) chars.push(pick(all))
  // Fisher–Yates with a cryptographic source, so the required classes are not in a known place.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}
