import { DATA_OBJECTS, OWNER_RELATIONS, dataRightField, maxLevel, type DataObject, type Level, type OwnerRelation, type RoleType } from './role'

/**
 * The permission explainer (SPEC A3.5): for each data object and ownership column, the level a
 * user gets and where it comes from. Levels come only from the role's matrix; the user's groups
 * decide which records fall in the "Primary group" and "Other groups" columns.
 */
export interface ExplainerInput {
  roleName: string | null
  roleType: RoleType | null
  /** The role's cells by field ("dataRights.company.own" → level), as they will be after Save. */
  rights: Readonly<Record<string, unknown>>
  primaryGroup: string | null
  otherGroups: readonly string[]
  retired: boolean
}

export interface ExplainedCell {
  relation: OwnerRelation
  level: Level
  /** "Role "User level 2", column Primary group (Sales)". */
  source: string
  /** False when no record can fall in this column for this user (no other groups, …) or the user has no rights at all. */
  applies: boolean
}

export interface Explanation {
  columns: OwnerRelation[]
  rows: Array<{ object: DataObject; cells: ExplainedCell[] }>
  notes: string[]
}

const COLUMN: Record<OwnerRelation, string> = {
  own: 'My own',
  primary_group: 'Primary group',
  other_groups: 'Other groups',
  other_associates: 'Other associates',
  external: 'External user',
  anonymous: 'Anonymous',
  my_company: 'My company',
  same_project: 'Same project'
}

export function explainPermissions(input: ExplainerInput): Explanation {
  const notes: string[] = []
  if (input.roleType === null) {
    notes.push('The user has no role, so no data rights at all.')
    return { columns: [], rows: DATA_OBJECTS.map((object) => ({ object, cells: [] })), notes }
  }
  if (input.roleType === 'system') notes.push('The System user role bypasses security: the matrix below is shown for reference only.')
  if (input.retired) notes.push('A former employee has no rights: the levels below apply again only after re-activation.')
  const columns = [...OWNER_RELATIONS[input.roleType]]
  const groupName = (relation: OwnerRelation): string =>
    relation === 'primary_group' ? ` (${input.primaryGroup ?? 'none'})` : relation === 'other_groups' ? ` (${input.otherGroups.join(', ') || 'none'})` : ''
  const applies = (relation: OwnerRelation): boolean => {
    if (input.retired) return false
    if (relation === 'primary_group') return input.primaryGroup !== null
    if (relation === 'other_groups') return input.otherGroups.length > 0
    return true
  }
  if (input.otherGroups.length > 0 && columns.includes('other_groups')) {
    notes.push('A record owned by someone in both the primary group and one of the other groups gets the higher of the two levels.')
  }
  const rows = DATA_OBJECTS.map((object) => ({
    object,
    cells: columns.map((relation): ExplainedCell => ({
      relation,
      level: levelOf(input.rights[dataRightField(object, relation)]),
      source: `Role "${input.roleName ?? ''}", column ${COLUMN[relation]}${groupName(relation)}`,
      applies: applies(relation)
    }))
  }))
  return { columns, rows, notes }
}

/** The level for a record owned by someone in the user's primary group who is also in one of their other groups. */
export function combinedGroupLevel(explanation: Explanation, object: DataObject): Level {
  const cells = explanation.rows.find((r) => r.object === object)?.cells ?? []
  return maxLevel(...cells.filter((c) => (c.relation === 'primary_group' || c.relation === 'other_groups') && c.applies).map((c) => c.level))
}

function levelOf(value: unknown): Level {
  return value === 'read' || value === 'create' || value === 'update' || value === 'delete' ? value : 'none'
}
