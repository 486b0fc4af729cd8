import { parseArgs } from 'node:util'
import { existsSync as exists, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { userInfo } from 'node:os'
import { AppError } from '../../../shared/ipc/result'
import { provisioningFileSchema, type ProvisioningFile } from '../../../shared/domain/provisioning'
import { openCore, type Core } from '../../core/open-core'
import { localSession } from '../../core/session'
import { systemClock } from '../../core/clock'
import { BUILT_IN_TRUSTED_KEYS } from '../../core/licences/trusted-keys'
import { applyProvisioning, type ApplyReport } from '../../core/provisioning/apply-provisioning'
import { exportSite } from '../../core/provisioning/export-site'
import { takeSnapshot } from '../../core/services/snapshot.service'
import { snapshotPathOf } from '../../core/db/snapshot-store'
import { EXIT, reportFailure, type CliDeps, type Output } from '../cli-io'
import { formatApplyReport } from './provisioning-report'

export const PROVISIONING_HELP: Record<string, string> = {
  apply: `smadmin apply PROVISIONING.json --site PATH [--dry-run] [--json] [--passwords-out FILE]
Brings a site to what the provisioning file describes (docs/provisioning.md; schema in
docs/provisioning.schema.json): our companies, user groups, roles, the password policy, licence
files, associates and other users. It runs through the same rules as the screens, in one
transaction: if anything is refused, nothing is written. Running the same file again changes nothing.
  --site            the site file
  --dry-run         print what would change (the diff Save shows) and write nothing
  --json            print the outcome as JSON
  --passwords-out   where to write passwords made for "password": { "generate": true } (a new file,
                    readable by you only); needed when the file asks for generated passwords
Exit codes: 0 applied or nothing to do, 1 refused (every problem listed, nothing written),
2 bad file or flags, 3 site unusable (missing, locked, newer schema, damaged).`,
  export: `smadmin export --site PATH [--out FILE] [--include-secrets]
Writes the site's configuration as a provisioning file (to stdout, or to FILE), so a site can be
cloned into another with "smadmin apply" and two sites can be compared with diff.
  --out               write to FILE instead of stdout (a new file; not overwritten)
  --include-secrets   include password hashes (keep such a file as safe as the site itself)`
}

const OPTIONS = {
  site: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  'passwords-out': { type: 'string' },
  out: { type: 'string' },
  'include-secrets': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

const ALLOWED: Record<'apply' | 'export', readonly string[]> = {
  apply: ['site', 'dry-run', 'json', 'passwords-out', 'help'],
  export: ['site', 'out', 'include-secrets', 'help']
}

/** A problem with the command line or the provisioning file itself: exit 2. */
class UsageError extends Error {}

export async function runProvisioningCommand(command: 'apply' | 'export', argv: string[], io: Output, deps: CliDeps): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values']
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }))
    const foreign = Object.keys(values).filter((k) => !ALLOWED[command].includes(k))
    if (foreign.length > 0) throw new UsageError(`"smadmin ${command}" does not take --${foreign.join(', --')}.`)
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${PROVISIONING_HELP[command]}`)
    return EXIT.usage
  }
  if (values.help) {
    io.out(PROVISIONING_HELP[command])
    return EXIT.ok
  }
  const json = values.json === true
  try {
    if (!values.site) throw new UsageError(`"smadmin ${command}" needs --site PATH.`)
    if (command === 'export') {
      if (positionals.length > 0) throw new UsageError(`"smadmin export" takes no file name; use --out FILE.`)
      return await runExport(resolve(values.site), values.out ? resolve(values.out) : null, values['include-secrets'] === true, io, deps)
    }
    if (positionals.length !== 1) throw new UsageError('"smadmin apply" needs exactly one provisioning file.')
    const filePath = resolve(positionals[0])
    const file = readProvisioningFile(filePath)
    const passwordsOut = values['passwords-out'] ? resolve(values['passwords-out']) : null
    if (asksForGeneratedPasswords(file) && !passwordsOut && values['dry-run'] !== true) {
      throw new UsageError(`${filePath} asks for generated passwords: say where to write them with --passwords-out FILE.`)
    }
    if (passwordsOut && exists(passwordsOut)) throw new UsageError(`${passwordsOut} already exists; passwords are only written to a new file.`)
    return await runApply(resolve(values.site), file, { dryRun: values['dry-run'] === true, json, passwordsOut, filePath }, io, deps)
  } catch (error) {
    if (error instanceof UsageError) {
      if (json) io.out(JSON.stringify({ ok: false, exitCode: EXIT.usage, error: { code: 'usage', message: error.message } }, null, 2))
      else io.err(`${error.message}\nRun "smadmin ${command} --help" for usage.`)
      return EXIT.usage
    }
    if (json) {
      const code = reportFailure(error, { out: () => {}, err: () => {} })
      const appError = error instanceof AppError ? { code: error.code, message: error.message, problems: error.problems ?? [] } : { code: 'unexpected', message: String(error) }
      io.out(JSON.stringify({ ok: false, exitCode: code, error: appError }, null, 2))
      return code
    }
    const code = reportFailure(error, io)
    if (error instanceof AppError) for (const p of error.problems ?? []) io.err(`  - ${p.message}`)
    return code
  }
}

interface ApplyFlags {
  dryRun: boolean
  json: boolean
  passwordsOut: string | null
  filePath: string
}

async function runApply(sitePath: string, file: ProvisioningFile, flags: ApplyFlags, io: Output, deps: CliDeps): Promise<number> {
  const core = await openCliCore(sitePath, deps)
  const clock = deps.clock ?? systemClock
  try {
    // Like a licence activation, a real run is undoable: a snapshot first (dropped again when
    // the run had nothing to do, so repeated runs do not pile up copies).
    const snapshot = flags.dryRun ? null : await takeSnapshot(core.site, 'before-provisioning', clock)
    const dropSnapshot = (): void => {
      if (snapshot) rmSync(snapshotPathOf(core.site.path, snapshot.name), { force: true })
    }
    const report = await applyProvisioning(
      { db: core.site.db, engine: core.engine, clock, trust: deps.trustedKeys ?? BUILT_IN_TRUSTED_KEYS, prehashPasswords: core.prehashPasswords },
      file,
      {
        dryRun: flags.dryRun,
        actor: `cli:${userInfo().username}`,
        // Written before the transaction commits: if the file cannot be written, nobody gets a
        // password that no one knows.
        beforeCommit: (r) => writePasswordsFile(flags.passwordsOut, r)
      }
    ).catch((error: unknown) => {
      dropSnapshot()
      throw error
    })
    if (!report.changed) dropSnapshot()
    const snapshotName = snapshot && report.changed ? snapshot.name : null
    const passwordsFile = report.generatedPasswords.length > 0 && !flags.dryRun ? flags.passwordsOut : null
    if (flags.json) {
      io.out(JSON.stringify({ ok: true, exitCode: EXIT.ok, ...jsonReport(report), passwordsFile, snapshot: snapshotName }, null, 2))
    } else {
      for (const line of formatApplyReport(report, { filePath: flags.filePath, sitePath: core.site.path, passwordsFile, snapshot: snapshotName })) io.out(line)
    }
    return EXIT.ok
  } finally {
    await core.close()
  }
}

async function runExport(sitePath: string, outPath: string | null, includeSecrets: boolean, io: Output, deps: CliDeps): Promise<number> {
  if (outPath && exists(outPath)) throw new UsageError(`${outPath} already exists; export writes a new file.`)
  const core = await openCliCore(sitePath, deps)
  try {
    const file = await exportSite(core.site.db, core.engine, { includeSecrets })
    const text = `${JSON.stringify({ $schema: 'https://settingsandmaintenance.example/provisioning.schema.json', ...file }, null, 2)}\n`
    if (!outPath) {
      io.out(text.trimEnd())
      return EXIT.ok
    }
    writeNewFile(outPath, text, includeSecrets ? 0o600 : 0o644)
    io.err(`Exported ${core.site.path} to ${outPath}${includeSecrets ? ' (with password hashes: keep it safe)' : ''}.`)
    return EXIT.ok
  } finally {
    await core.close()
  }
}

function openCliCore(sitePath: string, deps: CliDeps): Promise<Core> {
  return openCore({
    sitePath,
    create: false,
    clock: deps.clock ?? systemClock,
    session: () => localSession(userInfo().username),
    appInfo: { appVersion: 'cli', versions: { node: process.versions.node }, platform: process.platform },
    openExternal: async () => {},
    trustedKeys: deps.trustedKeys,
    passwordHashing: deps.passwordHashing
  })
}

/** Reads and checks the file; every problem is a UsageError (exit 2) naming the file and the place. */
function readProvisioningFile(path: string): ProvisioningFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}.`)
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`)
  }
  const parsed = provisioningFileSchema.safeParse(json)
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 50).map((i) => `  - ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
    const more = parsed.error.issues.length > 50 ? `\n  … and ${parsed.error.issues.length - 50} more` : ''
    throw new UsageError(`${path} is not a valid provisioning file (docs/provisioning.schema.json):\n${lines.join('\n')}${more}`)
  }
  // Licence files are read now, relative to the provisioning file, so a missing one is a bad file (2).
  const licences = (parsed.data.licences ?? []).map((licence, i) => {
    if ('document' in licence) return licence
    const licencePath = resolve(dirname(path), licence.file)
    try {
      return { document: readFileSync(licencePath, 'utf8') }
    } catch (error) {
      throw new UsageError(`licences[${i}]: cannot read the licence file ${licencePath}: ${(error as Error).message}`)
    }
  })
  return { ...parsed.data, licences }
}

