import { describe, expect, it } from 'vitest'
import { createPasswordHasher, verifyPassword } from '../../../src/main/core/auth/password'
import { withPrehashing } from '../../../src/main/core/auth/prehashed'
import { TEST_SCRYPT } from '../users/users-support'

describe('withPrehashing', () => {
  it('answers from hashes made ahead, each used once, so equal passwords still get their own salt', async () => {
    let hashed = 0
    const inner = createPasswordHasher(TEST_SCRYPT)
    const hasher = withPrehashing({ hash: (p) => (hashed++, inner.hash(p)), verify: inner.verify })
    await hasher.prehash(['Welcome-2026', 'Welcome-2026', 'other-Pass-1'])
    expect(hashed).toBe(3)

    const first = await hasher.hash('Welcome-2026')
    const second = await hasher.hash('Welcome-2026')
    expect(hashed).toBe(3)
    expect(first).not.toBe(second)
    expect(await verifyPassword('Welcome-2026', first)).toBe(true)
    expect(await verifyPassword('Welcome-2026', second)).toBe(true)

    // Once the prepared ones are used up, it hashes as usual.
    const third = await hasher.hash('Welcome-2026')
    expect(hashed).toBe(4)
    expect(await verifyPassword('Welcome-2026', third)).toBe(true)
  })
})
