import { addDays, isoDay, validateLicenceCatalogue } from '../../../shared/domain/licence-rules'
import type { SiteFacts } from '../repos/site-facts.repo'
import { DEMO_LICENCE_MAX_DAYS } from './demo-key'
import { refusal, type LicenceRefusal, type VerifiedLicence } from './licence-verifier'

/** Licences other owners provide, by module name (for prerequisites and one-owner-per-module). */
export type OtherOwnersModules = ReadonlyMap<string, { ownerName: string; prerequisite: string | null }>

/**
 * Rules that tie a verified file to this site. They hold for a stored file every time it is read
 * (licensee, demo key); activation adds the ones that only make sense for a new file (expiry,
 * the licence set as a whole).
 */
export function checkFileForSite(verified: VerifiedLicence, site: SiteFacts): LicenceRefusal | null {
  const { body, signer } = verified
  const { companyName, serialNumber } = body.licensee
  // A site without a serial number has not been licensed yet: its first file names the licensee.
  if (site.serialNumber !== '' && (site.serialNumber !== serialNumber || site.licenseeName !== companyName)) {
    return refusal(
      'licensee-mismatch',
      `This licence is for ${companyName} (serial number ${serialNumber}), but this site belongs to ${site.licenseeName || '(no company)'} (serial number ${site.serialNumber}). Ask the licence owner for a file issued to this site.`
    )
  }
  if (signer === 'demo') {
    if (!site.isDemo) {
      return refusal('demo-on-real-site', 'This is a demo licence (signed with the public demo key). Demo licences work only on demo sites; load the licence file you received from the vendor instead.')
    }
    const latest = site.createdOn ? addDays(site.createdOn, DEMO_LICENCE_MAX_DAYS) : null
    if (latest === null || (body.dates.expiresOn ?? '9999-12-31') > latest) {
      return refusal(
        'demo-too-long',
        `A demo licence may run at most ${DEMO_LICENCE_MAX_DAYS} days from the day the site was created${latest ? ` (until ${latest})` : ''}; this one runs until ${body.dates.expiresOn ?? 'no end date'}.`
      )
    }
  }
  return null
}

/** The extra rules for activating a new file (nothing is changed when one fails). */
export function checkFileForActivation(verified: VerifiedLicence, site: SiteFacts, now: Date, others: OtherOwnersModules): LicenceRefusal | null {
  const forSite = checkFileForSite(verified, site)
  if (forSite) return forSite
  const { body } = verified
  const today = isoDay(now)
  if (body.dates.expiresOn && today > body.dates.expiresOn) {
    return refusal('expired', `This licence file expired on ${body.dates.expiresOn}. Ask ${body.owner.name} for a current licence file.`)
  }
  const problems = validateLicenceCatalogue(body.licences, others)
  if (problems.length > 0) {
    return refusal(
      problems[0].code,
      `The licence file's licences do not fit together: ${problems.map((p) => p.message).join(' ')}`,
      problems.map((p) => ({ path: p.code, message: p.message }))
    )
  }
  return null
}
