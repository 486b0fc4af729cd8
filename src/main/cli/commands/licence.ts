import { parseArgs } from 'node:util'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { userInfo } from 'node:os'
import { AppError } from '../../../shared/ipc/result'
import { isoDay, validateLicenceCatalogue } from '../../../shared/domain/licence-rules'
import { openSite } from '../../core/db/open-site'
import { systemClock } from '../../core/clock'
import { generateEd25519KeyPair, normalisePublicKey, privateKeyFromPem, publicKeyOf, publicKeyPem } from '../../core/licences/ed25519'
import { endorseOwner, signLicenceBody, LicenceFormatError, type EndorsementFile } from '../../core/licences/licence-file'
import { verifyLicenceFile } from '../../core/licences/licence-verifier'
import { BUILT_IN_TRUSTED_KEYS } from '../../core/licences/trusted-keys'
import { activateLicence, previewActivation } from '../../core/services/licence-activation.service'
import { reconcileLicenceRows } from '../../core/services/licence-integrity.service'
import { takeSnapshot } from '../../core/services/snapshot.service'
import { findAssignments } from '../../core/repos/licence.repo'
import type { AssignmentRemoval } from '../../../shared/domain/licence-view'
import { EXIT, reportFailure, type CliDeps, type Output } from '../cli-io'

export const LICENCE_HELP: Record<string, string> = {
  'licence keygen': `smadmin licence keygen OUTDIR
Generates an Ed25519 key pair for signing licence files (vendor or partner) in OUTDIR:
  licence-private-key.pem   keep it secret and offline (docs/licence-keys.md); never commit it
  licence-public-key.pem    the public key as PEM
  licence-public-key.txt    the public key as base64, the form licence files and the app use
Refuses to overwrite existing key files.`,
  'licence endorse': `smadmin licence endorse PARTNER_PUBLIC_KEY --owner NAME --key VENDOR_PRIVATE_KEY --out FILE
The vendor vouches for a partner: signs the partner's public key (PEM or base64 file) for the
owner name NAME. The partner passes FILE to "licence sign --endorsement".`,
  'licence sign': `smadmin licence sign BODY.json --key PRIVATE_KEY --out FILE [--endorsement FILE]
Checks BODY.json against the licence format and writes the signed licence file to FILE.
  --key           PKCS#8 PEM private key (from "licence keygen")
  --out           where to write the licence file (not overwritten if it exists)
  --endorsement   for partners: the vendor's endorsement of this key and owner name`,
  'licence verify': `smadmin licence verify FILE [--trust PUBLIC_KEY]
Checks a licence file's format, signature and signer without any site: exit 0 when valid,
1 with the reason when not.
  --trust   trust this public key (PEM or base64 file) as the vendor key instead of the built-in one`,
  'licence activate': `smadmin licence activate FILE --site PATH [--remove MODULE=USER_ID[,USER_ID…]]…
Activates a licence file on a site with the same rules as the Licences screen. A licence whose new
total is below the number in use is refused, listing the users holding it; name the assignments
to remove with --remove (one per licence, repeatable), e.g. --remove web=JD,AB
  --site     the site file
  --remove   assignments to remove as part of the activation`
}

