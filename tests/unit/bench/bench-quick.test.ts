import { afterEach, describe, expect, it } from 'vitest'
import { QUICK, formatTable, runBench } from '../../../bench/bench'
import { makeTempDir } from '../support/site-fixture'

/**
 * `npm run bench -- --quick` in `npm test`: the quick run's site (10,000 associates, 1,000 staged
 * changes) with fewer repetitions, no chromium part (the e2e suite covers the screen). Proves the
 * bench still runs against the current core and reports every figure. Timings are never asserted
 * (machines are noisy).
 */
describe('bench (quick)', () => {
  let cleanup: (() => void) | undefined
  afterEach(() => cleanup?.())

  it('generates a site, measures every figure side by side with raw SQLite, and reports them', async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    const results = await runBench({ ...QUICK, reps: { list: 3, stage: 3, dispatch: 50, save: 1, open: 1 }, dir: temp.dir })

    const names = results.figures.map((f) => f.group)
    for (const group of ['1 list page', '2 save', '3 stage', '4 dispatch', '5 site']) expect(names, group).toContain(group)
    expect(results.figures.filter((f) => f.group === '1 list page')).toHaveLength(6)
    for (const f of results.figures) {
      expect(Number.isFinite(f.core.median), f.name).toBe(true)
      expect(Number.isFinite(f.core.p95), f.name).toBe(true)
      if (f.raw) expect(Number.isFinite(f.raw.median), f.name).toBe(true)
    }
    expect(results.associates).toBe(QUICK.associates + 1)
    expect(results.peakRssMb).toBeGreaterThan(0)
    expect(results.machine.cores).toBeGreaterThan(0)
    expect(results.notes.join('\n')).not.toMatch(/rows saved/)
    expect(formatTable(results)).toContain('| Figure')
  }, 240_000)
})
