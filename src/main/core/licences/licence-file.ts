import type { KeyObject } from 'node:crypto'
import { licenceBodySchema, licenceEnvelopeSchema, type LicenceBody, type LicenceEnvelope } from '../../../shared/domain/licence'
import type { Problem } from '../../../shared/ipc/result'
import { canonicalBytes, canonicalJson } from './canonical-json'
import { publicKeyOf, signBytes } from './ed25519'

/**
 * Writing and reading licence files. A file is the canonical JSON of its envelope plus a final
 * newline, so "any changed byte is refused" holds literally: a byte that changes a value breaks
 * the signature, a byte that changes only the layout breaks the canonical form.
 */

/** What the vendor signs to vouch for a partner: the partner's key bound to its owner name. */
export const ENDORSEMENT_PURPOSE = 'smadmin licence owner endorsement v1'

export function endorsementBytes(ownerName: string, publicKey: string): Buffer {
  return canonicalBytes({ purpose: ENDORSEMENT_PURPOSE, ownerName, publicKey })
}

/** An endorsement as a file: the vendor hands this to the partner, who signs files with it. */
export interface EndorsementFile {
  ownerName: string
  publicKey: string
  endorsement: string
}

/** The vendor endorses a partner's public key for one owner name. */
export function endorseOwner(ownerName: string, partnerPublicKey: string, vendorKey: KeyObject): EndorsementFile {
  return { ownerName, publicKey: partnerPublicKey, endorsement: signBytes(endorsementBytes(ownerName, partnerPublicKey), vendorKey) }
}

export class LicenceFormatError extends Error {
  readonly problems: Problem[]
  constructor(message: string, problems: Problem[] = []) {
    super(message)
    this.name = 'LicenceFormatError'
    this.problems = problems
  }
}

/**
 * Signs a body (checked against the format first) and returns the file text. A partner passes
 * its endorsement, which must be for this key and this owner name.
 */
export function signLicenceBody(body: unknown, privateKey: KeyObject, endorsement?: EndorsementFile): string {
  const parsed = licenceBodySchema.safeParse(body)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
    throw new LicenceFormatError(`The licence body does not follow the format: ${problems[0]?.path} — ${problems[0]?.message}`, problems)
  }
  const publicKey = publicKeyOf(privateKey)
  if (endorsement && (endorsement.publicKey !== publicKey || endorsement.ownerName !== parsed.data.owner.name)) {
    throw new LicenceFormatError(`The endorsement is for ${endorsement.ownerName} with another key; it does not match this private key and owner ${parsed.data.owner.name}.`)
  }
  // Sign exactly what the file will contain (the parsed body equals the input for valid bodies).
  const envelope: LicenceEnvelope = {
    body: parsed.data,
    signature: signBytes(canonicalBytes(parsed.data), privateKey),
    signer: endorsement ? { publicKey, endorsement: endorsement.endorsement } : { publicKey }
  }
  return `${canonicalJson(envelope)}\n`
}

export type ParsedLicenceFile =
  | { ok: true; envelope: LicenceEnvelope; body: LicenceBody; /** The bytes the signature covers. */ signedBytes: Buffer }
  | { ok: false; reason: 'unreadable' | 'malformed' | 'altered'; message: string; problems: Problem[] }

/**
 * Parses file text: JSON, then the format (unknown fields refused), then the canonical layout
 * (only a final "\n" or "\r\n" may follow, which mail and editors add).
 */
export function parseLicenceFile(text: string): ParsedLicenceFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: `This is not a licence file: it is not valid JSON (${(error as Error).message}).`, problems: [] }
  }
  const parsed = licenceEnvelopeSchema.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(file)', message: i.message }))
    const first = problems[0]
    return { ok: false, reason: 'malformed', message: `The licence file is incomplete or has unexpected content: ${first.path} — ${first.message}`, problems }
  }
  const canonical = canonicalJson(json)
  if (text !== canonical && text !== `${canonical}\n` && text !== `${canonical}\r\n`) {
    return {
      ok: false,
      reason: 'altered',
      message: 'The licence file has been changed since it was signed (its bytes differ from what the signer wrote). Use the file exactly as you received it.',
      problems: []
    }
  }
  return { ok: true, envelope: parsed.data, body: parsed.data.body, signedBytes: canonicalBytes((json as { body: unknown }).body) }
}
