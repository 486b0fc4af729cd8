import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isDeepStrictEqual } from 'node:util'
import { join } from 'node:path'
import { verifyLicenceFile } from '../../../src/main/core/licences/licence-verifier'
import { runCli } from '../../../src/main/cli/smadmin'
import { fixedClock, makeTempDir, openTestCore } from '../support/site-fixture'
import { body, entry, makeKeys, signed } from '../licences/licence-fixture'
import { badValue } from './bad-values'
import { FULL, runSeed, seededRandom } from './prng'

const LICENCE_CASES = FULL ? 20_000 : 2_000
const CLI_CASES = FULL ? 3_000 : 300
const SEED = runSeed(5_150)

function parsesTo(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return Symbol('unparsable')
  }
}

describe(`licence file fuzz: ${LICENCE_CASES} mutated files (seed ${SEED})`, () => {
  it('a changed byte is refused with a reason; only a change JSON ignores (whitespace) keeps the file valid', () => {
    const keys = makeKeys()
    const original = signed(keys, body({}, [entry('web', 'user', 5), entry('crm', 'user', 3)]))
    expect(verifyLicenceFile(original, keys.trust).ok).toBe(true)
    const random = seededRandom(SEED)
    const bytes = Buffer.from(original, 'utf8')
    let refused = 0
    let harmless = 0
    for (let i = 0; i < LICENCE_CASES; i++) {
      const at = Math.floor(random() * bytes.length)
      const kind = Math.floor(random() * 4)
      let text: string
      if (kind === 0) {
        const copy = Buffer.from(bytes)
        copy[at] ^= 1 << Math.floor(random() * 8)
        text = copy.toString('utf8')
      } else if (kind === 1) {
        text = Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), bytes.subarray(at)]).toString('utf8')
      } else if (kind === 2) {
        text = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + Math.floor(random() * 8))]).toString('utf8')
      } else {
        // Random JSON, including nesting deeper than JSON.stringify itself can write.
        const depth = Math.floor(random() * 20_000)
        const deepText = `{"body": ${'['.repeat(depth)}${']'.repeat(depth)}, "signature": "x"}`
        try {
          text = random() < 0.2 ? deepText : (JSON.stringify({ body: badValue(random, 3), signature: badValue(random, 3), format: badValue(random, 3) }, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? 'null')
        } catch {
          text = deepText // the generated value was too deep for JSON.stringify
        }
      }
      const verdict = verifyLicenceFile(text, keys.trust)
      if (verdict.ok) {
        expect(isDeepStrictEqual(parsesTo(text), parsesTo(original)), `accepted a changed file: ${text.slice(0, 200)}`).toBe(true)
        harmless++
      } else {
        expect(verdict.message.length).toBeGreaterThan(0)
        refused++
      }
    }
    console.info(`licence-fuzz: ${LICENCE_CASES} files, ${refused} refused, ${harmless} accepted (whitespace-only changes), seed ${SEED}`)
  }, 120_000)
})

describe(`command-line fuzz: ${CLI_CASES} random argument lists (seed ${SEED})`, () => {
  let dir: string
  let cleanup: () => void
  let cwd: string
  beforeAll(async () => {
    ;({ dir, cleanup } = makeTempDir())
    await (await openTestCore(join(dir, 'site.smsite'))).close()
    // Relative paths the fuzzer invents land in the temp folder, never in the repository.
    cwd = process.cwd()
    process.chdir(dir)
  })
  afterAll(() => {
    process.chdir(cwd)
    cleanup?.()
  })

  it('exit codes are only 0/1/2/3 and no bad flag prints a stack trace', async () => {
    const random = seededRandom(SEED)
    const words = [
      'site', 'info', 'create', 'migrate', 'licence', 'keygen', 'sign', 'verify', 'activate', 'endorse', 'snapshot', 'take',
      'list', 'compare', 'restore', 'live', '--json', '--demo', '--help', '-h', '--site', '--key', '--out', '--remove', '--trust',
      '--owner', '--endorsement', '--bogus', '-x', '--', '=', '--site=', '--remove=web=', 'web=A,B', '', ' ', '\u0000', '../..',
      'site.smsite', join(dir, 'site.smsite'), join(dir, 'missing.smsite'), 'nope.json', '2026-11-23T10-00-00-000Z--manual.smsite',
      'x'.repeat(5000), '--json=1', '-hx', '---', '--help=yes'
    ]
    const codes: Record<number, number> = {}
    for (let i = 0; i < CLI_CASES; i++) {
      const argv = Array.from({ length: Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)])
      const lines: string[] = []
      const code = await runCli(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { clock: fixedClock })
      const output = lines.join('\n')
      expect([0, 1, 2, 3], `${JSON.stringify(argv)} → ${code}: ${output.slice(0, 300)}`).toContain(code)
      expect(output, JSON.stringify(argv)).not.toMatch(/\n\s+at |Unexpected error/)
      codes[code] = (codes[code] ?? 0) + 1
    }
    console.info(`cli-fuzz: ${CLI_CASES} argument lists, exit codes ${JSON.stringify(codes)}, seed ${SEED}`)
  }, 120_000)
})
