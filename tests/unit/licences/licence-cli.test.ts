import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EXIT, runCli } from '../../../src/main/cli/smadmin'
import type { CliDeps } from '../../../src/main/cli/cli-io'
import { openSite } from '../../../src/main/core/db/open-site'
import { DEMO_PUBLIC_KEY } from '../../../src/main/core/licences/demo-key'
import { fixedClock, hashSite, makeTempDir } from '../support/site-fixture'
import { addUsers, assign, body, entry, holdersOf } from './licence-fixture'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

async function cli(argv: string[], deps: CliDeps = { clock: fixedClock }): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, deps)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** keygen into dir/name; returns the file paths and the base64 public key. */
async function keygen(name: string) {
  const outDir = join(dir, name)
  const run = await cli(['licence', 'keygen', outDir])
  expect(run.code).toBe(EXIT.ok)
  const publicKey = readFileSync(join(outDir, 'licence-public-key.txt'), 'utf8').trim()
  return { privateKey: join(outDir, 'licence-private-key.pem'), publicPem: join(outDir, 'licence-public-key.pem'), publicTxt: join(outDir, 'licence-public-key.txt'), publicKey }
}

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(value, null, 2))
  return path
}

describe('smadmin licence', () => {
  it('keygen writes a private key only its owner can read, and never overwrites', async () => {
    const k = await keygen('vendor')
    expect(statSync(k.privateKey).mode & 0o777).toBe(0o600)
    expect(readFileSync(k.publicPem, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/)
    expect(k.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    const before = readFileSync(k.privateKey, 'utf8')
    expect((await cli(['licence', 'keygen', join(dir, 'vendor')])).code).toBe(EXIT.refused)
    expect(readFileSync(k.privateKey, 'utf8')).toBe(before)
  })

  it('sign then verify with --trust: valid (exit 0); without the trust: refused (exit 1) with the reason', async () => {
    const vendor = await keygen('vendor')
    const out = join(dir, 'licence.json')
    const sign = await cli(['licence', 'sign', writeJson('body.json', body()), '--key', vendor.privateKey, '--out', out])
    expect(sign).toMatchObject({ code: EXIT.ok, err: '' })
    const ok = await cli(['licence', 'verify', out, '--trust', vendor.publicPem])
    expect(ok.code).toBe(EXIT.ok)
    expect(ok.out).toContain('Valid licence file from SUPEROFFICE for Acme AS, serial number 1234.')
    expect(ok.out).toContain('Signed by the vendor key. 8 licences. Expires 2027-12-31.')
    expect((await cli(['licence', 'verify', out, '--trust', vendor.publicTxt])).code).toBe(EXIT.ok)
    const untrusted = await cli(['licence', 'verify', out])
    expect(untrusted.code).toBe(EXIT.refused)
    expect(untrusted.err).toMatch(/^Refused \(untrusted-owner\)/)
    // A changed byte:
    writeFileSync(out, readFileSync(out, 'utf8').replace('"total":3', '"total":4'))
    expect((await cli(['licence', 'verify', out, '--trust', vendor.publicPem])).err).toMatch(/^Refused \(bad-signature\)/)
  })

  it('verify refuses an expired file and a file with a prerequisite cycle', async () => {
    const vendor = await keygen('vendor')
    const expired = join(dir, 'expired.json')
    await cli(['licence', 'sign', writeJson('b1.json', body({ dates: { expiresOn: '2026-01-01' } })), '--key', vendor.privateKey, '--out', expired])
    expect((await cli(['licence', 'verify', expired, '--trust', vendor.publicPem])).err).toMatch(/expired on 2026-01-01/)
    const cyclic = join(dir, 'cyclic.json')
    await cli(['licence', 'sign', writeJson('b2.json', body({}, [entry('a', 'user', 1, { prerequisite: 'b' }), entry('b', 'user', 1, { prerequisite: 'a' })])), '--key', vendor.privateKey, '--out', cyclic])
    const run = await cli(['licence', 'verify', cyclic, '--trust', vendor.publicPem])
    expect(run.code).toBe(EXIT.refused)
    expect(run.err).toMatch(/prerequisite-cycle/)
  })

  it('endorse + sign --endorsement: a partner file verifies against the vendor key', async () => {
    const vendor = await keygen('vendor')
    const partner = await keygen('partner')
    const endorsement = join(dir, 'endorsement.json')
    expect((await cli(['licence', 'endorse', partner.publicPem, '--owner', 'ACME ADDONS', '--key', vendor.privateKey, '--out', endorsement])).code).toBe(EXIT.ok)
    const out = join(dir, 'partner.json')
    const partnerBody = body({ owner: { name: 'ACME ADDONS', description: '', shopUrl: '' } }, [entry('addon', 'user', 2)])
    expect((await cli(['licence', 'sign', writeJson('p.json', partnerBody), '--key', partner.privateKey, '--out', out, '--endorsement', endorsement])).code).toBe(EXIT.ok)
    const run = await cli(['licence', 'verify', out, '--trust', vendor.publicPem])
    expect(run.code).toBe(EXIT.ok)
    expect(run.out).toContain('a partner key endorsed by the vendor')
    // Signed without the endorsement: untrusted.
    const bare = join(dir, 'bare.json')
    await cli(['licence', 'sign', join(dir, 'p.json'), '--key', partner.privateKey, '--out', bare])
    expect((await cli(['licence', 'verify', bare, '--trust', vendor.publicPem])).code).toBe(EXIT.refused)
  })

  it('sign refuses a body that breaks the format (exit 1) and writes nothing', async () => {
    const vendor = await keygen('vendor')
    const b = body()
    b.licences[0].total = -2
    const out = join(dir, 'never.json')
    const run = await cli(['licence', 'sign', writeJson('bad.json', b), '--key', vendor.privateKey, '--out', out])
    expect(run.code).toBe(EXIT.refused)
    expect(run.err).toMatch(/licences\.0\.total — A licence total cannot be negative/)
    expect(existsSync(out)).toBe(false)
  })

  it('activate applies a file with the site rules; an over-assigning file is refused with the users, --remove fixes it', async () => {
    const vendor = await keygen('vendor')
    const deps: CliDeps = { clock: fixedClock, trustedKeys: { vendorKeys: [vendor.publicKey], demoKey: DEMO_PUBLIC_KEY } }
    const sitePath = join(dir, 'site.smsite')
    expect((await cli(['site', 'create', sitePath])).code).toBe(EXIT.ok)
    const first = join(dir, 'first.json')
    await cli(['licence', 'sign', writeJson('b1.json', body()), '--key', vendor.privateKey, '--out', first])
    const run = await cli(['licence', 'activate', first, '--site', sitePath], deps)
    expect(run).toMatchObject({ code: EXIT.ok, err: '' })
    expect(run.out).toContain('Activated the licence of SUPEROFFICE on')
    expect(run.out).toMatch(/added +web +- → 2/)

    const site = await openSite(sitePath, { create: false, clock: fixedClock })
    const ids = addUsers(site.raw, 3)
    assign(site.raw, 'user', ids)
    assign(site.raw, 'web', ids.slice(0, 2))
    await site.close()

    const smaller = join(dir, 'smaller.json')
    await cli(['licence', 'sign', writeJson('b2.json', body({}, [entry('user', 'user', 3), entry('web', 'user', 1, { prerequisite: 'user' })])), '--key', vendor.privateKey, '--out', smaller])
    const before = hashSite(sitePath)
    const refused = await cli(['licence', 'activate', smaller, '--site', sitePath], deps)
    expect(refused.code).toBe(EXIT.refused)
    expect(refused.err).toContain('WEB (web): 2 in use but only 1 licensed; remove 1 of: U1 (First1 Last1), U2 (First2 Last2).')
    expect(refused.err).toContain('--remove MODULE=USER_ID')
    expect(hashSite(sitePath)).toEqual(before)

    expect((await cli(['licence', 'activate', smaller, '--site', sitePath, '--remove', 'web=U9'], deps)).err).toMatch(/U9 does not hold "web"/)
    const fixed = await cli(['licence', 'activate', smaller, '--site', sitePath, '--remove', 'web=u2'], deps)
    expect(fixed.code).toBe(EXIT.ok)
    expect(fixed.out).toContain('removed  web from U2')
    const after = await openSite(sitePath, { create: false, clock: fixedClock })
    expect(holdersOf(after.raw, 'web')).toEqual(['U1'])
    await after.close()
  })

  it('activate: the built-in trust refuses test-signed files; a missing site is exit 3', async () => {
    const vendor = await keygen('vendor')
    const file = join(dir, 'l.json')
    await cli(['licence', 'sign', writeJson('b.json', body()), '--key', vendor.privateKey, '--out', file])
    const sitePath = join(dir, 'site.smsite')
    await cli(['site', 'create', sitePath])
    const refused = await cli(['licence', 'activate', file, '--site', sitePath])
    expect(refused.code).toBe(EXIT.refused)
    expect(refused.err).toMatch(/does not trust/)
    expect((await cli(['licence', 'activate', file, '--site', join(dir, 'missing.smsite')])).code).toBe(EXIT.siteUnusable)
  })

  it('a demo site created by the CLI verifies its demo licence and refuses it on a real site', async () => {
    const demo = join(dir, 'demo.smsite')
    expect((await cli(['site', 'create', demo, '--demo'])).code).toBe(EXIT.ok)
    const site = await openSite(demo, { create: false, clock: fixedClock })
    const file = site.raw.prepare('SELECT licence_file FROM licence_owner').pluck().get() as string
    await site.close()
    const demoFile = join(dir, 'demo-licence.json')
    writeFileSync(demoFile, file)
    const verify = await cli(['licence', 'verify', demoFile])
    expect(verify.code).toBe(EXIT.ok)
    expect(verify.out).toContain('(DEMO)')
    expect(verify.out).toContain('public DEMO key (proves nothing')
    const real = join(dir, 'real.smsite')
    await cli(['site', 'create', real])
    const refused = await cli(['licence', 'activate', demoFile, '--site', real])
    expect(refused.code).toBe(EXIT.refused)
    expect(refused.err).toMatch(/only on demo sites/)
  })

  it.each([
    [['licence']],
    [['licence', 'frob']],
    [['licence', 'sign', 'body.json']],
    [['licence', 'sign', 'body.json', '--key', 'k']],
    [['licence', 'verify']],
    [['licence', 'verify', 'a', 'b']],
    [['licence', 'verify', 'f', '--site', 'x']],
    [['licence', 'activate', 'f']],
    [['licence', 'keygen', 'out', '--trust', 'x']],
    [['licence', 'verify', 'f', '--bogus']]
  ])('%j is a usage error (exit 2)', async (argv) => {
    const run = await cli(argv)
    expect(run.code).toBe(EXIT.usage)
    expect(run.err).toMatch(/smadmin/)
  })

  it.each(['keygen', 'endorse', 'sign', 'verify', 'activate'])('licence %s --help prints its help (exit 0)', async (verb) => {
    const run = await cli(['licence', verb, '--help'])
    expect(run.code).toBe(EXIT.ok)
    expect(run.out.split('\n')[0]).toMatch(new RegExp(`^smadmin licence ${verb} `))
  })

  it('the overview lists the licence commands', async () => {
    const run = await cli(['--help'])
    for (const command of ['licence keygen OUTDIR', 'licence sign BODY.json', 'licence verify FILE', 'licence activate FILE --site PATH']) expect(run.out).toContain(command)
  })
})
