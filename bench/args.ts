import { FULL, QUICK } from './bench'

/** What `npm run bench -- …` asked for. */
export interface BenchArgs {
  quick: boolean
  associates: number
  browser: boolean
  keep: boolean
}

/** A mistake on the bench's command line: printed as one line, exit code 2 (as smadmin does). */
export class UsageError extends Error {}

const FLAGS = ['--quick', '--no-browser', '--keep']
const ASSOCIATES = '--associates='
const USAGE = `Options: ${FLAGS.join(' ')} ${ASSOCIATES}N (100 to 1000000)`

/** Reads the bench's flags; anything unknown or out of range is refused with what to type instead. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const unknown = argv.filter((a) => !FLAGS.includes(a) && !a.startsWith(ASSOCIATES))
  if (unknown.length > 0) throw new UsageError(`Unknown option ${unknown.join(', ')}. ${USAGE}`)
  const quick = argv.includes('--quick')
  const given = argv.filter((a) => a.startsWith(ASSOCIATES)).map((a) => a.slice(ASSOCIATES.length))
  if (given.length > 1) throw new UsageError(`${ASSOCIATES}N is given ${given.length} times; give it once.`)
  const associates = given.length === 1 ? Number(given[0]) : (quick ? QUICK : FULL).associates
  if (given.length === 1 && (!/^\d+$/.test(given[0]) || associates < 100 || associates > 1_000_000)) {
    throw new UsageError(`${ASSOCIATES} must be a whole number from 100 to 1000000, not "${given[0]}".`)
  }
  return { quick, associates, browser: !argv.includes('--no-browser'), keep: argv.includes('--keep') }
}
