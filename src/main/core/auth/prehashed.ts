import type { PasswordHasher } from './password'

/** How many scrypt hashes run at once: each needs 128 MiB with OWASP's parameters. */
const PREHASH_CONCURRENCY = 2

export interface PrehashingHasher extends PasswordHasher {
  /**
   * Hashes these passwords now, so a later `hash` of the same text inside a write transaction
   * answers at once: a provisioning file with hundreds of initial passwords must not hold the
   * site's write lock (and keep the app from saving) for minutes of scrypt. Each prepared hash
   * is used once, so two users with the same initial password still get different salts.
   */
  prehash(passwords: Iterable<string>): Promise<void>
}

export function withPrehashing(inner: PasswordHasher): PrehashingHasher {
  const ready = new Map<string, string[]>()
  return {
    async hash(password) {
      const queue = ready.get(password)
      const hash = queue?.shift()
      if (queue && queue.length === 0) ready.delete(password)
      return hash ?? inner.hash(password)
    },
    verify: (password, stored) => inner.verify(password, stored),
    async prehash(passwords) {
      const list = [...passwords]
      let next = 0
      const worker = async (): Promise<void> => {
        while (next < list.length) {
          const password = list[next++]
          const hash = await inner.hash(password)
          ready.set(password, [...(ready.get(password) ?? []), hash])
        }
      }
      await Promise.all(Array.from({ length: Math.min(PREHASH_CONCURRENCY, list.length) }, worker))
    }
  }
}
