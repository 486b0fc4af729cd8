/** English messages of the Roles screen (SPEC Part B §5); roles.nb.ts has the same shape. */
export const rolesEn = {
  entity: 'Role',
  fields: {
    name: 'Role name',
    description: 'Description',
    rank: 'Rank',
    roleType: 'Role type',
    copyFrom: 'Copy rights from',
    deleted: 'Deleted',
    reassignTo: 'Assign its users to'
  },
  tabsLabel: 'Role types',
  tabs: { employee: 'Associates', external: 'External', anonymous: 'Anonymous' },
  types: { employee: 'Associate', external: 'External', anonymous: 'Anonymous', system: 'System' },
  list: {
    heading: 'Roles',
    tableLabel: 'Roles',
    name: 'Name',
    users: 'Users',
    status: 'Status',
    empty: 'There are no roles of this type.',
    add: 'Add role',
    edit: 'Edit role',
    delete: 'Delete role',
    restore: 'Restore role',
    statusNew: 'New',
    statusChanged: 'Changed',
    statusDeleted: 'To be deleted',
    readOnly: 'Read-only',
    anonymousNote: 'There is exactly one anonymous role. It has data rights only and cannot be added or deleted.',
    doubleClickHint: 'Double-click a role, or use Edit role, to rename it.'
  },
  deleteBlocked: {
    system: 'The System user role cannot be deleted.',
    userLevel0: 'User level 0 cannot be deleted.',
    lastOfType: 'This is the only role of its type; every type needs one.',
    pending: 'This role is already marked for deletion.'
  },
  detail: {
    tabsLabel: 'Rights of {role}',
    dataRights: 'Data rights',
    functionalRights: 'Functional rights',
    selectHint: 'Select a role to see its rights.',
    systemNote: 'The System user role is used by integrations and background services. It bypasses security, so its rights are shown for reference and cannot be changed.',
    deletedNote: 'This role will be deleted when you save. Restore it to edit its rights.',
    newNote: 'New role: rights are copied from {role} until you change them.',
    newBlankNote: 'New role: it starts with blank rights.'
  },
  dialog: {
    addTitle: 'Create new role',
    editTitle: 'Edit role',
    name: 'Role name',
    description: 'Description',
    rights: 'Rights',
    copyFrom: 'Copy rights from',
    blank: 'Start with blank rights',
    source: 'Role to copy from',
    ok: 'OK',
    cancel: 'Cancel',
    nameRequired: 'Enter a role name.',
    nameTooLong: 'A role name can be at most {max} characters.',
    nameTaken: 'There is already a role called "{name}" of this type.',
    descriptionTooLong: 'A description can be at most {max} characters.',
    deleteTitle: 'Delete role',
    deleteIntro: 'Delete the role "{role}"? It is removed when you save the changes.',
    holders: 'No users have this role. | 1 user has this role. | {n} users have this role.',
    assignTo: 'Assign all users with this role to',
    noTarget: 'There is no other role of this type to assign its users to.',
    delete: 'Delete'
  },
  matrix: {
    label: 'Data rights of {role}',
    dataObject: 'Data object',
    ownedBy: 'Data owned by',
    keyboardHelp: 'Up and Down arrows change a level. Left and Right arrows, or Ctrl with any arrow key, move between cells; Ctrl+Home and Ctrl+End go to the first and last cell.',
    cellLabel: '{object}, {relation}',
    changed: 'Changed, not saved',
    setTo: 'Level for the whole row or column',
    applyRow: 'Set row "{object}"',
    applyColumn: 'Set column "{relation}"',
    legend: 'Levels: None, Read, Create (read and create), Update (create and update), Delete (everything). Each level includes the ones before it.'
  },
  levels: { none: 'None', read: 'Read', create: 'Create', update: 'Update', delete: 'Delete' },
  objects: {
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
  },
  relations: {
    own: 'My own',
    primary_group: 'Primary group',
    other_groups: 'Other groups',
    other_associates: 'Other associates',
    external: 'External user',
    anonymous: 'Anonymous',
    my_company: 'My company',
    same_project: 'Same project'
  },
  relationHelp: {
    own: 'Records the user owns.',
    primary_group: 'Records owned by members of the user\'s primary group.',
    other_groups: 'Records owned by groups the user is a secondary member of.',
    other_associates: 'Records owned by associates outside the user\'s groups.',
    external: 'Records owned by external users.',
    anonymous: 'Records owned by anonymous users (submitted from web forms).',
    my_company: 'Records belonging to the external user\'s own company.',
    same_project: 'Records of projects the external user is a member of.'
  },
  functional: {
    cannot: 'This role cannot',
    can: 'This role can',
    search: 'Search rights',
    grant: 'Move to "This role can"',
    revoke: 'Move to "This role cannot"',
    keyboardHelp: 'Select rights with Space, Shift+arrows or Ctrl+A; Enter or the arrow buttons move them to the other list.',
    needsLicence: 'Needs the {licence} licence, which this site lacks',
    changed: 'Changed',
    noMatch: 'No rights match the search.',
    none: 'No rights.',
    readOnly: 'The rights of this role cannot be changed.'
  },
  diff: {
    dataRight: 'Data rights: {object} / {relation}',
    functionalRight: 'Functional right: {right}',
    granted: 'can',
    notGranted: 'cannot'
  }
}

export type RolesMessages = typeof rolesEn
