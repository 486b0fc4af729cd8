import type Database from 'better-sqlite3'
import { DATA_OBJECTS, OWNER_RELATIONS, type DataObject, type OwnerRelation, type RoleType } from '../../../src/shared/domain/role'
import { DATA_OBJECT_LABELS, OWNER_RELATION_LABELS } from '../../../src/main/core/changes/role-labels'

const LEVEL_CELL: Record<string, string> = { none: '–', read: 'R', create: 'CR', update: 'CRU', delete: 'CRUD' }

/**
 * docs/roles.md, rendered from a freshly migrated site: the seeded roles, their matrices and
 * functional rights. roles-seed.test.ts compares the file with this; run it with
 * UPDATE_ROLES_DOC=1 to rewrite the file after changing migrations/0002_roles_seed.sql.
 */
export function renderRolesDoc(raw: Database.Database): string {
  const roles = raw.prepare('SELECT role_id, name, description, role_type FROM role ORDER BY role_id').all() as Array<{
    role_id: number
    name: string
    description: string
    role_type: RoleType
  }>
  const level = raw.prepare('SELECT level FROM data_right WHERE role_id = ? AND data_object = ? AND owner_relation = ?').pluck()
  const rightsOf = raw.prepare('SELECT functional_right_id FROM role_functional_right WHERE role_id = ? ORDER BY functional_right_id').pluck()
  const catalogue = raw
    .prepare('SELECT functional_right_id, display_name, description, required_licence, applies_to FROM functional_right ORDER BY rowid')
    .all() as Array<{ functional_right_id: string; display_name: string; description: string; required_licence: string | null; applies_to: string }>

  const out: string[] = [
    '# Predefined roles',
    '',
    '<!-- Generated from migrations/0002_roles_seed.sql by tests/unit/roles/roles-doc.ts:',
    '     UPDATE_ROLES_DOC=1 npx vitest run tests/unit/roles/roles-seed.test.ts -->',
    '',
    'Every new site starts with these 12 roles (SPEC Part B §5.2). Levels are cumulative:',
    '– = None, R = Read, CR = Create (read + create), CRU = Update, CRUD = Delete.',
    '',
    'How the matrices were chosen: each role has one level per ownership column for *shared* records',
    '(company, contact, project, project member, selection, relation, stakeholder) and one for *private*',
    'work (sale, follow-up, document, dashboard). The reference\'s "limited" access means Read on shared',
    'records and None on private ones; the tables below show every cell, exceptions included.',
    '',
    '* **Anonymous role**: anonymous visitors belong to no user group (SPEC §4), so its columns are',
    '  My own, Other associates, External user and Anonymous. It may create companies, contacts,',
    '  follow-ups (requests) and documents from web forms and sees nothing else. It has data rights only.',
    '* **System user**: bypasses security; it is read-only in the app, and its matrix shows full rights.',
    '* **Local user**: the store has no "other our company" column, so the Local user gets None on',
    '  *Other associates* and lacks *see-other-companies-associates*.',
    '* Roles 1 (User level 0) and 12 (System user) are protected from deletion by their fixed ids.',
    ''
  ]
  for (const role of roles) {
    const relations = OWNER_RELATIONS[role.role_type]
    out.push(`## ${role.role_id}. ${role.name} (${role.role_type})`, '', role.description, '')
    out.push(`| Data object | ${relations.map((r: OwnerRelation) => OWNER_RELATION_LABELS[r]).join(' | ')} |`)
    out.push(`|---|${relations.map(() => '---').join('|')}|`)
    for (const object of DATA_OBJECTS) {
      const cells = relations.map((r) => LEVEL_CELL[String(level.get(role.role_id, object, r))] ?? '?')
      out.push(`| ${DATA_OBJECT_LABELS[object as DataObject]} | ${cells.join(' | ')} |`)
    }
    const rights = rightsOf.all(role.role_id) as string[]
    out.push('', `Functional rights: ${rights.length === 0 ? 'none' : rights.map((r) => `\`${r}\``).join(', ')}`, '')
  }
  out.push('## Functional rights catalogue', '', '| Id | Name | Applies to | Requires licence | Description |', '|---|---|---|---|---|')
  for (const right of catalogue) {
    out.push(`| \`${right.functional_right_id}\` | ${right.display_name} | ${right.applies_to} | ${right.required_licence ?? ''} | ${right.description} |`)
  }
  return `${out.join('\n')}\n`
}
