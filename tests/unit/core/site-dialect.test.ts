import { afterEach, describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import { CamelCasePlugin, sql, type Transaction } from 'kysely'
import { readArrays, readRows } from '../../../src/main/core/db/site-dialect'
import { openSite, type Site } from '../../../src/main/core/db/open-site'
import { fixedClock, makeTempDir } from '../support/site-fixture'
import type { DB } from '../../../src/main/core/db/schema'

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

  it("reads inside a transaction straight from the statement cache, seeing that transaction's own uncommitted writes", async () => {
    const s = await open()
    const query = sql`select key, value from site_meta where key = ${'probe'}`.compile(s.db)
    await s.db.transaction().execute(async (trx) => {
      const viaExecutor = vi.spyOn(trx.getExecutor(), 'executeQuery')
      await trx.updateTable('site_meta').set({ value: 'uncommitted' }).where('key', '=', 'probe').execute()
      viaExecutor.mockClear()
      expect(await readRows(trx, query)).toEqual([{ key: 'probe', value: 'uncommitted' }])
      expect(await readArrays(trx, query)).toEqual([['probe', 'uncommitted']])
      expect(viaExecutor).not.toHaveBeenCalled()
      // A write the transaction started before the read (not yet awaited) is seen, as through Kysely.
      const write = trx.updateTable('site_meta').set({ value: 'queued' }).where('key', '=', 'probe').execute()
      const second = trx.updateTable('site_meta').set({ value: 'queued twice' }).where('key', '=', 'probe').execute()
      const read = readArrays(trx, query)
      await Promise.all([write, second])
      expect(await read).toEqual([['probe', 'queued twice']])
      viaExecutor.mockRestore()
    })
    expect(await readRows(s.db, query)).toEqual([{ key: 'probe', value: 'queued twice' }])
  })

  it('refuses to read through a transaction that has committed or rolled back, as Kysely does, and reads after it are right', async () => {
    const s = await open()
    let committed: Transaction<DB> | undefined
    await s.db.transaction().execute(async (trx) => {
      committed = trx
      await trx.updateTable('site_meta').set({ value: 'committed' }).where('key', '=', 'probe').execute()
    })
    await expect(readRows(committed!, probe(s))).rejects.toThrow('Transaction is already committed')
    await expect(readArrays(committed!, probe(s))).rejects.toThrow('Transaction is already committed')
    expect(await readRows(s.db, probe(s))).toEqual([{ value: 'committed' }])

    let rolledBack: Transaction<DB> | undefined
    await expect(
      s.db.transaction().execute(async (trx) => {
        rolledBack = trx
        await trx.updateTable('site_meta').set({ value: 'rolled back' }).where('key', '=', 'probe').execute()
        expect(await readRows(trx, probe(s))).toEqual([{ value: 'rolled back' }])
        throw new Error('roll back')
      })
    ).rejects.toThrow('roll back')
    await expect(readRows(rolledBack!, probe(s))).rejects.toThrow('Transaction is already rolled back')
    expect(await readRows(s.db, probe(s))).toEqual([{ value: 'committed' }])
    expect(await readArrays(s.db, probe(s))).toEqual([['committed']])

    // A stale handle used while another transaction holds the connection still reads nothing of it.
    await s.db.transaction().execute(async (trx) => {
      await trx.updateTable('site_meta').set({ value: 'other' }).where('key', '=', 'probe').execute()
      await expect(readRows(committed!, probe(s))).rejects.toThrow('Transaction is already committed')
    })
  })
})
