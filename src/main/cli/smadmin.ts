import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { createSite, readSiteInfo } from '../core/services/site.service'
import { describeAuditReport, verifyAuditChain } from '../core/services/audit.service'
import { openSite } from '../core/db/open-site'
import { systemClock } from '../core/clock'
import { EXIT, reportFailure, type CliDeps, type Output } from './cli-io'
import { runLicenceCommand } from './commands/licence'
import { runSnapshotCommand } from './commands/snapshot'
import { runProvisioningCommand } from './commands/provisioning'

export { EXIT } from './cli-io'

const HELP: Record<string, string> = {
  main: `smadmin — Settings and maintenance, headless

Usage:
  smadmin site create PATH [--demo]   create a new site file (--demo fills it with demo data)
  smadmin site info PATH [--json]     schema version and row counts of a site
  smadmin site migrate PATH           bring a site to this app's schema (a backup is taken first)
  smadmin site verify-audit PATH      check the audit log's hash chain (exit 1 names the first bad entry)
  smadmin licence keygen OUTDIR       make an Ed25519 key pair for signing licence files
  smadmin licence endorse KEY --owner NAME --key VENDOR_KEY --out FILE
                                      vendor: vouch for a partner's public key
  smadmin licence sign BODY.json --key PRIVATE_KEY --out FILE [--endorsement FILE]
                                      sign a licence body
  smadmin licence verify FILE [--trust PUBLIC_KEY]
                                      check a licence file's format, signature and signer
  smadmin licence activate FILE --site PATH [--remove MODULE=USER_ID,…]
                                      activate a licence file on a site (same rules as the screen)
  smadmin snapshot take|list PATH     take a snapshot of a site / list its snapshots
  smadmin snapshot compare PATH A [B] what changed from snapshot A to B (default: the live site)
  smadmin snapshot restore PATH NAME TARGET
                                      copy a snapshot into a new file TARGET
  smadmin apply FILE.json --site PATH [--dry-run] [--json] [--passwords-out FILE]
                                      bring a site to what a provisioning file describes
  smadmin export --site PATH [--out FILE] [--include-secrets]
                                      write a site's configuration as a provisioning file
  smadmin --help | COMMAND --help

Exit codes: 0 done, 1 refused, 2 bad command line, 3 site unusable (missing, newer, not a site,
damaged, or in use by another program).`,
  'site create': `smadmin site create PATH [--demo]
Creates a new site file at PATH. Refuses to overwrite an existing file.
  --demo   fill the site with demo data (our companies, user groups, users and a 30-day demo
           licence) and the administrator ADMIN with the password demo-admin-1`,
  'site info': `smadmin site info PATH [--json]
Prints the schema version and the number of rows per entity. Migrates the file if it is older.
  --json   print JSON instead of text`,
  'site verify-audit': `smadmin site verify-audit PATH
Walks the audit log's hash chain and compares its newest entry with the head kept in the site.
Exit 0 when intact; exit 1 names the first entry that was changed, inserted or removed.`,
  'site migrate': `smadmin site migrate PATH
Applies the schema migrations this app knows. A copy of the site is written next to it first.`
}

const OPTIONS = {
  demo: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

/** Runs one command line; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: string[], io: Output, deps: CliDeps = {}): Promise<number> {
  if (argv[0] === 'licence') return runLicenceCommand(argv.slice(1), io, deps, HELP.main)
  if (argv[0] === 'snapshot') return runSnapshotCommand(argv.slice(1), io, deps, HELP.main)
  if (argv[0] === 'apply' || argv[0] === 'export') return runProvisioningCommand(argv[0], argv.slice(1), io, deps)
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    io.err(`${(error as Error).message}\nRun "smadmin --help" for usage.`)
    return EXIT.usage
  }
  const { values, positionals } = parsed
  const [group, verb, ...rest] = positionals
  const command = group && verb ? `${group} ${verb}` : (group ?? '')

  if (!group || (values.help && !HELP[command])) {
    io.out(HELP.main)
    return values.help || !group ? EXIT.ok : EXIT.usage
  }
  if (!HELP[command]) {
    io.err(`Unknown command "${positionals.join(' ')}".\n\n${HELP.main}`)
    return EXIT.usage
  }
  if (values.help) {
    io.out(HELP[command])
    return EXIT.ok
  }
  if (rest.length !== 1) {
    io.err(`"smadmin ${command}" needs exactly one PATH.\n\n${HELP[command]}`)
    return EXIT.usage
  }
  if (values.demo && command !== 'site create') {
    io.err(`--demo only goes with "site create".`)
    return EXIT.usage
  }
  const path = resolve(rest[0])

  try {
    if (command === 'site create') {
      const site = await createSite(path, { demo: values.demo === true, clock: deps.clock ?? systemClock })
      await site.close()
      io.out(`Created ${values.demo ? 'demo ' : ''}site ${path} (schema ${site.schemaVersion}).`)
      return EXIT.ok
    }
    const site = await openSite(path, { create: false, clock: deps.clock ?? systemClock })
    try {
      if (command === 'site migrate') {
        const { from, to, backupPath } = site.migration
        io.out(from === to ? `${path} is already at schema ${to}; nothing to do.` : `Migrated ${path} from schema ${from} to ${to}.${backupPath ? ` Backup: ${backupPath}` : ''}`)
        return EXIT.ok
      }
      if (command === 'site verify-audit') {
        const report = await verifyAuditChain(site.db)
        ;(report.ok ? io.out : io.err)(describeAuditReport(report))
        return report.ok ? EXIT.ok : EXIT.refused
      }
      const info = await readSiteInfo(site)
      if (values.json) {
        io.out(JSON.stringify(info, null, 2))
      } else {
        io.out(`Site ${info.path}\nSchema version ${info.schemaVersion}`)
        for (const [table, count] of Object.entries(info.counts)) io.out(`  ${table.padEnd(20)} ${count}`)
      }
      return EXIT.ok
    } finally {
      await site.close()
    }
  } catch (error) {
    return reportFailure(error, io)
  }
}

// Entry point when run as a program (not when a test imports runCli).
if (!process.env.VITEST) {
  runCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
    process.exitCode = code
  })
}
