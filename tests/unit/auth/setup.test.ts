import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { makeTempDir, dumpDatabase } from '../support/site-fixture'
import { openAuthCore, SETUP, value } from './auth-support'
import { signLicenceBody } from '../../../src/main/core/licences/licence-file'
import { privateKeyFromPem } from '../../../src/main/core/licences/ed25519'
import { DEMO_PRIVATE_KEY_PEM } from '../../../src/main/core/licences/demo-key'
import { demoLicenceBody } from '../../../src/main/core/demo/demo-licence'
import type { Core } from '../../../src/main/core/open-core'

let temp: ReturnType<typeof makeTempDir>
let core: Core
let offered: Array<{ path: string; content: string }>

beforeEach(async () => {
  temp = makeTempDir()
  offered = []
  core = await openAuthCore(join(temp.dir, 'site.smsite'), { chooseLicenceFile: async () => offered.shift() ?? null })
})
afterEach(async () => {
  await core.close()
  temp.cleanup()
})

describe('first-run set-up (wizard Finish)', () => {
  it('a new site needs set-up and answers only the public channels', async () => {
    expect(value(await core.dispatch('auth:status', {}))).toMatchObject({ needsSetup: true, signedIn: false, admin: null })
    expect(await core.dispatch('site:summary', {})).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
  })

  it('writes company, group, administrator, password and demo licence in one go and signs the admin in', async () => {
    const status = value<{ signedIn: boolean; admin: { userId: string; rights: string[] } }>(await core.dispatch('setup:complete', SETUP))
    expect(status).toMatchObject({ signedIn: true, needsSetup: false, isDemoSite: true, admin: { userId: 'ILIE', fullName: 'Ingrid Lie', rights: ['admin-all'] } })
    const q = (sql: string) => core.site.raw.prepare(sql).all()
    expect(q('SELECT name, department, city FROM company')).toEqual([SETUP.company])
    expect(q('SELECT owner_company_id, database_company_id, licensee_name FROM site_identity')).toEqual([{ owner_company_id: 1, database_company_id: 1, licensee_name: 'Fjord Analytics AS' }])
    expect(q("SELECT a.user_id, ur.role_id FROM associate a JOIN user_role ur USING (associate_id)")).toEqual([{ user_id: 'ILIE', role_id: 1 }])
    expect(q('SELECT count(*) AS n FROM credential')).toEqual([{ n: 1 }])
    expect(q('SELECT is_demo FROM licence_owner')).toEqual([{ is_demo: 1 }])
    expect(q('SELECT action FROM audit_entry ORDER BY audit_entry_id')).toEqual([{ action: 'activate' }, { action: 'setup' }, { action: 'signIn' }])
    // The password is in the audit only as "changed".
    expect(JSON.stringify(q('SELECT changes FROM audit_entry'))).not.toContain(SETUP.admin.password)
    expect(await core.dispatch('setup:complete', SETUP)).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
  })

  it('is all or nothing: a refused licence or password leaves the site exactly as it was', async () => {
    const before = dumpDatabase(core.site.raw)
    // A demo-signed file is refused at Finish on a site that is not a demo site: after the company,
    // group and administrator were written inside the transaction.
    offered.push({ path: 'demo.json', content: signLicenceBody(demoLicenceBody(new Date('2026-11-23T10:00:00Z')), privateKeyFromPem(DEMO_PRIVATE_KEY_PEM)) })
    const loaded = value<{ status: string; token: string }>(await core.dispatch('setup:loadLicenceFile', {}))
    expect(await core.dispatch('setup:complete', { ...SETUP, licence: { kind: 'file', token: loaded.token } })).toMatchObject({ ok: false, error: { code: 'licence_refused' } })
    expect(dumpDatabase(core.site.raw)).toEqual(before)
    expect(await core.dispatch('setup:complete', { ...SETUP, admin: { ...SETUP.admin, password: 'short' } })).toMatchObject({ ok: false, error: { code: 'validation_failed' } })
    expect(dumpDatabase(core.site.raw)).toEqual(before)
    expect(value(await core.dispatch('auth:status', {}))).toMatchObject({ needsSetup: true, signedIn: false })
  })
})
