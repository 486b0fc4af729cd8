import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openSite, type Site } from '../../../src/main/core/db/open-site'
import {
  DATA_OBJECTS,
  EMPLOYEE_FUNCTIONAL_RIGHTS,
  EXTERNAL_FUNCTIONAL_RIGHTS,
  FUNCTIONAL_RIGHTS_BY_TYPE,
  OWNER_RELATIONS,
  PREDEFINED_ROLE_IDS,
  type RoleType
} from '../../../src/shared/domain/role'
import { fixedClock, makeTempDir } from '../support/site-fixture'
import { renderRolesDoc } from './roles-doc'

const DOC_PATH = join(__dirname, '../../../docs/roles.md')

describe('seeded roles (migrations/0002_roles_seed.sql)', () => {
  let dir: string
  let cleanup: () => void
  let site: Site
  beforeEach(async () => {
    ;({ dir, cleanup } = makeTempDir())
    site = await openSite(join(dir, 'seed.smsite'), { create: true, clock: fixedClock })
  })
  afterEach(async () => {
    await site.close()
    cleanup()
  })

  const all = <T>(sql: string, ...args: unknown[]): T[] => site.raw.prepare(sql).all(...args) as T[]

  it('holds the reference\'s 12 predefined roles with their types and fixed ids', () => {
    const roles = all<{ role_id: number; name: string; role_type: RoleType; deleted: number; created_at: string }>('SELECT * FROM role ORDER BY role_id')
    expect(roles.map((r) => [r.role_id, r.name, r.role_type])).toEqual([
      [1, 'User level 0', 'employee'],
      [2, 'User level 1', 'employee'],
      [3, 'User level 2', 'employee'],
      [4, 'User level 3', 'employee'],
      [5, 'User level 4', 'employee'],
      [6, 'User level 5', 'employee'],
      [7, 'List administrator', 'employee'],
      [8, 'User administrator', 'employee'],
      [9, 'Local user', 'employee'],
      [10, 'External user', 'external'],
      [11, 'Anonymous user', 'anonymous'],
      [12, 'System user', 'system']
    ])
    expect(roles.every((r) => r.deleted === 0 && r.created_at === '2026-01-01T00:00:00.000Z')).toBe(true)
    expect(PREDEFINED_ROLE_IDS.userLevel0).toBe(1)
    expect(PREDEFINED_ROLE_IDS.systemUser).toBe(12)
  })

  it('gives every role a complete matrix for its type and nothing else', () => {
    const roles = all<{ role_id: number; role_type: RoleType }>('SELECT role_id, role_type FROM role')
    for (const role of roles) {
      const cells = all<{ data_object: string; owner_relation: string }>('SELECT data_object, owner_relation FROM data_right WHERE role_id = ?', role.role_id)
      const expected = DATA_OBJECTS.flatMap((o) => OWNER_RELATIONS[role.role_type].map((r) => `${o}/${r}`)).sort()
      expect(cells.map((c) => `${c.data_object}/${c.owner_relation}`).sort(), `role ${role.role_id}`).toEqual(expected)
    }
  })

  it('follows the descriptions: administrators have everything, user levels shrink, the anonymous role only creates its own', () => {
    const levels = (roleId: number): string[] => all<{ level: string }>('SELECT DISTINCT level FROM data_right WHERE role_id = ? ORDER BY level', roleId).map((r) => r.level)
    for (const id of [1, 2, 7, 8, 12]) expect(levels(id)).toEqual(['delete'])
    const cell = (roleId: number, object: string, relation: string): string =>
      site.raw.prepare('SELECT level FROM data_right WHERE role_id = ? AND data_object = ? AND owner_relation = ?').pluck().get(roleId, object, relation) as string
    expect(cell(3, 'company', 'primary_group')).toBe('delete') // User level 2: full in own group
    expect(cell(4, 'company', 'primary_group')).toBe('read') // User level 3: reads own group
    expect(cell(5, 'sale', 'primary_group')).toBe('none') // User level 4: limited in group
    expect(cell(6, 'follow_up', 'own')).toBe('create') // User level 5 creates activities
    expect(cell(6, 'company', 'own')).toBe('read')
    expect(cell(9, 'company', 'other_associates')).toBe('none') // Local user
    expect(cell(10, 'contact', 'own')).toBe('update')
    expect(cell(10, 'sale', 'my_company')).toBe('none')
    expect(cell(11, 'contact', 'own')).toBe('create')
    expect(cell(11, 'company', 'other_associates')).toBe('none')
  })

  it('seeds the functional-rights catalogue the code knows, in the same order', () => {
    const rows = all<{ functional_right_id: string; applies_to: string; display_name: string; description: string }>('SELECT * FROM functional_right ORDER BY rowid')
    expect(rows.map((r) => r.functional_right_id)).toEqual([...EMPLOYEE_FUNCTIONAL_RIGHTS, ...EXTERNAL_FUNCTIONAL_RIGHTS])
    expect(rows.filter((r) => r.applies_to === 'external').map((r) => r.functional_right_id)).toEqual([...EXTERNAL_FUNCTIONAL_RIGHTS])
    expect(rows.every((r) => r.display_name.length > 0 && r.description.length > 0)).toBe(true)
  })

  it('grants each role only rights of its type, and the administrator rights where the reference puts them', () => {
    const rightsOf = (roleId: number): string[] =>
      all<{ functional_right_id: string }>('SELECT functional_right_id FROM role_functional_right WHERE role_id = ?', roleId).map((r) => r.functional_right_id)
    for (const role of all<{ role_id: number; role_type: RoleType }>('SELECT role_id, role_type FROM role')) {
      for (const right of rightsOf(role.role_id)) expect(FUNCTIONAL_RIGHTS_BY_TYPE[role.role_type]).toContain(right)
    }
    expect(rightsOf(1)).toContain('admin-all')
    expect(rightsOf(12)).toContain('admin-all')
    expect(rightsOf(8)).toContain('admin-users')
    expect(rightsOf(7)).toContain('admin-lists')
    expect(rightsOf(11)).toEqual([])
    const adminHolders = all<{ role_id: number }>("SELECT role_id FROM role_functional_right WHERE functional_right_id = 'admin-all' ORDER BY role_id")
    expect(adminHolders.map((r) => r.role_id)).toEqual([1, 12])
    expect(rightsOf(9)).not.toContain('see-other-companies-associates')
  })

  it('docs/roles.md shows exactly the seeded matrices and rights', () => {
    const rendered = renderRolesDoc(site.raw)
    if (process.env.UPDATE_ROLES_DOC === '1') {
      mkdirSync(join(DOC_PATH, '..'), { recursive: true })
      writeFileSync(DOC_PATH, rendered)
    }
    expect(existsSync(DOC_PATH)).toBe(true)
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(rendered)
  })
})
