import { describe, expect, it } from 'vitest'
import { parseBenchArgs, UsageError } from '../../../bench/args'
import { README_END, README_START, withLatestTable } from '../../../bench/readme-table'

describe('npm run bench: flags', () => {
  it('defaults to the full run (100,000 associates, with chromium)', () => {
    expect(parseBenchArgs([])).toEqual({ quick: false, associates: 100_000, browser: true, keep: false })
  })

  it('reads --quick, --no-browser, --keep and --associates=N', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({ quick: true, associates: 10_000 })
    expect(parseBenchArgs(['--associates=2500', '--no-browser', '--keep'])).toEqual({ quick: false, associates: 2_500, browser: false, keep: true })
  })

  it.each([
    [['--fast'], /Unknown option --fast/],
    [['--associates=lots'], /whole number from 100 to 1000000, not "lots"/],
    [['--associates=1e5'], /not "1e5"/],
    [['--associates=12'], /not "12"/],
    [['--associates='], /not ""/],
    [['--associates=200', '--associates=300'], /give it once/]
  ])('refuses %j with a message that says what to type', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(UsageError)
    expect(() => parseBenchArgs(argv)).toThrow(message)
  })
})

describe('npm run bench: the README table', () => {
  const readme = `# App\n\n## Performance\n\nProse stays.\n\n${README_START}\n\nold table\n\n${README_END}\n\n## Next\n`

  it('replaces only what stands between the markers', () => {
    const updated = withLatestTable(readme, '| new | table |\n')
    expect(updated).toBe(`# App\n\n## Performance\n\nProse stays.\n\n${README_START}\n\n| new | table |\n\n${README_END}\n\n## Next\n`)
    expect(withLatestTable(updated, '| newer |')).toContain(`${README_START}\n\n| newer |\n\n${README_END}`)
  })

  it('refuses a README without the section instead of writing the table somewhere else', () => {
    expect(() => withLatestTable('# App\n', 't')).toThrow(/no "<!-- bench:latest -->"/)
    expect(() => withLatestTable(`${README_END}\n${README_START}`, 't')).toThrow(/no "<!-- bench:latest -->"/)
  })
})