function asksForGeneratedPasswords(file: ProvisioningFile): boolean {
  return [...(file.associates ?? []), ...(file.otherUsers ?? [])].some((u) => typeof u.password === 'object')
}

function writePasswordsFile(path: string | null, report: ApplyReport): void {
  if (report.generatedPasswords.length === 0 || report.dryRun) return
  if (!path) throw new AppError('invalid_input', 'Passwords were generated but there is no --passwords-out file to write them to. Nothing was changed.')
  const lines = ['userId,password', ...report.generatedPasswords.map((p) => `${p.userId},${p.password}`)]
  writeNewFile(path, `${lines.join('\n')}\n`, 0o600)
}

/** Writes a new file whole or not at all: a temp file beside it, then a rename that refuses nothing. */
function writeNewFile(path: string, text: string, mode: number): void {
  const temp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(temp, text, { flag: 'wx', mode })
    if (exists(path)) throw new AppError('conflict', `${path} appeared while writing; it was not overwritten.`)
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    if (error instanceof AppError) throw error
    throw new AppError('invalid_input', `Cannot write ${path}: ${(error as Error).message}. Nothing was changed.`)
  }
}

/** The report as JSON: generated passwords are counted, never printed (they go to the file). */
function jsonReport(report: ApplyReport) {
  const { generatedPasswords, ...rest } = report
  return { ...rest, generatedPasswords: generatedPasswords.length }
}
