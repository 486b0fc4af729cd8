import { describe, expect, it } from 'vitest'
import { createPrivateKey } from 'node:crypto'
import { canonicalJson } from '../../../src/main/core/licences/canonical-json'
import { isStrictBase64, normalisePublicKey, publicKeyPem, signBytes, verifyBytes } from '../../../src/main/core/licences/ed25519'
import { endorseOwner, parseLicenceFile, signLicenceBody } from '../../../src/main/core/licences/licence-file'
import { verifyLicenceFile } from '../../../src/main/core/licences/licence-verifier'
import { DEMO_PRIVATE_KEY_PEM, DEMO_PUBLIC_KEY } from '../../../src/main/core/licences/demo-key'
import { BUILT_IN_TRUSTED_KEYS } from '../../../src/main/core/licences/trusted-keys'
import { body, makeKeys, signed } from './licence-fixture'

const keys = makeKeys()

describe('Ed25519 signing (node:crypto)', () => {
  it('signs and verifies bytes; another key or other bytes do not verify', () => {
    const sig = signBytes(Buffer.from('hello'), keys.vendorKey)
    expect(isStrictBase64(sig, 64)).toBe(true)
    expect(verifyBytes(Buffer.from('hello'), sig, keys.vendor.publicKey)).toBe(true)
    expect(verifyBytes(Buffer.from('hellO'), sig, keys.vendor.publicKey)).toBe(false)
    expect(verifyBytes(Buffer.from('hello'), sig, keys.partner.publicKey)).toBe(false)
    expect(verifyBytes(Buffer.from('hello'), 'not base64', keys.vendor.publicKey)).toBe(false)
  })

  it('accepts only the exact base64 Buffer writes (no stray characters, no spare bits)', () => {
    const key = keys.vendor.publicKey
    expect(isStrictBase64(key, 32)).toBe(true)
    // The last character before "=" carries 2 spare bits: a different character can decode to the same bytes.
    const last = key[key.length - 2]
    const twin = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').find(
      (c) => c !== last && Buffer.from(key.slice(0, -2) + c + '=', 'base64').equals(Buffer.from(key, 'base64'))
    )
    expect(twin).toBeDefined()
    expect(isStrictBase64(key.slice(0, -2) + twin + '=', 32)).toBe(false)
    expect(isStrictBase64(`${key.slice(0, 10)}!${key.slice(11)}`, 32)).toBe(false)
  })

  it('reads public keys as PEM or base64 alike', () => {
    expect(normalisePublicKey(publicKeyPem(keys.vendor.publicKey))).toBe(keys.vendor.publicKey)
    expect(normalisePublicKey(`  ${keys.vendor.publicKey}\n`)).toBe(keys.vendor.publicKey)
    expect(() => normalisePublicKey('nonsense')).toThrow()
  })

  it('the committed demo key pair belongs together; the built-in vendor key is a different key', () => {
    const sig = signBytes(Buffer.from('demo'), createPrivateKey(DEMO_PRIVATE_KEY_PEM))
    expect(verifyBytes(Buffer.from('demo'), sig, DEMO_PUBLIC_KEY)).toBe(true)
    expect(BUILT_IN_TRUSTED_KEYS.vendorKeys).not.toContain(DEMO_PUBLIC_KEY)
    expect(BUILT_IN_TRUSTED_KEYS.vendorKeys.every((k) => isStrictBase64(k, 32))).toBe(true)
  })
})

describe('licence files', () => {
  it('are the canonical JSON of the envelope plus a newline; the signature covers the canonical body', () => {
    const text = signed(keys)
    expect(text.endsWith('\n')).toBe(true)
    const envelope = JSON.parse(text)
    expect(text).toBe(`${canonicalJson(envelope)}\n`)
    expect(verifyBytes(Buffer.from(canonicalJson(envelope.body)), envelope.signature, keys.vendor.publicKey)).toBe(true)
    expect(envelope.signer).toEqual({ publicKey: keys.vendor.publicKey })
  })

  it('verify: a vendor-signed file is valid, also with CRLF at the end', () => {
    const text = signed(keys)
    expect(verifyLicenceFile(text, keys.trust)).toMatchObject({ ok: true, signer: 'vendor' })
    expect(verifyLicenceFile(text.replace(/\n$/, '\r\n'), keys.trust)).toMatchObject({ ok: true })
    expect(verifyLicenceFile(text.replace(/\n$/, ''), keys.trust)).toMatchObject({ ok: true })
  })

  it('flipping any single byte of a signed file is refused or unparsable, never accepted', () => {
    const bytes = Buffer.from(signed(keys), 'utf8')
    const reasons = new Map<string, number>()
    for (const mask of [0x01, 0x20, 0x80]) {
      for (let i = 0; i < bytes.length; i++) {
        const copy = Buffer.from(bytes)
        copy[i] ^= mask
        const result = verifyLicenceFile(copy.toString('utf8'), keys.trust)
        if (result.ok) throw new Error(`flipping byte ${i} with ${mask} was accepted`)
        reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1)
      }
    }
    // Each kind of failure shows up: unparsable, wrong shape, bad signature.
    expect([...reasons.keys()].sort()).toEqual(expect.arrayContaining(['bad-signature', 'malformed', 'unreadable']))
  })

  it('a re-formatted (pretty-printed) copy is refused as altered, with a clear message', () => {
    const pretty = JSON.stringify(JSON.parse(signed(keys)), null, 2)
    const result = verifyLicenceFile(pretty, keys.trust)
    expect(result).toMatchObject({ ok: false, reason: 'altered' })
    expect(!result.ok && result.message).toMatch(/changed since it was signed/)
  })

  it('refuses malformed JSON and missing or unknown fields, naming the field', () => {
    expect(verifyLicenceFile('{"body": ', keys.trust)).toMatchObject({ ok: false, reason: 'unreadable' })
    expect(verifyLicenceFile('', keys.trust)).toMatchObject({ ok: false, reason: 'unreadable' })
    const envelope = JSON.parse(signed(keys))
    delete envelope.body.licensee
    const missing = verifyLicenceFile(canonicalJson(envelope), keys.trust)
    expect(missing).toMatchObject({ ok: false, reason: 'malformed' })
    expect(!missing.ok && missing.message).toMatch(/body\.licensee/)
    const extra = JSON.parse(signed(keys))
    extra.body.licences[0].bonus = 5
    expect(verifyLicenceFile(canonicalJson(extra), keys.trust)).toMatchObject({ ok: false, reason: 'malformed' })
  })

  it('a raised total re-signed by nobody is refused: the signature no longer matches', () => {
    const envelope = JSON.parse(signed(keys))
    envelope.body.licences[3].total = 300
    const result = verifyLicenceFile(`${canonicalJson(envelope)}\n`, keys.trust)
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' })
    expect(!result.ok && result.message).toMatch(/signature does not match/)
  })

  it('negative totals are refused by the format, with their own message', () => {
    const b = body()
    b.licences[3].total = -1
    expect(() => signLicenceBody(b, keys.vendorKey)).toThrow(/cannot be negative/)
    // Even when a file with a negative total is hand-made and signed by the vendor key:
    const envelope = JSON.parse(signed(keys))
    envelope.body.licences[3].total = -1
    envelope.signature = signBytes(Buffer.from(canonicalJson(envelope.body)), keys.vendorKey)
    const result = verifyLicenceFile(canonicalJson(envelope), keys.trust)
    expect(result).toMatchObject({ ok: false, reason: 'malformed' })
    expect(!result.ok && result.message).toMatch(/cannot be negative/)
  })
})

