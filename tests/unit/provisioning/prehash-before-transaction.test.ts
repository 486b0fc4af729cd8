import { afterEach, beforeEach, expect, it } from 'vitest'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import type { Core } from '../../../src/main/core/open-core'
import { applyProvisioning } from '../../../src/main/core/provisioning/apply-provisioning'
import { provisioningFileSchema } from '../../../src/shared/domain/provisioning'
import { fixedClock, makeTempDir, openTestCore } from '../support/site-fixture'
import { TEST_SCRYPT } from '../users/users-support'
import { makeKeys, siteFile, writeLicence } from './provisioning-support'

let dir: string
let cleanup: () => void
let core: Core
const keys = makeKeys()
beforeEach(async () => {
  ;({ dir, cleanup } = makeTempDir())
  core = await openTestCore(join(dir, 'site.smsite'), { passwordHashing: TEST_SCRYPT, trustedKeys: keys.trust })
})
afterEach(async () => {
  await core.close()
  cleanup()
})

it('hashes the initial passwords before the transaction, and the run uses exactly those', async () => {
  const raw = siteFile(writeLicence(dir, keys))
  const file = provisioningFileSchema.parse({ ...raw, licences: [{ document: readFileSync(join(dir, 'licence.json'), 'utf8') }] })
  const prehashed: string[] = []
  let inTransaction = false
  const report = await applyProvisioning(
    {
      db: core.site.db,
      engine: core.engine,
      clock: fixedClock,
      trust: keys.trust,
      prehashPasswords: async (passwords) => {
        inTransaction = core.site.raw.inTransaction
        prehashed.push(...passwords)
        await core.prehashPasswords(passwords)
      }
    },
    file,
    { dryRun: false, actor: 'test' }
  )
  expect(inTransaction).toBe(false)
  expect(prehashed).toEqual(['first-Password-1', report.generatedPasswords[0].password])
  expect(report.generatedPasswords.map((g) => g.userId)).toEqual(['JD'])
})
