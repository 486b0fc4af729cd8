import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { createPrivateKey } from 'node:crypto'
import type { Core } from '../../../src/main/core/open-core'
import { createSite } from '../../../src/main/core/services/site.service'
import { DEMO_PRIVATE_KEY_PEM } from '../../../src/main/core/licences/demo-key'
import { signLicenceBody } from '../../../src/main/core/licences/licence-file'
import { canonicalJson } from '../../../src/main/core/licences/canonical-json'
import { signBytes } from '../../../src/main/core/licences/ed25519'
import type { Result } from '../../../src/shared/ipc/result'
import type { ChannelOutput } from '../../../src/shared/ipc/contract'
import { dumpDatabase, fixedClock, makeTempDir, openTestCore } from '../support/site-fixture'
import { addUsers, assign, body, entry, holdersOf, makeKeys, signed, type Keys } from './licence-fixture'

let dir: string
let cleanup: () => void
let keys: Keys
let core: Core
/** What the "open dialog" returns next. */
let chosen: { path: string; content: string } | null

beforeEach(async () => {
  ;({ dir, cleanup } = makeTempDir())
  keys = makeKeys()
  chosen = null
  core = await open(join(dir, 'site.smsite'))
})
afterEach(async () => {
  await core.close()
  cleanup()
})

