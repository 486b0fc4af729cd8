import { expect } from 'vitest'
import type { Core } from '../../../src/main/core/open-core'
import type { Result } from '../../../src/shared/ipc/result'

type Failure = Extract<Result<unknown>, { ok: false }>['error']

export function expectOk<T = unknown>(result: Result<unknown>): T {
  expect(result.ok, JSON.stringify(result).slice(0, 500)).toBe(true)
  return (result as { ok: true; value: T }).value
}

export function expectFailure(result: Result<unknown>, code: Failure['code']): Failure {
  expect(result.ok, JSON.stringify(result).slice(0, 500)).toBe(false)
  const error = (result as { ok: false; error: Failure }).error
  expect(error.code, error.message).toBe(code)
  return error
}

/** Saves `count` new user groups named "<prefix> N" on the lists screen. */
export async function saveGroups(core: Core, count: number, prefix = 'Group'): Promise<void> {
  for (let i = 1; i <= count; i++) {
    expectOk(await core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id: `new:${i}`, values: { name: `${prefix} ${i}`, rank: i } } }))
  }
  expectOk(await core.dispatch('changes:save', { screen: 'lists' }))
}

/** Stages a rename (and a long tooltip) of every saved group: a big pending set. */
export async function stageRenames(core: Core, tag: string): Promise<number> {
  const rows = expectOk<{ rows: Array<{ id: string; name: string }> }>(await core.dispatch('userGroups:list', { includeDeleted: true })).rows
  for (const row of rows) {
    expectOk(await core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id: row.id, values: { name: `${tag} ${row.id}`, tooltip: `${tag} `.repeat(20).slice(0, 200) } } }))
  }
  return rows.length
}
