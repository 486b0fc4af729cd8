import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'

/**
 * Ed25519 through node:crypto only (no home-made crypto). Public keys travel as the raw 32 bytes
 * in base64 (inside licence files and trusted-keys.ts); private keys stay in PKCS#8 PEM files.
 */

export interface KeyPairText {
  /** Raw 32-byte public key, base64. */
  publicKey: string
  /** PKCS#8 PEM. */
  privateKeyPem: string
}

export function generateEd25519KeyPair(): KeyPairText {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return { publicKey: rawPublicKey(publicKey), privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' })
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('Not an Ed25519 key.')
  return Buffer.from(jwk.x, 'base64url').toString('base64')
}

/**
 * True when `text` is base64 in exactly the form Buffer writes it for `bytes` bytes. Node's
 * decoder skips stray characters and ignores spare bits, so without this check two different
 * texts could decode to the same key or signature and a changed byte could go unnoticed.
 */
export function isStrictBase64(text: string, bytes: number): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return false
  const decoded = Buffer.from(text, 'base64')
  return decoded.length === bytes && decoded.toString('base64') === text
}

/** A public key object from the raw base64 form; throws on anything else. */
export function publicKeyFromBase64(text: string): KeyObject {
  if (!isStrictBase64(text, 32)) throw new Error('A public key must be 32 bytes in base64.')
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(text, 'base64').toString('base64url') }, format: 'jwk' })
}

/** Reads a public key given as a PEM (SPKI) file's text or as raw base64; returns the base64 form. */
export function normalisePublicKey(text: string): string {
  const trimmed = text.trim()
  if (trimmed.startsWith('-----BEGIN')) return rawPublicKey(createPublicKey(trimmed))
  publicKeyFromBase64(trimmed)
  return trimmed
}

export function privateKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey(pem)
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The private key is not an Ed25519 key.')
  return key
}

/** The public half of a private key, base64 raw. */
export function publicKeyOf(privateKey: KeyObject): string {
  return rawPublicKey(createPublicKey(privateKey))
}

/** Signs bytes; returns the 64-byte signature in base64. */
export function signBytes(bytes: Buffer, privateKey: KeyObject): string {
  return sign(null, bytes, privateKey).toString('base64')
}

/** Verifies a base64 signature; anything malformed is simply "does not verify". */
export function verifyBytes(bytes: Buffer, signature: string, publicKey: string): boolean {
  if (!isStrictBase64(signature, 64)) return false
  try {
    return verify(null, bytes, publicKeyFromBase64(publicKey), Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

/** SPKI PEM of a raw base64 public key (what `licence keygen` writes next to the raw form). */
export function publicKeyPem(publicKey: string): string {
  return publicKeyFromBase64(publicKey).export({ format: 'pem', type: 'spki' }).toString()
}
