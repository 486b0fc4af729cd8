import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FULL, QUICK, formatTable, runBench } from './bench'
import { parseBenchArgs, UsageError } from './args'
import { browserBench } from './browser'
import { writeLatestTable } from './readme-table'

/**
 * `npm run bench [-- --quick] [-- --associates=N] [-- --no-browser] [-- --keep]`: builds a site,
 * measures, prints the table and writes bench/results.json (bench/results-quick.json for --quick).
 * `--keep` leaves the generated site in place (its folder is printed) for looking into by hand.
 * A full run at the scale (100,000 associates) also puts its table in the README.
 */
async function main(argv: readonly string[]): Promise<void> {
  const args = parseBenchArgs(argv)
  const preset = args.quick ? QUICK : FULL
  const dir = mkdtempSync(join(tmpdir(), 'sm-bench-'))
  try {
    const results = await runBench({
      ...preset,
      associates: args.associates,
      stagedChanges: Math.min(preset.stagedChanges, Math.max(1, Math.floor(args.associates / 10))),
      dir,
      browser: args.browser ? browserBench : undefined,
      log: (line) => console.log(line)
    })
    console.log(`\n${formatTable(results)}`)
    mkdirSync(resolve('bench'), { recursive: true })
    const file = resolve('bench', args.quick ? 'results-quick.json' : 'results.json')
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
    console.log(`\nWritten to ${file}`)
    if (!args.quick && args.associates === FULL.associates) {
      writeLatestTable(resolve('README.md'), formatTable(results))
      console.log(`Table written to ${resolve('README.md')} (Performance)`)
    }
  } finally {
    if (args.keep) console.log(`Site kept in ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`bench: ${error.message}`)
    process.exitCode = 2
    return
  }
  console.error(error)
  process.exitCode = 1
})
