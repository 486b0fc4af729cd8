import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Password hashing (SPEC D8): scrypt with OWASP's parameters. The stored string carries its own
 * parameters ("scrypt$N$r$p$salt$key", base64), so they can be raised later and old hashes still
 * verify. Tests inject cheaper parameters through core options, never through IPC.
 */
export interface ScryptParams {
  N: number
  r: number
  p: number
  saltBytes: number
  keyBytes: number
}

/** OWASP Password Storage Cheat Sheet: N = 2^17, r = 8, p = 1; 16-byte salt, 64-byte key. */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1, saltBytes: 16, keyBytes: 64 }

export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(password: string, stored: string): Promise<boolean>
}

// scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below OWASP's 128 MiB.
const maxmemFor = (params: Pick<ScryptParams, 'N' | 'r'>): number => 128 * params.N * params.r * 2

function derive(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

export function createPasswordHasher(params: ScryptParams = OWASP_SCRYPT): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(params.saltBytes)
      const key = await derive(password, salt, params.keyBytes, { N: params.N, r: params.r, p: params.p, maxmem: maxmemFor(params) })
      return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$')
    },
    verify: verifyPassword
  }
}

/** Constant-time comparison against a stored hash; a malformed hash never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number)
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 22 || r > 64 || p > 16) return false
  const salt = Buffer.from(parts[4], 'base64')
  const expected = Buffer.from(parts[5], 'base64')
  if (salt.length === 0 || expected.length === 0) return false
  const actual = await derive(password, salt, expected.length, { N, r, p, maxmem: maxmemFor({ N, r }) })
  return timingSafeEqual(actual, expected)
}
