#!/usr/bin/env node
/**
 * Runs Electronegativity (Doyensec's static checker for Electron security anti-patterns) over
 * src/ and fails when it reports a finding that docs/electronegativity.md does not explain.
 *
 * Each finding is keyed by its check id and file (not its line, so moving code does not break
 * the check). The doc's table lists `| CHECK_ID | src/path | why it is a false positive or accepted |`.
 *
 * Runs offline: the one check that needs the network (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK,
 * which downloads Electron's release list) is excluded — see the doc; the tool's attempt to fetch
 * updated translations fails quietly after a second.
 *
 * Usage: node scripts/electronegativity-check.mjs [--print]   (--print lists every finding)
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const docPath = join(root, 'docs', 'electronegativity.md')
const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js')
const ELECTRON_VERSION = '45.4.1'
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck']
const TIME_LIMIT_MS = 5 * 60 * 1000

/** Parses the explanation table: rows whose first cell is an UPPER_SNAKE check id. */
export function readExplanations(markdown) {
  const explained = new Map()
  for (const line of markdown.split(/\r?\n/)) {
    if (!line.trim().startsWith('|')) continue
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim().replace(/^`|`$/g, ''))
    if (cells.length < 3 || !/^[A-Z][A-Z0-9_]+$/.test(cells[0])) continue
    const why = cells.slice(2).join('|').trim()
    if (why.length < 20) continue // an empty or token "ok" is not an explanation
    explained.set(`${cells[0]} ${cells[1]}`, why)
  }
  return explained
}

/** Reads the SARIF file Electronegativity writes: one entry per finding, paths made repo-relative. */
export function readFindings(sarif) {
  const findings = []
  for (const run of sarif.runs ?? []) {
    for (const result of run.results ?? []) {
      const location = result.locations?.[0]?.physicalLocation
      const uri = location?.artifactLocation?.uri ?? 'N/A'
      const file = uri === 'N/A' ? 'N/A' : `src/${uri.replace(/\\/g, '/').replace(/^\.?\//, '')}`
      findings.push({ id: result.ruleId, file, line: location?.region?.startLine ?? 0, message: result.message?.text ?? '' })
    }
  }
  return findings
}

function main() {
  if (!existsSync(cli)) {
    console.error(`electronegativity-check: ${cli} is missing (devDependency @doyensec/electronegativity not installed).`)
    process.exit(2)
  }
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
  const out = join(dir, 'findings.sarif')
  try {
    const run = spawnSync(
      process.execPath,
      [cli, '-i', 'src', '-r', '-e', ELECTRON_VERSION, '-x', EXCLUDED.join(','), '-o', out],
      { cwd: root, encoding: 'utf8', timeout: TIME_LIMIT_MS, env: { ...process.env, LANG: 'en' } }
    )
    if (run.error || run.status !== 0 || !existsSync(out)) {
      console.error('electronegativity-check: the scan did not complete.')
      console.error(run.error?.message ?? '', run.stdout, run.stderr)
      process.exit(2)
    }
    const findings = readFindings(JSON.parse(readFileSync(out, 'utf8')))
    const explained = readExplanations(existsSync(docPath) ? readFileSync(docPath, 'utf8') : '')
    const unexplained = findings.filter((f) => !explained.has(`${f.id} ${f.file}`))
    const seen = new Set(findings.map((f) => `${f.id} ${f.file}`))
    const stale = [...explained.keys()].filter((k) => !seen.has(k))

    if (process.argv.includes('--print')) for (const f of findings) console.info(`${f.id}  ${f.file}:${f.line}  ${f.message}`)
    for (const k of stale) console.warn(`electronegativity-check: docs/electronegativity.md explains "${k}", which is no longer reported — remove the row.`)
    if (unexplained.length > 0) {
      console.error(`electronegativity-check: ${unexplained.length} finding(s) not explained in docs/electronegativity.md:`)
      for (const f of unexplained) console.error(`  ${f.id}  ${f.file}:${f.line}  ${f.message}`)
      console.error('Fix the code, or add a row | CHECK_ID | file | why | if it is a false positive or accepted.')
      process.exit(1)
    }
    console.info(`electronegativity-check: ${findings.length} finding(s), all explained in docs/electronegativity.md.`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
