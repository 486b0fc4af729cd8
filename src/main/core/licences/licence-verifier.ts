import type { LicenceBody, LicenceEnvelope } from '../../../shared/domain/licence'
import type { Problem } from '../../../shared/ipc/result'
import { endorsementBytes, parseLicenceFile } from './licence-file'
import { verifyBytes } from './ed25519'
import type { TrustedKeys } from './trusted-keys'

/** Why a licence file was refused; each has its own message (issue 5, "Rules and bad input"). */
export type LicenceRefusalReason =
  | 'unreadable'
  | 'malformed'
  | 'altered'
  | 'bad-signature'
  | 'untrusted-owner'
  | 'demo-not-marked'
  | 'licensee-mismatch'
  | 'demo-on-real-site'
  | 'demo-too-long'
  | 'expired'
  | 'duplicate'
  | 'unknown-prerequisite'
  | 'prerequisite-cycle'
  | 'taken-by-other-owner'

export interface LicenceRefusal {
  ok: false
  reason: LicenceRefusalReason
  message: string
  problems: Problem[]
}

/** How the signer is trusted: the vendor's own key, a partner key the vendor endorsed, or the demo key. */
export type SignerTrust = 'vendor' | 'partner' | 'demo'

export interface VerifiedLicence {
  ok: true
  envelope: LicenceEnvelope
  body: LicenceBody
  signer: SignerTrust
}

export function refusal(reason: LicenceRefusalReason, message: string, problems: Problem[] = []): LicenceRefusal {
  return { ok: false, reason, message, problems: problems.length > 0 ? problems : [{ path: reason, message }] }
}

/**
 * Everything that can be said about a file without a site: format, canonical layout, signature
 * and trust chain. Site rules (licensee, demo site, expiry, catalogue) come on top of this.
 */
export function verifyLicenceFile(text: string, trust: TrustedKeys): VerifiedLicence | LicenceRefusal {
  const parsed = parseLicenceFile(text)
  if (!parsed.ok) return refusal(parsed.reason, parsed.message, parsed.problems)
  const { envelope, body, signedBytes } = parsed
  const { publicKey, endorsement } = envelope.signer

  if (!verifyBytes(signedBytes, envelope.signature, publicKey)) {
    return refusal('bad-signature', 'The licence file\'s signature does not match its content: the file was changed after signing or is damaged. Ask the licence owner for a new copy.')
  }
  const signer = signerTrust(body.owner.name, publicKey, endorsement, trust)
  if (signer === null) {
    return refusal(
      'untrusted-owner',
      `The licence file is signed by a key this app does not trust for owner ${body.owner.name}. Only the vendor's key, or a partner key the vendor has endorsed for that owner name, is accepted.`
    )
  }
  if (signer === 'demo' && (!body.isDemo || !body.dates.expiresOn)) {
    return refusal('demo-not-marked', 'The licence file is signed with the public demo key but is not marked as a time-limited demo licence; it is refused.')
  }
  return { ok: true, envelope, body, signer }
}

function signerTrust(ownerName: string, publicKey: string, endorsement: string | undefined, trust: TrustedKeys): SignerTrust | null {
  if (trust.vendorKeys.includes(publicKey)) return 'vendor'
  if (publicKey === trust.demoKey) return 'demo'
  if (endorsement === undefined) return null
  const bytes = endorsementBytes(ownerName, publicKey)
  return trust.vendorKeys.some((vendorKey) => verifyBytes(bytes, endorsement, vendorKey)) ? 'partner' : null
}
