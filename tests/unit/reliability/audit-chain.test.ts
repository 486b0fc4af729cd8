import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import { verifyAuditChain } from '../../../src/main/core/services/audit.service'
import { makeTempDir, openTestCore } from '../support/site-fixture'
import { saveGroups } from './reliability-support'

describe('verifyAuditChain (SPEC A3.6; the kill test and `smadmin site verify-audit` use it)', () => {
  let cleanup: () => void
  let core: Core
  beforeEach(async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    core = await openTestCore(join(temp.dir, 'audited.smsite'))
    for (let i = 0; i < 3; i++) await saveGroups(core, 1, `Batch ${i}`)
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  it('passes on an untouched chain', async () => {
    expect(await verifyAuditChain(core.site.db)).toEqual({ ok: true, entries: 3, brokenAt: null })
  })

  it('an edited row fails at that row, hash rewritten or not; a deleted row breaks the chain at the next one', async () => {
    const ids = core.site.raw.prepare('SELECT audit_entry_id FROM audit_entry ORDER BY 1').pluck().all() as number[]
    core.site.raw.prepare("UPDATE audit_entry SET actor = 'someone else' WHERE audit_entry_id = ?").run(ids[1])
    expect(await verifyAuditChain(core.site.db)).toEqual({ ok: false, entries: 3, brokenAt: { auditEntryId: ids[1], reason: 'row_hash' } })
    core.site.raw.prepare("UPDATE audit_entry SET row_hash = ? WHERE audit_entry_id = ?").run('f'.repeat(64), ids[1])
    expect((await verifyAuditChain(core.site.db)).brokenAt?.auditEntryId).toBe(ids[1])
    core.site.raw.prepare('DELETE FROM audit_entry WHERE audit_entry_id = ?').run(ids[1])
    expect(await verifyAuditChain(core.site.db)).toMatchObject({ ok: false, brokenAt: { auditEntryId: ids[2], reason: 'prev_hash' } })
  })
})
