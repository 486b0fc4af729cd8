import type { DataObject, OwnerRelation } from '../../../shared/domain/role'

// English wording for Save's diff, the audit log and docs/roles.md. The renderer translates the
// field keys itself through its message catalogues; these are for readers without one.

export const DATA_OBJECT_LABELS: Readonly<Record<DataObject, string>> = {
  company: 'Company',
  contact: 'Contact',
  project: 'Project',
  project_member: 'Project member',
  selection: 'Selection',
  sale: 'Sale',
  follow_up: 'Follow-up',
  document: 'Document',
  relation: 'Relation',
  stakeholder: 'Stakeholder',
  dashboard: 'Dashboard'
}

export const OWNER_RELATION_LABELS: Readonly<Record<OwnerRelation, string>> = {
  own: 'My own',
  primary_group: 'Primary group',
  other_groups: 'Other groups',
  other_associates: 'Other associates',
  external: 'External user',
  anonymous: 'Anonymous',
  my_company: 'My company',
  same_project: 'Same project'
}

export const ROLE_FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  description: 'Description',
  rank: 'Rank',
  roleType: 'Role type',
  copyFrom: 'Copy rights from',
  deleted: 'Deleted',
  reassignTo: 'Assign its users to'
}
