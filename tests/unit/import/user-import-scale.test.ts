import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkAll, csvOf, FULL_MAPPING, loadFile, openImportSite, previewRows, value, type ImportSite } from './import-support'

/** 100,000 rows: parse, check (a chunk per call, as the renderer drives it), page and stage. No timing assertions. */
describe('Import → Users from CSV at scale', () => {
  let site: ImportSite
  beforeAll(async () => {
    site = await openImportSite()
  })
  afterAll(async () => {
    await site.cleanup()
  })

  it('100,000 rows parse, check, page and stage as one step', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `Fornavn ${i};"Etternavn; ${i}";u${i}@example.com;+47 ${i};U${String(i).padStart(6, '0')};Nordlys Consulting AS;User level 2;Sales;Marketing, IT;`)
    const started = performance.now()
    const loaded = await loadFile(site, csvOf(...lines))
    expect(loaded.rows).toBe(100_000)
    const check = await checkAll(site, loaded.token, FULL_MAPPING)
    expect(check).toMatchObject({ checked: 100_000, calls: 10, summary: { create: 100_000, update: 0, unchanged: 0, error: 0 } })
    const last = value<{ total: number; rows: Array<{ row: number }> }>(await site.core.dispatch('import:previewUsers', { token: loaded.token, offset: 99_900, limit: 500 }))
    expect(last.total).toBe(100_000)
    expect(last.rows.at(-1)!.row).toBe(100_001)
    expect(await previewRows(site, loaded.token, 'error')).toEqual([])
    const staged = value<{ created: number; state: { steps: number } }>(await site.core.dispatch('import:stageUsers', { token: loaded.token }))
    expect(staged).toMatchObject({ created: 100_000, state: { steps: 1 } })
    const page = value<{ total: number }>(await site.core.dispatch('users:list', { limit: 10 }))
    expect(page.total).toBe(100_000)
    console.log(`100,000-row import: load + check + stage + first Users page in ${Math.round(performance.now() - started)} ms`)
  }, 300_000)
})
