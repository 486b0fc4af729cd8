import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { openSite } from '../../core/db/open-site'
import { systemClock } from '../../core/clock'
import { compareSnapshots, listSnapshots, restoreSnapshot, takeSnapshot } from '../../core/services/snapshot.service'
import { formatSnapshotComparison } from '../../../shared/domain/snapshot'
import { EXIT, reportFailure, type CliDeps, type Output } from '../cli-io'

export const SNAPSHOT_HELP: Record<string, string> = {
  'snapshot take': `smadmin snapshot take PATH
Copies the site (SQLite online backup) into PATH.snapshots/, named by time and reason ("manual").`,
  'snapshot list': `smadmin snapshot list PATH [--json]
Lists the site's snapshots, newest first, with the time, reason and size.`,
  'snapshot compare': `smadmin snapshot compare PATH A [B] [--json]
Reports the users, groups, roles, rights, licences and assignments added, removed or changed from
snapshot A to snapshot B (default: the live site, also written "live").`,
  'snapshot restore': `smadmin snapshot restore PATH NAME TARGET
Copies snapshot NAME into the new file TARGET (never over the site or an existing file). Open
TARGET to check it; replace the site with it only while the app is closed.`
}

/** How many positionals (after PATH) each command takes: [min, max]. */
const ARITY: Record<string, [number, number]> = {
  'snapshot take': [0, 0],
  'snapshot list': [0, 0],
  'snapshot compare': [1, 2],
  'snapshot restore': [2, 2]
}

const OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const

/** `smadmin snapshot …`: argv starts after "snapshot". */
export async function runSnapshotCommand(argv: string[], io: Output, deps: CliDeps, mainHelp: string): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    io.err(`${(error as Error).message}\nRun "smadmin snapshot VERB --help" for usage.`)
    return EXIT.usage
  }
  const { values, positionals } = parsed
  const [verb, sitePath, ...rest] = positionals
  const command = `snapshot ${verb ?? ''}`
  const help = SNAPSHOT_HELP[command]
  if (!help) {
    if (values.help && !verb) {
      io.out(mainHelp)
      return EXIT.ok
    }
    io.err(`${verb ? `Unknown command "snapshot ${verb}".` : 'Which snapshot command?'}\n\n${mainHelp}`)
    return EXIT.usage
  }
  if (values.help) {
    io.out(help)
    return EXIT.ok
  }
  const [min, max] = ARITY[command]
  if (!sitePath || rest.length < min || rest.length > max || (values.json && !['snapshot list', 'snapshot compare'].includes(command))) {
    io.err(`Wrong arguments for "smadmin ${command}".\n\n${help}`)
    return EXIT.usage
  }
  const clock = deps.clock ?? systemClock
  try {
    const site = await openSite(resolve(sitePath), { create: false, clock })
    try {
      switch (verb) {
        case 'take': {
          const info = await takeSnapshot(site, 'manual', clock)
          io.out(`Took snapshot ${info.name} (${info.sizeBytes} bytes).`)
          return EXIT.ok
        }
        case 'list': {
          const list = listSnapshots(site)
          if (values.json) io.out(JSON.stringify(list, null, 2))
          else if (list.length === 0) io.out(`${site.path} has no snapshots.`)
          else for (const s of list) io.out(`${s.name}  ${s.takenAt}  ${s.reason.padEnd(25)} ${s.sizeBytes} bytes`)
          return EXIT.ok
        }
        case 'compare': {
          const report = compareSnapshots(site, rest[0], rest[1] ?? 'live')
          io.out(values.json ? JSON.stringify(report, null, 2) : formatSnapshotComparison(report))
          return EXIT.ok
        }
        default: {
          const target = restoreSnapshot(site, rest[0], resolve(rest[1]))
          io.out(`Restored ${rest[0]} into ${target}. The site itself was not changed.`)
          return EXIT.ok
        }
      }
    } finally {
      await site.close()
    }
  } catch (error) {
    return reportFailure(error, io)
  }
}
