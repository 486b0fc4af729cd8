import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { openSite, type Site } from '../../../src/main/core/db/open-site'
import { fixedClock, makeTempDir } from '../support/site-fixture'

/** associate_list (migration 0003) must always equal what the joins it replaces would give. */
const FROM_SOURCES = `SELECT a.associate_id, a.user_id, coalesce(p.first_name, ''), coalesce(p.middle_name, ''), coalesce(p.last_name, ''),
    coalesce(g.name, ''), coalesce(r.name, ''), a.primary_group_id, ur.role_id, r.role_type, r.deleted, p.company_id, coalesce(c.name, ''),
    coalesce((SELECT ',' || group_concat(l.module_name, ',' ORDER BY l.module_name) || ','
              FROM licence_assignment la JOIN licence l ON l.licence_id = la.licence_id WHERE la.associate_id = a.associate_id), ''),
    a.can_log_in, a.retired
  FROM associate a LEFT JOIN person p ON p.person_id = a.person_id LEFT JOIN user_group g ON g.user_group_id = a.primary_group_id
  LEFT JOIN user_role ur ON ur.associate_id = a.associate_id LEFT JOIN role r ON r.role_id = ur.role_id
  LEFT JOIN company c ON c.company_id = p.company_id
  WHERE a.user_type = 'employee' ORDER BY 1`

const fromSources = (raw: Database.Database): unknown[] => raw.prepare(FROM_SOURCES).raw().all()
const kept = (raw: Database.Database): unknown[] => raw.prepare('SELECT * FROM associate_list ORDER BY 1').raw().all()
const generation = (raw: Database.Database): number => Number(raw.prepare('SELECT generation FROM associate_list_state').pluck().get())

describe('associate_list (the Users list keys, kept by triggers)', () => {
  let dir: string
  let cleanup: () => void
  let site: Site
  beforeEach(async () => {
    ;({ dir, cleanup } = makeTempDir())
    site = await openSite(join(dir, 'list.smsite'), { create: true, clock: fixedClock })
    site.raw.exec(`
      INSERT INTO company (company_id, name, created_at, updated_at) VALUES (1, 'Acme', 'x', 'x'), (2, 'Beta', 'x', 'x');
      INSERT INTO user_group (user_group_id, name, created_at, updated_at) VALUES (1, 'G1', 'x', 'x'), (2, 'G2', 'x', 'x');
      INSERT INTO person (person_id, company_id, first_name, last_name, created_at, updated_at) VALUES (1, 1, 'Kari', 'Nord', 'x', 'x');
      INSERT INTO associate (associate_id, user_id, user_type, person_id, primary_group_id, created_at, updated_at) VALUES (1, 'KN', 'employee', 1, 1, 'x', 'x');
      INSERT INTO associate (associate_id, user_id, user_type, description, created_at, updated_at) VALUES (2, 'SYS', 'system', 'ERP', 'x', 'x');
      INSERT INTO user_role VALUES (1, 3);
      INSERT INTO licence_owner (licence_owner_id, owner_name, licence_file, activated_at) VALUES (1, 'V', 'f', 'x');
      INSERT INTO licence (licence_id, licence_owner_id, module_name, display_name, kind, total) VALUES (1, 1, 'web', 'W', 'user', 10), (2, 1, 'user', 'U', 'user', 10);
      INSERT INTO licence_assignment VALUES (1, 1, 'x'), (2, 1, 'x');`)
  })
  afterEach(async () => {
    await site.close()
    cleanup()
  })

  it('follows every write to the tables it mirrors, cascades included', () => {
    const raw = site.raw
    expect(kept(raw)).toHaveLength(1)
    expect(kept(raw)).toEqual(fromSources(raw))
    const steps = [
      "UPDATE person SET first_name = 'K2', middle_name = 'M', last_name = 'N2', company_id = 2 WHERE person_id = 1",
      "UPDATE company SET name = 'Beta2' WHERE company_id = 2",
      "UPDATE role SET name = 'Renamed', deleted = 1 WHERE role_id = 3",
      'UPDATE user_role SET role_id = 4 WHERE associate_id = 1',
      'DELETE FROM user_role WHERE associate_id = 1',
      'INSERT INTO user_role VALUES (1, 5)',
      "UPDATE user_group SET name = 'Gx' WHERE user_group_id = 1",
      "UPDATE associate SET primary_group_id = 2, retired = 1, can_log_in = 0, user_id = 'KN2' WHERE associate_id = 1",
      "UPDATE licence SET module_name = 'aaa' WHERE licence_id = 2",
      'DELETE FROM licence WHERE licence_id = 1',
      'DELETE FROM licence_owner WHERE licence_owner_id = 1',
      "UPDATE associate SET user_type = 'resource', primary_group_id = NULL WHERE associate_id = 1",
      "UPDATE associate SET user_type = 'employee', primary_group_id = 1 WHERE associate_id = 1",
      'DELETE FROM associate WHERE associate_id = 1'
    ]
    for (const step of steps) {
      const before = generation(raw)
      raw.exec(step)
      expect(kept(raw), step).toEqual(fromSources(raw))
      expect(generation(raw), step).toBeGreaterThan(before)
    }
    expect(kept(raw)).toEqual([])
  })

  it('a write that changes nothing the list shows leaves the generation alone', () => {
    const before = generation(site.raw)
    site.raw.exec("UPDATE associate SET updated_at = 'y' WHERE associate_id = 1; UPDATE person SET phone = '1', first_name = 'Kari' WHERE person_id = 1")
    expect(generation(site.raw)).toBe(before)
  })
})