function open(path: string, overrides: Parameters<typeof openTestCore>[1] = {}): Promise<Core> {
  return openTestCore(path, { trustedKeys: keys.trust, chooseLicenceFile: async () => chosen, ...overrides })
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

async function call<C extends string>(channel: C, input: unknown = {}): Promise<Result<unknown>> {
  return core.dispatch(channel, input)
}

async function load(text: string): Promise<string> {
  chosen = { path: '/somewhere/licence.json', content: text }
  const loaded = value(await call('licences:loadFile')) as ChannelOutput<'licences:loadFile'>
  if (loaded.status !== 'loaded') throw new Error('not loaded')
  expect(loaded.fileName).toBe('licence.json')
  return loaded.token
}

async function preview(token: string): Promise<ChannelOutput<'licences:preview'>> {
  return value(await call('licences:preview', { token })) as ChannelOutput<'licences:preview'>
}

async function activate(text: string, removals: unknown[] = []): Promise<Result<unknown>> {
  const token = await load(text)
  return call('licences:activate', { token, removals })
}

async function owners(): Promise<ChannelOutput<'licences:owners'>> {
  return value(await call('licences:owners')) as ChannelOutput<'licences:owners'>
}

function licenceOf(view: ChannelOutput<'licences:owners'>, moduleName: string) {
  return view.owners.flatMap((o) => o.groups.flatMap((g) => g.licences)).find((l) => l.moduleName === moduleName)
}

/** Activates the standard file and gives users U1..U5 some licences. */
async function licensedSiteWithUsers(): Promise<number[]> {
  value(await activate(signed(keys)))
  const ids = addUsers(core.site.raw, 5)
  assign(core.site.raw, 'user', ids.slice(0, 3))
  assign(core.site.raw, 'web', ids.slice(0, 2))
  assign(core.site.raw, 'windows', ids.slice(0, 2))
  assign(core.site.raw, 'travel', ids.slice(0, 2))
  return ids
}

describe('activation', () => {
  it('a fresh site: preview lists every licence as added, activate stores the file verbatim and names the licensee', async () => {
    const text = signed(keys)
    const token = await load(text)
    const p = await preview(token)
    expect(p).toMatchObject({ ownerName: 'SUPEROFFICE', isNewOwner: true, signer: 'vendor', setsSiteLicensee: true, canActivate: true, unchangedCount: 0 })
    expect(p.changes.map((c) => [c.moduleName, c.change, c.oldTotal, c.newTotal])).toContainEqual(['web', 'added', null, 2])
    expect(p.changes.map((c) => c.kind)).toEqual([...p.changes.map((c) => c.kind)].sort((a, b) => ['system', 'site', 'user'].indexOf(a) - ['system', 'site', 'user'].indexOf(b)))

    const outcome = value(await call('licences:activate', { token, removals: [] }))
    expect(outcome).toMatchObject({ ownerName: 'SUPEROFFICE', changedLicences: 8, removedAssignments: [] })
    const raw = core.site.raw
    expect(raw.prepare('SELECT licence_file FROM licence_owner').pluck().get()).toBe(text)
    expect(raw.prepare('SELECT licensee_name, serial_number FROM site_identity').get()).toEqual({ licensee_name: 'Acme AS', serial_number: '1234' })
    const audit = raw.prepare("SELECT actor, screen, action, summary FROM audit_entry WHERE screen = 'licences'").all()
    expect(audit).toEqual([{ actor: 'test:admin', screen: 'licences', action: 'activate', summary: 'Activated the licence of SUPEROFFICE: 8 licences changed, 0 assignments removed' }])
    // The token is used up.
    expect((await call('licences:preview', { token })) as Result<unknown>).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('the owner tab shows header data and grouped counts; hidden licences never appear', async () => {
    await licensedSiteWithUsers()
    const view = await owners()
    expect(view.today).toBe('2026-11-23')
    const [owner] = view.owners
    expect(owner).toMatchObject({ ownerName: 'SUPEROFFICE', licenseeName: 'Acme AS', serialNumber: '1234', expiresOn: '2027-12-31', isDemo: false, valid: true, signer: 'vendor', mayAssignNew: true })
    expect(owner.expiry).toEqual({ state: 'ok', until: '2027-12-31', daysLeft: 403 })
    expect(owner.groups.map((g) => [g.kind, g.licences.map((l) => l.moduleName)])).toEqual([
      ['system', ['sales-intelligence', 'server']],
      ['site', ['satellite']],
      ['user', ['travel', 'user', 'web', 'windows']]
    ])
    expect(licenceOf(view, 'user')).toMatchObject({ total: 3, inUse: 3, free: 0, overAssigned: false })
    expect(licenceOf(view, 'travel')).toMatchObject({ unrestricted: true, inUse: 2, free: null })
    expect(licenceOf(view, 'satellite')).toMatchObject({ inUse: 1, free: 1 })
    expect(licenceOf(view, 'server')).toMatchObject({ inUse: null, free: null })
    expect(licenceOf(view, 'hidden-one')).toBeUndefined()
    expect(value(await call('licences:holders', { moduleName: 'web' }))).toEqual({
      moduleName: 'web',
      total: 2,
      offset: 0,
      holders: [
        { associateId: 1, userId: 'U1', fullName: 'First1 Last1' },
        { associateId: 2, userId: 'U2', fullName: 'First2 Last2' }
      ]
    })
    // Paged by User ID: a licence held by 100,000 users never travels whole.
    expect(value(await call('licences:holders', { moduleName: 'web', offset: 1, limit: 1 }))).toEqual({
      moduleName: 'web',
      total: 2,
      offset: 1,
      holders: [{ associateId: 2, userId: 'U2', fullName: 'First2 Last2' }]
    })
    // Navigator gating reflects the activated system licences.
    expect((value(await call('site:summary')) as { heldSystemLicences: string[] }).heldSystemLicences).toEqual(['sales-intelligence', 'server'])
  })

  it('a smaller file: red line with holders, Activate refused until removals cover the excess', async () => {
    await licensedSiteWithUsers()
    const smaller = signed(keys, body({}, [entry('server', 'system', 1), entry('satellite', 'site', 2), entry('user', 'user', 3), entry('web', 'user', 1, { prerequisite: 'user' }), entry('windows', 'user', 0, { prerequisite: 'user' }), entry('travel', 'user', 1, { prerequisite: 'windows', unrestricted: true })]))
    const token = await load(smaller)
    const p = await preview(token)
    expect(p.canActivate).toBe(false)
    const byModule = Object.fromEntries(p.changes.map((c) => [c.moduleName, c]))
    expect(byModule.web).toMatchObject({ change: 'changed', fields: ['total'], oldTotal: 2, newTotal: 1, inUse: 2, newFree: -1, short: true, excess: 1 })
    expect(byModule.web.holders.map((h) => h.userId)).toEqual(['U1', 'U2'])
    expect(byModule.windows).toMatchObject({ short: true, excess: 2 })
    expect(byModule['sales-intelligence']).toMatchObject({ change: 'removed', newTotal: null, short: false })
    expect(byModule['hidden-one']).toMatchObject({ change: 'removed' })
    expect(byModule.user).toBeUndefined()
    expect(p.unchangedCount).toBe(4)

    const before = dumpDatabase(core.site.raw)
    const refused = await call('licences:activate', { token, removals: [{ moduleName: 'web', associateIds: [2] }] })
    expect(refused).toMatchObject({ ok: false, error: { code: 'licence_refused' } })
    expect(!refused.ok && refused.error.message).toContain('WINDOWS (windows): 2 in use but only 0 licensed; remove 2 of: U1 (First1 Last1), U2 (First2 Last2).')
    expect(dumpDatabase(core.site.raw)).toEqual(before)

    const outcome = value(
      await call('licences:activate', {
        token,
        removals: [
          { moduleName: 'web', associateIds: [2] },
          { moduleName: 'windows', associateIds: [1, 2] }
        ]
      })
    ) as ChannelOutput<'licences:activate'>
    // Removing windows takes travel (its child) with it.
    expect(outcome.removedAssignments.map((r) => `${r.moduleName}:${r.userId}`).sort()).toEqual(['travel:U1', 'travel:U2', 'web:U2', 'windows:U1', 'windows:U2'])
    expect(holdersOf(core.site.raw, 'web')).toEqual(['U1'])
    expect(holdersOf(core.site.raw, 'windows')).toEqual([])
    expect(holdersOf(core.site.raw, 'user')).toEqual(['U1', 'U2', 'U3'])
    expect(core.site.raw.prepare("SELECT count(*) FROM licence WHERE module_name = 'sales-intelligence'").pluck().get()).toBe(0)
    const audit = JSON.parse(core.site.raw.prepare("SELECT changes FROM audit_entry WHERE action = 'activate' ORDER BY audit_entry_id DESC").pluck().get() as string)
    expect(audit.removedAssignments).toHaveLength(5)
    expect(licenceOf(await owners(), 'web')).toMatchObject({ total: 1, inUse: 1, free: 0 })
  })

  it('removals must name current holders of licences the owner has', async () => {
    const ids = await licensedSiteWithUsers()
    const token = await load(signed(keys, body({ dates: { expiresOn: '2028-01-31' } })))
    const before = dumpDatabase(core.site.raw)
    expect(await call('licences:activate', { token, removals: [{ moduleName: 'web', associateIds: [ids[4]] }] })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await call('licences:activate', { token, removals: [{ moduleName: 'nothing', associateIds: [1] }] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(dumpDatabase(core.site.raw)).toEqual(before)
  })

  it('is atomic: a failure while writing (injected at the audit entry) leaves everything as it was', async () => {
    await licensedSiteWithUsers()
    const token = await load(signed(keys, body({}, [entry('server', 'system', 1), entry('user', 'user', 3), entry('web', 'user', 1, { prerequisite: 'user' }), entry('windows', 'user', 2, { prerequisite: 'user' }), entry('travel', 'user', 1, { prerequisite: 'windows', unrestricted: true })])))
    core.site.raw.exec("CREATE TRIGGER injected_failure BEFORE INSERT ON audit_entry BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
    const before = dumpDatabase(core.site.raw)
    const result = await call('licences:activate', { token, removals: [{ moduleName: 'web', associateIds: [1] }] })
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(dumpDatabase(core.site.raw)).toEqual(before)
    core.site.raw.exec('DROP TRIGGER injected_failure')
    // The same token still works once the failure is gone.
    value(await call('licences:activate', { token, removals: [{ moduleName: 'web', associateIds: [1] }] }))
    expect(holdersOf(core.site.raw, 'web')).toEqual(['U2'])
  })

  it('a partner owner gets its own tab after the vendor, and may build on the vendor licences', async () => {
    value(await activate(signed(keys)))
    const partner = body({ owner: { name: 'ACME ADDONS', description: 'Add-ons', shopUrl: 'https://addons.example.com/shop' } }, [entry('addon', 'user', 4, { prerequisite: 'user' })])
    value(await activate(signed(keys, partner, 'partner')))
    const view = await owners()
    expect(view.owners.map((o) => [o.ownerName, o.signer])).toEqual([
      ['SUPEROFFICE', 'vendor'],
      ['ACME ADDONS', 'partner']
    ])
    value(await call('licences:openShop', { ownerName: 'ACME ADDONS' }))
  })
})

describe('refusals: clear message, nothing changed', () => {
  async function expectRefused(text: string, reason: string, message: RegExp): Promise<void> {
    const before = dumpDatabase(core.site.raw)
    const token = await load(text)
    const result = await call('licences:preview', { token })
    expect(result).toMatchObject({ ok: false, error: { code: 'licence_refused' } })
    if (result.ok) return
    expect(result.error.message).toMatch(message)
    expect(result.error.message).toMatch(/Nothing was changed\.$/)
    expect(result.error.problems?.map((p) => p.path)).toContain(reason)
    expect(await call('licences:activate', { token, removals: [] })).toMatchObject({ ok: false, error: { code: 'licence_refused' } })
    expect(dumpDatabase(core.site.raw)).toEqual(before)
  }
  const resign = (mutate: (b: ReturnType<typeof body>) => void): string => {
    const b = body()
    mutate(b)
    const envelope = JSON.parse(signed(keys))
    envelope.body = b
    envelope.signature = signBytes(Buffer.from(canonicalJson(b)), keys.vendorKey)
    return `${canonicalJson(envelope)}\n`
  }

  it('malformed JSON', () => expectRefused('{"body": {', 'unreadable', /not valid JSON/))
  it('missing fields', () => expectRefused(resign((b) => delete (b as Partial<typeof b>).licences), 'body.licences', /body\.licences/))
  it('a changed byte', () => expectRefused(signed(keys).replace('"total":3', '"total":9'), 'bad-signature', /signature does not match/))
  it('an untrusted owner key', () => expectRefused(signed(keys, body(), 'stranger'), 'untrusted-owner', /does not trust/))
  it('duplicate licence names', () => expectRefused(resign((b) => b.licences.push(entry('web', 'user', 1))), 'duplicate', /"web" appears more than once/))
  it('negative totals', () => expectRefused(resign((b) => (b.licences[3].total = -5)), 'body.licences.3.total', /cannot be negative/))
  it('unknown prerequisites', () => expectRefused(resign((b) => (b.licences[4].prerequisite = 'ghost')), 'unknown-prerequisite', /needs "ghost"/))
  it('prerequisite cycles', () => expectRefused(resign((b) => (b.licences[3].prerequisite = 'travel')), 'prerequisite-cycle', /circle: .*user → travel → windows → user/))
  it('an expired licence', () => expectRefused(signed(keys, body({ dates: { expiresOn: '2026-11-22' } })), 'expired', /expired on 2026-11-22/))
  it('the DEMO key on a non-demo site', () =>
    expectRefused(signLicenceBody(body({ isDemo: true, dates: { expiresOn: '2026-12-01' } }), createPrivateKey(DEMO_PRIVATE_KEY_PEM)), 'demo-on-real-site', /only on demo sites/))

  it('a serial number or company different from the site\'s, once it has one', async () => {
    value(await activate(signed(keys)))
    await expectRefused(signed(keys, body({ licensee: { companyName: 'Acme AS', serialNumber: '9999' } })), 'licensee-mismatch', /serial number 9999.*serial number 1234/)
    await expectRefused(signed(keys, body({ licensee: { companyName: 'Other AS', serialNumber: '1234' } })), 'licensee-mismatch', /for Other AS/)
  })

  it('a module another owner already licenses', async () => {
    value(await activate(signed(keys)))
    await expectRefused(signed(keys, body({ owner: { name: 'ACME ADDONS', description: '', shopUrl: '' } }, [entry('web', 'user', 1)]), 'partner'), 'taken-by-other-owner', /already issued by SUPEROFFICE/)
  })

  it('activation needs admin-all; reading does not', async () => {
    const token = await load(signed(keys))
    await core.close()
    core = await open(join(dir, 'site.smsite'), { session: () => ({ actor: 'test:useradmin', rights: ['admin-users'] }) })
    expect(await call('licences:loadFile')).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
    expect(await call('licences:activate', { token, removals: [] })).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
    expect(await call('licences:owners')).toMatchObject({ ok: true })
    expect(await call('licences:status')).toMatchObject({ ok: true })
  })

  it('a cancelled dialog loads nothing; a bad token is not found', async () => {
    chosen = null
    expect(value(await call('licences:loadFile'))).toEqual({ status: 'cancelled' })
    expect(await call('licences:preview', { token: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await call('licences:preview', { token: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})

describe('re-verification when the site opens', () => {
  it('a hand-raised total is put back from the signed file and recorded; the screen never shows it', async () => {
    await licensedSiteWithUsers()
    core.site.raw.prepare("UPDATE licence SET total = 500 WHERE module_name = 'user'").run()
    core.site.raw.prepare("UPDATE licence_owner SET expires_on = '2099-12-31'").run()
    // Even before reopening, reads use the verified file:
    expect(licenceOf(await owners(), 'user')).toMatchObject({ total: 3 })
    await core.close()
    core = await open(join(dir, 'site.smsite'))
    expect(core.licenceIntegrity.restored).toEqual([{ ownerName: 'SUPEROFFICE', differences: ['owner.expires_on', 'user.total: 500 → 3'] }])
    expect(core.site.raw.prepare("SELECT total FROM licence WHERE module_name = 'user'").pluck().get()).toBe(3)
    expect(core.site.raw.prepare("SELECT action FROM audit_entry ORDER BY audit_entry_id DESC LIMIT 1").pluck().get()).toBe('restore')
    const status = value(await call('licences:status')) as ChannelOutput<'licences:status'>
    expect(status.events.map((e) => e.action)).toEqual(['restore', 'activate'])
    expect(status).toMatchObject({ licenseeName: 'Acme AS', serialNumber: '1234', isDemoSite: false })
    expect(status.siteSizeBytes).toBeGreaterThan(0)
    // A second open finds nothing to restore.
    await core.close()
    core = await open(join(dir, 'site.smsite'))
    expect(core.licenceIntegrity).toEqual({ restored: [], invalid: [] })
  })

  it('a hand-edited stored file makes the owner invalid: it grants nothing and the tab says why', async () => {
    await licensedSiteWithUsers()
    const file = core.site.raw.prepare('SELECT licence_file FROM licence_owner').pluck().get() as string
    core.site.raw.prepare('UPDATE licence_owner SET licence_file = ?').run(file.replace('"total":3', '"total":30'))
    await core.close()
    core = await open(join(dir, 'site.smsite'))
    expect(core.licenceIntegrity.invalid.map((i) => i.ownerName)).toEqual(['SUPEROFFICE'])
    const [owner] = (await owners()).owners
    expect(owner).toMatchObject({ valid: false, signer: null, mayAssignNew: false })
    expect(owner.problem).toMatch(/no longer verifies.*signature does not match/)
    expect(owner.groups.every((g) => g.licences.length === 0)).toBe(true)
    expect((value(await call('site:summary')) as { heldSystemLicences: string[] }).heldSystemLicences).toEqual([])
    // A valid file repairs it.
    value(await activate(signed(keys)))
    expect((await owners()).owners[0].valid).toBe(true)
  })

  it('a hand-changed site serial number invalidates the owner (the licensee must match)', async () => {
    await licensedSiteWithUsers()
    core.site.raw.prepare("UPDATE site_identity SET serial_number = '5555'").run()
    expect((await owners()).owners[0]).toMatchObject({ valid: false })
  })
})

describe('expiry forecast', () => {
  it('owner banners follow the fixed clock', async () => {
    value(await activate(signed(keys, body({ dates: { expiresOn: '2026-11-30', graceUntil: '2026-12-31', adminWarningOn: '2026-11-01' } }))))
    const [owner] = (await owners()).owners
    expect(owner).toMatchObject({ expiry: { state: 'warn7', until: '2026-11-30', daysLeft: 7 }, adminWarning: true, mayAssignNew: true })
  })

  it('who loses access on a date: users who can log in now but not then, with why', async () => {
    value(await activate(signed(keys, body({ dates: { expiresOn: '2027-01-31', graceUntil: '2027-02-28' } }))))
    const partner = body({ owner: { name: 'ACME ADDONS', description: '', shopUrl: '' }, dates: {} }, [entry('addon', 'user', 4, { prerequisite: 'user' })])
    value(await activate(signed(keys, partner, 'partner')))
    const ids = addUsers(core.site.raw, 3)
    assign(core.site.raw, 'user', ids)
    assign(core.site.raw, 'web', ids.slice(0, 2))
    const during = value(await call('licences:whoLosesAccess', { date: '2027-02-15' })) as ChannelOutput<'licences:whoLosesAccess'>
    expect(during.users).toEqual([])
    const after = value(await call('licences:whoLosesAccess', { date: '2027-03-01' })) as ChannelOutput<'licences:whoLosesAccess'>
    expect(after.users.map((u) => u.userId)).toEqual(['U1', 'U2'])
    expect(after.users[0].reasons).toEqual([
      { code: 'login-licence-ended', ownerName: 'SUPEROFFICE', until: '2027-02-28' },
      { code: 'client-licences-ended', ended: [{ moduleName: 'web', ownerName: 'SUPEROFFICE', until: '2027-02-28' }] }
    ])
    expect(await call('licences:whoLosesAccess', { date: '2027-02-30' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})

describe('demo sites', () => {
  it('site create --demo activates a signed 30-day DEMO licence with the reference catalogue', async () => {
    const path = join(dir, 'demo.smsite')
    const created = await createSite(path, { demo: true, clock: fixedClock })
    await created.close()
    await core.close()
    core = await open(path, { create: false, trustedKeys: undefined })
    expect(core.licenceIntegrity).toEqual({ restored: [], invalid: [] })
    const [owner] = (await owners()).owners
    expect(owner).toMatchObject({ ownerName: 'SUPEROFFICE', isDemo: true, signer: 'demo', valid: true, expiresOn: '2026-12-23', licenseeName: 'Nordlys Consulting AS' })
    expect(owner.expiry.state).toBe('warn30')
    const modules = owner.groups.map((g) => [g.kind, g.licences.map((l) => l.moduleName)])
    expect(modules).toEqual([
      ['system', ['server', 'webservices', 'area-management', 'sales-intelligence', 'exchange-sync', 'expander-services', 'customer-centre', 'quote']],
      ['site', ['satellite', 'reporter-studio', 'audience']],
      ['user', ['user', 'web', 'windows', 'travel', 'remote-travel', 'pocket-crm', 'outlook-sync', 'quote-cal', 'marketing', 'sales', 'service', 'complete-crm', 'visible-for']]
    ])
    expect(licenceOf(await owners(), 'remote-travel')).toMatchObject({ prerequisite: 'travel' })
    expect(licenceOf(await owners(), 'visible-for')).toMatchObject({ unrestricted: true, free: null })
    const held = (value(await call('site:summary')) as { heldSystemLicences: string[] }).heldSystemLicences
    expect(held).toEqual(expect.arrayContaining(['sales-intelligence', 'customer-centre', 'quote', 'expander-services']))
  })

  it('a demo licence longer than 30 days from site creation is refused, even on a demo site', async () => {
    const path = join(dir, 'demo.smsite')
    await (await createSite(path, { demo: true, clock: fixedClock })).close()
    await core.close()
    core = await open(path, { create: false })
    const demoKey = createPrivateKey(DEMO_PRIVATE_KEY_PEM)
    const long = body({ isDemo: true, licensee: { companyName: 'Nordlys Consulting AS', serialNumber: 'DEMO-20261123' }, dates: { expiresOn: '2026-12-24' } })
    const token = await load(signLicenceBody(long, demoKey))
    const result = await call('licences:preview', { token })
    expect(result).toMatchObject({ ok: false, error: { code: 'licence_refused', problems: [{ path: 'demo-too-long' }] } })
    expect(!result.ok && result.error.message).toMatch(/at most 30 days .*until 2026-12-23/)
  })
})
