import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { CamelCasePlugin, sql } from 'kysely'
import { readArrays, readRows } from '../../../src/main/core/db/site-dialect'
import { openSite, type Site } from '../../../src/main/core/db/open-site'
import { fixedClock, makeTempDir } from '../support/site-fixture'

/**
 * readRows skips Kysely's executor for a read when nothing holds the connection (issue 8). It must
 * never read inside someone else's transaction, nor skip a plugin.
 */
describe('readRows', () => {
  let site: Site | undefined
  let cleanup: (() => void) | undefined
  afterEach(async () => {
    await site?.db.destroy()
    cleanup?.()
    site = undefined
  })

  async function open(): Promise<Site> {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    site = await openSite(join(temp.dir, 'dialect.smsite'), { create: true, clock: fixedClock })
    await site.db.insertInto('site_meta').values({ key: 'probe', value: 'saved' }).execute()
    return site
  }

  const probe = (s: Site) => sql<{ value: string }>`select value from site_meta where key = 'probe'`.compile(s.db)

  it('gives the rows a query through Kysely gives, with parameters of its own if asked', async () => {
    const s = await open()
    const query = sql<{ value: string }>`select value from site_meta where key = ${'probe'}`.compile(s.db)
    expect(await readRows(s.db, query)).toEqual((await s.db.executeQuery(query)).rows)
    expect(await readRows(s.db, query, ['nothing'])).toEqual([])
  })

  it('gives rows as arrays of their columns, and leaves the shared statement giving objects to everyone else', async () => {
    const s = await open()
    const query = sql`select key, value from site_meta where key = ${'probe'}`.compile(s.db)
    expect(await readArrays(s.db, query)).toEqual([['probe', 'saved']])
    expect(await readRows(s.db, query)).toEqual([{ key: 'probe', value: 'saved' }])
    expect((await s.db.executeQuery(query)).rows).toEqual([{ key: 'probe', value: 'saved' }])
    await s.db.transaction().execute(async (trx) => {
      // Through Kysely (a transaction): the same arrays.
      expect(await readArrays(trx, query)).toEqual([['probe', 'saved']])
    })
  })

  it("waits for a transaction under way instead of reading its uncommitted rows, then sees what it committed", async () => {
    const s = await open()
    let read: Promise<Array<{ value: string }>> | undefined
    await s.db.transaction().execute(async (trx) => {
      await trx.updateTable('site_meta').set({ value: 'uncommitted' }).where('key', '=', 'probe').execute()
      read = readRows(s.db, probe(s))
      // Give a wrongly eager read every chance to run inside the transaction.
      await new Promise((resolve) => setTimeout(resolve, 20))
      await trx.updateTable('site_meta').set({ value: 'committed' }).where('key', '=', 'probe').execute()
    })
    expect(await read).toEqual([{ value: 'committed' }])
  })

  it('never sees the rows of a transaction that rolls back', async () => {
    const s = await open()
    let read: Promise<Array<{ value: string }>> | undefined
    await expect(
      s.db.transaction().execute(async (trx) => {
        await trx.updateTable('site_meta').set({ value: 'rolled back' }).where('key', '=', 'probe').execute()
        read = readRows(s.db, probe(s))
        await new Promise((resolve) => setTimeout(resolve, 20))
        throw new Error('roll back')
      })
    ).rejects.toThrow('roll back')
    expect(await read).toEqual([{ value: 'saved' }])
  })

  it('reads inside the transaction it is given, and through Kysely when a plugin must see the result', async () => {
    const s = await open()
    await s.db.transaction().execute(async (trx) => {
      await trx.updateTable('site_meta').set({ value: 'mine' }).where('key', '=', 'probe').execute()
      expect(await readRows(trx, probe(s))).toEqual([{ value: 'mine' }])
    })
    const camel = s.db.withPlugin(new CamelCasePlugin())
    const query = sql<{ probeValue: string }>`select value as probe_value from site_meta where key = 'probe'`.compile(camel)
    expect(await readRows(camel, query)).toEqual([{ probeValue: 'mine' }])
  })
})
