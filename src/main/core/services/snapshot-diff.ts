import type Database from 'better-sqlite3'
import type { SnapshotSectionDiff } from '../../../shared/domain/snapshot'

type Cell = string | number | null

/**
 * One kind of thing the comparison reports. `sql` returns a `key` (stable across snapshots of the
 * same site), a human `label`, and the compared fields as the remaining columns; timestamps are left
 * out on purpose (they change on every Save and say nothing an admin needs).
 */
interface Section {
  section: string
  title: string
  sql: string
}

const userLabel = `a.user_id || CASE WHEN p.person_id IS NULL THEN '' ELSE ' (' || trim(p.first_name || ' ' || p.last_name) || ')' END`

/** Users, groups, roles, rights, licences and their assignments (SPEC A3.10). */
const SECTIONS: readonly Section[] = [
  {
    section: 'users',
    title: 'Users',
    // The password column only says whether it changed: a hash never leaves main (SPEC D8).
    sql: `SELECT 'associate:' || a.associate_id AS key, ${userLabel} AS label,
            a.user_id AS "user ID", a.user_type AS "user type", trim(p.first_name || ' ' || p.last_name) AS name,
            c.name AS company, g.name AS "primary group", r.name AS role, a.description AS description,
            a.can_log_in AS "can log in", a.retired AS retired, a.rank AS rank,
            (SELECT secret_hash FROM credential cr WHERE cr.associate_id = a.associate_id AND cr.credential_type = 'password') AS "secret:password"
          FROM associate a
          LEFT JOIN person p ON p.person_id = a.person_id
          LEFT JOIN company c ON c.company_id = p.company_id
          LEFT JOIN user_group g ON g.user_group_id = a.primary_group_id
          LEFT JOIN user_role ur ON ur.associate_id = a.associate_id
          LEFT JOIN role r ON r.role_id = ur.role_id`
  },
  {
    section: 'groups',
    title: 'User groups',
    sql: `SELECT 'group:' || user_group_id AS key, name AS label, name, tooltip, rank, deleted, group_type AS type FROM user_group`
  },
  {
    section: 'groupMembers',
    title: 'Group memberships (secondary groups)',
    sql: `SELECT 'member:' || l.associate_id || ':' || l.user_group_id AS key, a.user_id || ' in ' || g.name AS label
          FROM user_group_link l JOIN associate a ON a.associate_id = l.associate_id JOIN user_group g ON g.user_group_id = l.user_group_id`
  },
  {
    section: 'roles',
    title: 'Roles',
    sql: `SELECT 'role:' || role_id AS key, name AS label, name, description, rank, role_type AS "role type", deleted FROM role`
  },
  {
    section: 'dataRights',
    title: 'Data rights',
    sql: `SELECT 'data:' || d.role_id || ':' || d.data_object || ':' || d.owner_relation AS key,
            r.name || ': ' || d.data_object || ' / ' || d.owner_relation AS label, d.level AS level
          FROM data_right d JOIN role r ON r.role_id = d.role_id`
  },
  {
    section: 'functionalRights',
    title: 'Functional rights',
    sql: `SELECT 'functional:' || rf.role_id || ':' || rf.functional_right_id AS key, r.name || ': ' || f.display_name AS label
          FROM role_functional_right rf JOIN role r ON r.role_id = rf.role_id JOIN functional_right f ON f.functional_right_id = rf.functional_right_id`
  },
  {
    section: 'licenceOwners',
    title: 'Licence owners',
    sql: `SELECT 'owner:' || owner_name AS key, owner_name AS label, licensee_name AS licensee, serial_number AS "serial number",
            expires_on AS "expires on", grace_until AS "grace until", maintenance_until AS "maintenance until", is_demo AS demo,
            activated_at AS "activated at", activated_by AS "activated by"
          FROM licence_owner`
  },
  {
    section: 'licences',
    title: 'Licences',
    sql: `SELECT 'licence:' || o.owner_name || ':' || l.module_name AS key, o.owner_name || ': ' || l.display_name AS label,
            l.total AS total, l.unrestricted AS unrestricted, l.kind AS kind, l.prerequisite_module AS prerequisite, l.hidden AS hidden
          FROM licence l JOIN licence_owner o ON o.licence_owner_id = l.licence_owner_id`
  },
  {
    section: 'assignments',
    title: 'Licence assignments',
    sql: `SELECT 'assigned:' || o.owner_name || ':' || l.module_name || ':' || a.associate_id AS key,
            l.display_name || ' → ' || a.user_id AS label
          FROM licence_assignment la JOIN licence l ON l.licence_id = la.licence_id
          JOIN licence_owner o ON o.licence_owner_id = l.licence_owner_id JOIN associate a ON a.associate_id = la.associate_id`
  }
]

type Rows = Map<string, Record<string, Cell>>

function read(db: Database.Database, sql: string): Rows {
  const rows = db.prepare(sql).all() as Array<Record<string, Cell>>
  return new Map(rows.map((r) => [String(r.key), r]))
}

/** A secret column is reported as set / not set, and as changed when its value differs. */
function shown(field: string, value: Cell): Cell {
  return field.startsWith('secret:') ? (value === null ? 'not set' : 'set') : value
}

/** Compares two open databases section by section: what was added, removed or changed from `a` to `b`. */
export function compareSites(a: Database.Database, b: Database.Database): SnapshotSectionDiff[] {
  return SECTIONS.map(({ section, title, sql }) => {
    let before: Rows
    let after: Rows
    try {
      before = read(a, sql)
      after = read(b, sql)
    } catch (error) {
      // An older snapshot may predate a table or column; say so rather than report nonsense.
      return { section, title, added: [], removed: [], changed: [], unavailable: `one side has an older schema: ${(error as Error).message}` }
    }
    const diff: SnapshotSectionDiff = { section, title, added: [], removed: [], changed: [] }
    for (const [key, row] of after) if (!before.has(key)) diff.added.push({ key, label: String(row.label) })
    for (const [key, row] of before) if (!after.has(key)) diff.removed.push({ key, label: String(row.label) })
    for (const [key, old] of before) {
      const now = after.get(key)
      if (!now) continue
      const fields = Object.keys(old)
        .filter((f) => f !== 'key' && f !== 'label' && old[f] !== now[f])
        .map((f) => {
          const secret = f.startsWith('secret:')
          const field = secret ? f.slice('secret:'.length) : f
          const from = shown(f, old[f])
          const to = shown(f, now[f])
          return { field, old: from, new: secret && from === to ? 'changed' : to }
        })
      if (fields.length > 0) diff.changed.push({ key, label: String(now.label), fields })
    }
    for (const list of [diff.added, diff.removed, diff.changed]) list.sort((x, y) => x.label.localeCompare(y.label, 'en'))
    return diff
  })
}
