import type Database from 'better-sqlite3'
import type { Core } from '../../../src/main/core/open-core'
import type { RoleValues } from '../../../src/shared/domain/role'
import type { Result } from '../../../src/shared/ipc/result'

/** Stages one role change through dispatch and returns the result. */
export function stageRole(core: Core, id: string, values: RoleValues): Promise<Result<unknown>> {
  return core.dispatch('changes:stage', { screen: 'roles', change: { entity: 'role', id, values } })
}

/** Unwraps a successful result, failing the test with the error otherwise. */
export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.problems ?? [])}`)
  return result.value as T
}

/** Adds `count` employees holding `roleId` (with the company, person and group they need). */
export function addUsers(raw: Database.Database, roleId: number, count: number, prefix = `u${roleId}`): number[] {
  const now = '2026-01-01T00:00:00.000Z'
  let company = raw.prepare('SELECT company_id FROM company LIMIT 1').pluck().get() as number | undefined
  if (!company) company = Number(raw.prepare('INSERT INTO company (name, created_at, updated_at) VALUES (?, ?, ?)').run('Our company', now, now).lastInsertRowid)
  let group = raw.prepare('SELECT user_group_id FROM user_group LIMIT 1').pluck().get() as number | undefined
  if (!group) group = Number(raw.prepare('INSERT INTO user_group (name, created_at, updated_at) VALUES (?, ?, ?)').run('Sales', now, now).lastInsertRowid)
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const person = Number(raw.prepare('INSERT INTO person (company_id, last_name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(company, `${prefix}-${i}`, now, now).lastInsertRowid)
    const associate = Number(
      raw
        .prepare("INSERT INTO associate (user_id, user_type, person_id, primary_group_id, created_at, updated_at) VALUES (?, 'employee', ?, ?, ?, ?)")
        .run(`${prefix}-${i}`, person, group, now, now).lastInsertRowid
    )
    raw.prepare('INSERT INTO user_role (associate_id, role_id) VALUES (?, ?)').run(associate, roleId)
    ids.push(associate)
  }
  return ids
}

export function roleOfUsers(raw: Database.Database, associateIds: readonly number[]): number[] {
  return associateIds.map((id) => raw.prepare('SELECT role_id FROM user_role WHERE associate_id = ?').pluck().get(id) as number)
}