const OPTIONS = {
  key: { type: 'string' },
  out: { type: 'string' },
  endorsement: { type: 'string' },
  trust: { type: 'string' },
  site: { type: 'string' },
  owner: { type: 'string' },
  remove: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' }
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values']

/** Which options each command accepts, and which it needs. */
const ALLOWED: Record<string, { allowed: (keyof Values)[]; required: (keyof Values)[] }> = {
  'licence keygen': { allowed: [], required: [] },
  'licence endorse': { allowed: ['owner', 'key', 'out'], required: ['owner', 'key', 'out'] },
  'licence sign': { allowed: ['key', 'out', 'endorsement'], required: ['key', 'out'] },
  'licence verify': { allowed: ['trust'], required: [] },
  'licence activate': { allowed: ['site', 'remove'], required: ['site'] }
}

class UsageError extends Error {}

/** `smadmin licence …`: argv starts after "licence". */
export async function runLicenceCommand(argv: string[], io: Output, deps: CliDeps, mainHelp: string): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    io.err(`${(error as Error).message}\nRun "smadmin licence VERB --help" for usage.`)
    return EXIT.usage
  }
  const { values, positionals } = parsed
  const [verb, ...rest] = positionals
  const command = `licence ${verb ?? ''}`
  const help = LICENCE_HELP[command]
  if (!help) {
    if (values.help && !verb) {
      io.out(mainHelp)
      return EXIT.ok
    }
    io.err(`${verb ? `Unknown command "licence ${verb}".` : 'Which licence command?'}\n\n${mainHelp}`)
    return EXIT.usage
  }
  if (values.help) {
    io.out(help)
    return EXIT.ok
  }
  try {
    const rule = ALLOWED[command]
    const given = (Object.keys(values) as (keyof Values)[]).filter((k) => values[k] !== undefined)
    const stray = given.find((k) => !rule.allowed.includes(k))
    if (stray) throw new UsageError(`--${stray} does not go with "smadmin ${command}".`)
    const missing = rule.required.find((k) => values[k] === undefined)
    if (missing) throw new UsageError(`"smadmin ${command}" needs --${missing}.`)
    if (rest.length !== 1) throw new UsageError(`"smadmin ${command}" needs exactly one ${command === 'licence keygen' ? 'OUTDIR' : command === 'licence endorse' ? 'PARTNER_PUBLIC_KEY' : 'FILE'}.`)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(`${error.message}\n\n${help}`)
    return EXIT.usage
  }
  const target = resolve(rest[0])
  try {
    switch (verb) {
      case 'keygen':
        return keygen(target, io)
      case 'endorse':
        return endorse(target, values, io)
      case 'sign':
        return sign(target, values, io)
      case 'verify':
        return verify(target, values, io, deps)
      default:
        return await activate(target, values, io, deps)
    }
  } catch (error) {
    return reportFailure(error, io)
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new AppError('not_found', `Cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
  }
}

function refuseOverwrite(path: string): void {
  if (existsSync(path)) throw new AppError('conflict', `${path} already exists; it is never overwritten. Choose another name.`)
}

function keygen(outDir: string, io: Output): number {
  const files = ['licence-private-key.pem', 'licence-public-key.pem', 'licence-public-key.txt'].map((f) => join(outDir, f))
  files.forEach(refuseOverwrite)
  mkdirSync(outDir, { recursive: true })
  const pair = generateEd25519KeyPair()
  writeFileSync(files[0], pair.privateKeyPem, { mode: 0o600, flag: 'wx' })
  writeFileSync(files[1], publicKeyPem(pair.publicKey), { flag: 'wx' })
  writeFileSync(files[2], `${pair.publicKey}\n`, { flag: 'wx' })
  io.out(`Wrote a new Ed25519 key pair to ${outDir}.\nPublic key: ${pair.publicKey}\nKeep ${files[0]} secret and out of any repository.`)
  return EXIT.ok
}

function endorse(partnerKeyPath: string, values: Values, io: Output): number {
  const out = resolve(values.out as string)
  refuseOverwrite(out)
  const partnerKey = normalisePublicKey(readText(partnerKeyPath, 'public key'))
  const vendorKey = privateKeyFromPem(readText(resolve(values.key as string), 'private key'))
  const endorsement = endorseOwner(values.owner as string, partnerKey, vendorKey)
  writeFileSync(out, `${JSON.stringify(endorsement, null, 2)}\n`, { flag: 'wx' })
  io.out(`Endorsed ${partnerKey} for owner ${endorsement.ownerName}: ${out}`)
  return EXIT.ok
}

function sign(bodyPath: string, values: Values, io: Output): number {
  const out = resolve(values.out as string)
  refuseOverwrite(out)
  let body: unknown
  try {
    body = JSON.parse(readText(bodyPath, 'licence body'))
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('invalid_input', `${bodyPath} is not valid JSON: ${(error as Error).message}`)
  }
  const key = privateKeyFromPem(readText(resolve(values.key as string), 'private key'))
  const endorsement = values.endorsement ? (JSON.parse(readText(resolve(values.endorsement), 'endorsement')) as EndorsementFile) : undefined
  try {
    writeFileSync(out, signLicenceBody(body, key, endorsement), { flag: 'wx' })
  } catch (error) {
    if (error instanceof LicenceFormatError) throw new AppError('invalid_input', error.message, error.problems)
    throw error
  }
  io.out(`Signed ${bodyPath} with key ${publicKeyOf(key)}: ${out}`)
  return EXIT.ok
}

function verify(filePath: string, values: Values, io: Output, deps: CliDeps): number {
  const base = deps.trustedKeys ?? BUILT_IN_TRUSTED_KEYS
  const trust = values.trust ? { ...base, vendorKeys: [normalisePublicKey(readText(resolve(values.trust), 'public key'))] } : base
  const verified = verifyLicenceFile(readText(filePath, 'licence file'), trust)
  if (!verified.ok) {
    io.err(`Refused (${verified.reason}): ${verified.message}`)
    return EXIT.refused
  }
  const { body, signer } = verified
  const today = isoDay((deps.clock ?? systemClock)())
  if (body.dates.expiresOn && today > body.dates.expiresOn) {
    io.err(`Refused (expired): the licence expired on ${body.dates.expiresOn}.`)
    return EXIT.refused
  }
  const problems = validateLicenceCatalogue(body.licences).filter((p) => p.code !== 'unknown-prerequisite')
  if (problems.length > 0) {
    io.err(`Refused (${problems[0].code}): ${problems.map((p) => p.message).join(' ')}`)
    return EXIT.refused
  }
  const by = signer === 'vendor' ? 'the vendor key' : signer === 'partner' ? 'a partner key endorsed by the vendor' : 'the public DEMO key (proves nothing; demo sites only)'
  io.out(
    `Valid licence file from ${body.owner.name}${body.isDemo ? ' (DEMO)' : ''} for ${body.licensee.companyName}, serial number ${body.licensee.serialNumber}.\n` +
      `Signed by ${by}. ${body.licences.length} licences. ${body.dates.expiresOn ? `Expires ${body.dates.expiresOn}.` : 'Does not expire.'}`
  )
  return EXIT.ok
}

async function activate(filePath: string, values: Values, io: Output, deps: CliDeps): Promise<number> {
  const text = readText(filePath, 'licence file')
  const clock = deps.clock ?? systemClock
  const trust = deps.trustedKeys ?? BUILT_IN_TRUSTED_KEYS
  const site = await openSite(resolve(values.site as string), { create: false, clock })
  try {
    await reconcileLicenceRows(site.db, trust, clock)
    const removals = await parseRemovals(values.remove ?? [], site.db)
    const services = { db: site.db, trust, clock, snapshotBeforeActivation: () => takeSnapshot(site, 'before-licence-activation', clock) }
    const preview = await previewActivation(services, text)
    const outcome = await activateLicence(services, text, removals, `cli:${userInfo().username}`)
    io.out(`Activated the licence of ${outcome.ownerName}${preview.isDemo ? ' (DEMO)' : ''} on ${site.path}.`)
    for (const c of preview.changes) {
      if (c.change === 'unchanged') continue
      io.out(`  ${c.change.padEnd(8)} ${c.moduleName.padEnd(20)} ${c.oldTotal ?? '-'} → ${c.newTotal ?? '-'}`)
    }
    for (const r of outcome.removedAssignments) io.out(`  removed  ${r.moduleName} from ${r.userId}`)
    return EXIT.ok
  } catch (error) {
    if (error instanceof AppError && error.code === 'licence_refused' && error.problems?.some((p) => p.path.startsWith('over-assigned.'))) {
      io.err(`${error.message}\nName the assignments to remove with --remove MODULE=USER_ID[,USER_ID…].`)
      return EXIT.refused
    }
    throw error
  } finally {
    await site.close()
  }
}

/** "--remove web=JD,AB" → removals by associate id; unknown user ids are a refusal, not a guess. */
async function parseRemovals(specs: readonly string[], db: Parameters<typeof findAssignments>[0]): Promise<AssignmentRemoval[]> {
  const assignments = await findAssignments(db)
  return specs.map((spec) => {
    const match = /^([a-z0-9][a-z0-9-]*)=(.+)$/.exec(spec)
    if (!match) throw new AppError('invalid_input', `--remove ${spec}: write MODULE=USER_ID[,USER_ID…], e.g. --remove web=JD,AB.`)
    const [, moduleName, users] = match
    const associateIds = users.split(',').map((userId) => {
      const found = assignments.find((a) => a.module_name === moduleName && a.user_id.toLowerCase() === userId.trim().toLowerCase())
      if (!found) throw new AppError('invalid_input', `--remove ${spec}: ${userId} does not hold "${moduleName}". Nothing was changed.`)
      return found.associate_id
    })
    return { moduleName, associateIds }
  })
}