describe('trust chain', () => {
  it('the vendor key is trusted for any owner', () => {
    expect(verifyLicenceFile(signed(keys, body({ owner: { name: 'PARTNER AS', description: '', shopUrl: '' } })), keys.trust)).toMatchObject({ ok: true, signer: 'vendor' })
  })

  it('a partner key endorsed by the vendor for its owner name is trusted', () => {
    const partnerBody = body({ owner: { name: 'ACME ADDONS', description: 'Add-ons', shopUrl: '' } })
    expect(verifyLicenceFile(signed(keys, partnerBody, 'partner'), keys.trust)).toMatchObject({ ok: true, signer: 'partner' })
  })

  it('an unendorsed partner key is refused as untrusted', () => {
    const result = verifyLicenceFile(signed(keys, body(), 'stranger'), keys.trust)
    expect(result).toMatchObject({ ok: false, reason: 'untrusted-owner' })
    expect(!result.ok && result.message).toMatch(/does not trust/)
  })

  it('an endorsement for another owner name, or made by a non-vendor key, does not transfer', () => {
    const partnerBody = body({ owner: { name: 'ACME ADDONS', description: '', shopUrl: '' } })
    // Endorsed for ACME ADDONS, used for SUPEROFFICE:
    const envelope = JSON.parse(signed(keys, partnerBody, 'partner'))
    envelope.body.owner.name = 'SUPEROFFICE'
    envelope.signature = signBytes(Buffer.from(canonicalJson(envelope.body)), keys.partnerKey)
    expect(verifyLicenceFile(canonicalJson(envelope), keys.trust)).toMatchObject({ ok: false, reason: 'untrusted-owner' })
    // Self-endorsed by the stranger:
    const self = endorseOwner('ACME ADDONS', keys.stranger.publicKey, keys.strangerKey)
    const text = signLicenceBody(partnerBody, keys.strangerKey, self)
    expect(verifyLicenceFile(text, keys.trust)).toMatchObject({ ok: false, reason: 'untrusted-owner' })
  })

  it('signing refuses an endorsement that belongs to another key or owner', () => {
    const partnerBody = body({ owner: { name: 'ACME ADDONS', description: '', shopUrl: '' } })
    expect(() => signLicenceBody(partnerBody, keys.strangerKey, keys.endorse('ACME ADDONS'))).toThrow(/does not match/)
    expect(() => signLicenceBody(partnerBody, keys.partnerKey, keys.endorse('OTHER'))).toThrow(/does not match/)
  })

  it('files signed by the built-in keys do not verify against test keys and vice versa', () => {
    expect(verifyLicenceFile(signed(keys), BUILT_IN_TRUSTED_KEYS)).toMatchObject({ ok: false, reason: 'untrusted-owner' })
  })

  it('the demo key is trusted only for files marked as time-limited demo licences', () => {
    const demoKey = createPrivateKey(DEMO_PRIVATE_KEY_PEM)
    expect(verifyLicenceFile(signLicenceBody(body({ isDemo: true }), demoKey), keys.trust)).toMatchObject({ ok: true, signer: 'demo' })
    expect(verifyLicenceFile(signLicenceBody(body({ isDemo: false }), demoKey), keys.trust)).toMatchObject({ ok: false, reason: 'demo-not-marked' })
    expect(verifyLicenceFile(signLicenceBody(body({ isDemo: true, dates: {} }), demoKey), keys.trust)).toMatchObject({ ok: false, reason: 'demo-not-marked' })
  })

  it('parseLicenceFile exposes exactly the bytes that were signed', () => {
    const parsed = parseLicenceFile(signed(keys))
    expect(parsed.ok && parsed.signedBytes.toString('utf8')).toBe(canonicalJson(body()))
  })
})
