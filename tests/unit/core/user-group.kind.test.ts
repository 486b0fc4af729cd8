import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import { nameKey } from '../../../src/main/core/changes/user-group.kind'
import type { Result } from '../../../src/shared/ipc/result'
import { USER_GROUP_NAME_MAX, USER_GROUP_TOOLTIP_MAX, type UserGroupRow } from '../../../src/shared/domain/user-group'
import { dumpDatabase, makeTempDir, openTestCore } from '../support/site-fixture'

type Values = { name?: string; tooltip?: string; rank?: number; deleted?: boolean }

describe('Lists → User groups rules', () => {
  let cleanup: () => void
  let core: Core

  const stage = (id: string, values: Values | Record<string, unknown>): Promise<Result<unknown>> =>
    core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id, values } })
  const save = (): Promise<Result<unknown>> => core.dispatch('changes:save', { screen: 'lists' })
  const cancel = (): Promise<Result<unknown>> => core.dispatch('changes:cancel', { screen: 'lists' })
  async function stageOk(id: string, values: Values): Promise<void> {
    const result = await stage(id, values)
    expect(result.ok, JSON.stringify(result)).toBe(true)
  }
  async function saveOk(): Promise<void> {
    const result = await save()
    expect(result.ok, JSON.stringify(result)).toBe(true)
  }
  async function saveRefused(): Promise<Array<{ path: string; message: string }>> {
    const before = dumpDatabase(core.site.raw)
    const result = await save()
    expect(result.ok).toBe(false)
    const error = (result as { ok: false; error: { code: string; problems?: Array<{ path: string; message: string }> } }).error
    expect(error.code).toBe('validation_failed')
    expect(dumpDatabase(core.site.raw)).toEqual(before)
    return error.problems ?? []
  }
  async function list(includeDeleted = true): Promise<UserGroupRow[]> {
    const result = await core.dispatch('userGroups:list', { includeDeleted })
    expect(result.ok, JSON.stringify(result)).toBe(true)
    return (result as { ok: true; value: { rows: UserGroupRow[] } }).value.rows
  }
  const savedNames = (): string[] => core.site.raw.prepare('SELECT name FROM user_group ORDER BY user_group_id').pluck().all() as string[]

  beforeEach(async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    core = await openTestCore(join(temp.dir, 'site.smsite'))
    await stageOk('new:1', { name: 'Sales', rank: 1 })
    await stageOk('new:2', { name: 'Økonomi', rank: 2 })
    await stageOk('new:3', { name: 'Support', rank: 3 })
    await saveOk()
    expect(savedNames()).toEqual(['Sales', 'Økonomi', 'Support'])
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  it('an empty or blank name is refused; the problem path names the row', async () => {
    await stageOk('new:1', { name: '', rank: 5 })
    await stageOk('new:2', { rank: 6 }) // never named at all
    await stageOk('1', { name: '   ' })
    const problems = await saveRefused()
    expect(problems.map((p) => p.path).sort()).toEqual(['userGroup:1.name', 'userGroup:new:1.name', 'userGroup:new:2.name'])
    expect(problems.find((p) => p.path === 'userGroup:1.name')?.message).toContain('"Sales"')
  })

  it('names are unique regardless of case, against saved rows (ASCII and non-ASCII)', async () => {
    await stageOk('new:1', { name: 'SALES' })
    await stageOk('new:2', { name: 'økonomi' })
    await stageOk('new:3', { name: 'ØKONOMI ' })
    const problems = await saveRefused()
    expect(problems.map((p) => p.path).sort()).toEqual(['userGroup:new:1.name', 'userGroup:new:2.name', 'userGroup:new:3.name'])
    expect(problems[0].message).toMatch(/two user groups/)
  })

  it('names are unique regardless of case among staged rows, and a rename onto a saved name clashes', async () => {
    await stageOk('new:1', { name: 'Marketing' })
    await stageOk('new:2', { name: 'marketing' })
    await stageOk('3', { name: 'sales' })
    const problems = await saveRefused()
    expect(problems.map((p) => p.path).sort()).toEqual(['userGroup:3.name', 'userGroup:new:1.name', 'userGroup:new:2.name'])
  })

  it('Unicode forms count as the same name (NFC vs NFD)', async () => {
    expect(nameKey('Cafe\u0301')).toBe(nameKey('CAFÉ'))
    await stageOk('new:1', { name: 'Café' })
    await saveOk()
    await stageOk('new:2', { name: 'CAFE\u0301' })
    expect((await saveRefused()).map((p) => p.path)).toEqual(['userGroup:new:2.name'])
  })

  it('a deleted group still holds its name', async () => {
    await stageOk('3', { deleted: true })
    await saveOk()
    await stageOk('new:1', { name: 'support' })
    expect((await saveRefused()).map((p) => p.path)).toEqual(['userGroup:new:1.name'])
  })

  it('swapping two names (A↔B) in one set saves, and so does a three-way rotation', async () => {
    await stageOk('1', { name: 'Support' })
    await stageOk('3', { name: 'Sales' })
    await saveOk()
    expect(savedNames()).toEqual(['Support', 'Økonomi', 'Sales'])

    await stageOk('1', { name: 'Økonomi' })
    await stageOk('2', { name: 'Sales' })
    await stageOk('3', { name: 'Support' })
    await saveOk()
    expect(savedNames()).toEqual(['Økonomi', 'Sales', 'Support'])
    // No placeholder name survived.
    expect(savedNames().every((n) => /^[\p{L} ]+$/u.test(n))).toBe(true)
  })

  it('freeing a name and reusing it in the same set saves', async () => {
    await stageOk('1', { name: 'Sales (old)' })
    await stageOk('new:1', { name: 'Sales', rank: 9 })
    await saveOk()
    expect(savedNames()).toEqual(['Sales (old)', 'Økonomi', 'Support', 'Sales'])
  })

  it('changing only the case of a name saves', async () => {
    await stageOk('1', { name: 'SALES' })
    await saveOk()
    expect(savedNames()[0]).toBe('SALES')
  })

  it('names are stored trimmed', async () => {
    await stageOk('new:1', { name: '  Finance  ' })
    await saveOk()
    expect(savedNames()).toContain('Finance')
  })

  it('rank must be a whole number ≥ 0 (schema), 0 and the maximum are fine', async () => {
    for (const rank of [-1, 1.5, Number.NaN, '2']) {
      const result = await stage('1', { rank })
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(JSON.stringify(result)).toContain('change.values.rank')
    }
    await stageOk('1', { rank: 0 })
    await stageOk('2', { rank: 1_000_000 })
    await saveOk()
    expect(core.site.raw.prepare('SELECT rank FROM user_group ORDER BY user_group_id').pluck().all()).toEqual([0, 1_000_000, 3])
  })

  it('name and tooltip lengths are limited', async () => {
    expect(await stage('1', { tooltip: 'x'.repeat(USER_GROUP_TOOLTIP_MAX + 1) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await stage('1', { name: 'x'.repeat(USER_GROUP_NAME_MAX + 1) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    await stageOk('1', { tooltip: 't'.repeat(USER_GROUP_TOOLTIP_MAX) })
    await stageOk('2', { name: 'n'.repeat(USER_GROUP_NAME_MAX) })
    await saveOk()
    const rows = core.site.raw.prepare('SELECT name, tooltip FROM user_group ORDER BY user_group_id').all() as Array<{ name: string; tooltip: string }>
    expect(rows[0].tooltip).toHaveLength(USER_GROUP_TOOLTIP_MAX)
    expect(rows[1].name).toHaveLength(USER_GROUP_NAME_MAX)
  })

  it('mark deleted / restore', async () => {
    await stageOk('2', { deleted: true })
    let rows = await list()
    expect(rows.find((r) => r.id === '2')).toMatchObject({ deleted: true, status: 'changed', changedFields: ['deleted'] })
    expect((await list(false)).map((r) => r.name)).toEqual(['Sales', 'Support'])
    await saveOk()
    expect(core.site.raw.prepare('SELECT deleted FROM user_group WHERE user_group_id = 2').pluck().get()).toBe(1)
    expect((await list(false)).map((r) => r.name)).toEqual(['Sales', 'Support'])

    await stageOk('2', { deleted: false })
    await saveOk()
    expect(core.site.raw.prepare('SELECT deleted FROM user_group WHERE user_group_id = 2').pluck().get()).toBe(0)
    rows = await list(false)
    expect(rows.map((r) => r.name)).toEqual(['Sales', 'Økonomi', 'Support'])
  })

  it('userGroups:list shows the merged view with status per row, sorted by rank then name', async () => {
    await stageOk('new:1', { name: 'Aardvark', rank: 1 })
    await stageOk('3', { tooltip: 'Helpdesk' })
    const rows = await list()
    expect(rows.map((r) => [r.id, r.name, r.rank, r.status, r.changedFields])).toEqual([
      ['new:1', 'Aardvark', 1, 'new', ['name', 'tooltip', 'rank', 'deleted']],
      ['1', 'Sales', 1, 'saved', []],
      ['2', 'Økonomi', 2, 'saved', []],
      ['3', 'Support', 3, 'changed', ['tooltip']]
    ])
    await cancel()
    expect((await list()).map((r) => r.status)).toEqual(['saved', 'saved', 'saved'])
  })

  it('the database also refuses duplicate ASCII names and blank names written around the app', () => {
    expect(() =>
      core.site.raw.prepare("INSERT INTO user_group (name, created_at, updated_at) VALUES ('sales', 'x', 'x')").run()
    ).toThrow(/UNIQUE/)
    expect(() => core.site.raw.prepare("INSERT INTO user_group (name, created_at, updated_at) VALUES ('  ', 'x', 'x')").run()).toThrow(/CHECK/)
    expect(() =>
      core.site.raw.prepare("INSERT INTO user_group (name, rank, created_at, updated_at) VALUES ('Neg', -1, 'x', 'x')").run()
    ).toThrow(/CHECK/)
  })
})
