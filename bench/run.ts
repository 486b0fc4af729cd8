import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FULL, QUICK, formatTable, runBench } from './bench'
import { browserBench } from './browser'

/**
 * `npm run bench [-- --quick] [-- --associates=N] [-- --no-browser] [-- --keep]`: builds a site,
 * measures, prints the table and writes bench/results.json (bench/results-quick.json for --quick).
 * `--keep` leaves the generated site in place (its folder is printed) for looking into by hand.
 */
async function main(argv: readonly string[]): Promise<void> {
  const quick = argv.includes('--quick')
  const preset = quick ? QUICK : FULL
  const count = argv.find((a) => a.startsWith('--associates='))
  const associates = count ? Number(count.split('=')[1]) : preset.associates
  const dir = mkdtempSync(join(tmpdir(), 'sm-bench-'))
  try {
    const results = await runBench({
      ...preset,
      associates,
      stagedChanges: Math.min(preset.stagedChanges, Math.max(1, Math.floor(associates / 10))),
      dir,
      browser: argv.includes('--no-browser') ? undefined : browserBench,
      log: (line) => console.log(line)
    })
    console.log(`\n${formatTable(results)}`)
    mkdirSync(resolve('bench'), { recursive: true })
    const file = resolve('bench', quick ? 'results-quick.json' : 'results.json')
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
    console.log(`\nWritten to ${file}`)
  } finally {
    if (argv.includes('--keep')) console.log(`Site kept in ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
