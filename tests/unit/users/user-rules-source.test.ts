import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { loadUserRules, RULES_SOURCE_COLUMNS, type UserDeps } from '../../../src/main/core/changes/user-context'
import { BUILT_IN_TRUSTED_KEYS } from '../../../src/main/core/licences/trusted-keys'
import { fixedClock } from '../support/site-fixture'
import { ids, openUsersCore, value } from './users-support'
import type { AssociateListRow } from '../../../src/shared/domain/user'

/**
 * The licence rules are kept while the rows they are worked out from stay the same (issue 8: any
 * write used to re-verify every licence file). Writes by another process must still be seen.
 */
describe('user rules: kept while their source rows stand', () => {
  let cleanup: (() => Promise<void>) | undefined
  afterEach(async () => {
    await cleanup?.()
    cleanup = undefined
  })

  const deps: Pick<UserDeps, 'trust' | 'clock'> = { trust: BUILT_IN_TRUSTED_KEYS, clock: fixedClock }

  it('the source names every column of its tables, so no column the rules might read escapes it', async () => {
    const site = await openUsersCore()
    cleanup = site.cleanup
    for (const [table, columns] of Object.entries(RULES_SOURCE_COLUMNS)) {
      const actual = (site.core.site.raw.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).pluck().all() as string[]).sort()
      expect([...columns].sort(), table).toEqual(actual)
    }
  })

  it('unrelated writes keep the rules; a group renamed or a licence file removed by another process is seen', async () => {
    const site = await openUsersCore()
    cleanup = site.cleanup
    const db = site.core.site.db
    const first = await loadUserRules(db, deps)
    expect(first.catalogue.size).toBeGreaterThan(0)
    const other = new Database(site.core.site.path)
    try {
      other.prepare("UPDATE site_meta SET value = value WHERE key = 'created_at'").run()
      other.prepare("INSERT INTO company (name, created_at, updated_at) VALUES ('Unrelated AS', 'x', 'x')").run()
      expect(await loadUserRules(db, deps)).toBe(first)

      const group = ids(site.core).group1
      other.prepare('UPDATE user_group SET name = ? WHERE user_group_id = ?').run('Renamed elsewhere', Number(group))
      const renamed = await loadUserRules(db, deps)
      expect(renamed.groups.get(group)?.name).toBe('Renamed elsewhere')
      expect(renamed.catalogue).toEqual(first.catalogue)

      other.prepare('DELETE FROM licence_owner').run()
      expect((await loadUserRules(db, deps)).catalogue.size).toBe(0)
    } finally {
      other.close()
    }
  })

  it('a list page after another process renames a role shows the new name', async () => {
    const site = await openUsersCore()
    cleanup = site.cleanup
    const { core } = site
    const raw = core.site.raw
    const roleId = Number(raw.prepare("SELECT role_id FROM role WHERE role_type = 'employee' AND deleted = 0 ORDER BY rank LIMIT 1").pluck().get())
    const person = Number(raw.prepare("INSERT INTO person (company_id, first_name, last_name, created_at, updated_at) VALUES (?, 'Kari', 'Nordmann', 'x', 'x')").run(Number(ids(core).companyA)).lastInsertRowid)
    const associate = Number(
      raw
        .prepare("INSERT INTO associate (user_id, user_type, person_id, primary_group_id, created_at, updated_at) VALUES ('KNOR', 'employee', ?, ?, 'x', 'x')")
        .run(person, Number(ids(core).group1)).lastInsertRowid
    )
    raw.prepare('INSERT INTO user_role (associate_id, role_id) VALUES (?, ?)').run(associate, roleId)
    const page = async (): Promise<AssociateListRow[]> => value<{ rows: AssociateListRow[] }>(await core.dispatch('users:list', {})).rows
    const before = (await page()).find((r) => r.userId === 'KNOR')
    expect(before?.role).not.toBe('Renamed role')

    const other = new Database(core.site.path)
    try {
      other.prepare('UPDATE role SET name = ? WHERE role_id = ?').run('Renamed role', roleId)
    } finally {
      other.close()
    }
    expect((await page()).find((r) => r.userId === 'KNOR')?.role).toBe('Renamed role')
  })
})
