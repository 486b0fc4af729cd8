/**
 * English messages of the Users screen's Other users, Our companies, User licences and User
 * groups tabs (SPEC §3.6–3.9); users-tabs.nb.ts has the same shape.
 */
export const usersTabsEn = {
  entities: { otherUser: 'Other user', ourCompany: 'Our company' },
  fields: {
    otherUser: { userId: 'User ID', userType: 'Type', description: 'Description', active: 'Login: Active', password: 'Password', deleted: 'Deleted' },
    ourCompany: { name: 'Company name', department: 'Department', city: 'City', member: 'One of our companies' }
  },
  status: { new: 'New', changed: 'Changed', deleted: 'To be deleted', removing: 'To be removed' },
  otherUsers: {
    heading: 'Other users',
    intro: 'System users (integrations) and anonymous users (web visitors). They have no user groups.',
    unavailableTitle: 'Other users are not available',
    unavailable: 'Other users need the SuperOffice Expander Services system licence, which this site does not hold.',
    tableLabel: 'Other users',
    empty: 'There are no other users yet.',
    columns: { userId: 'User ID', description: 'Description', type: 'Type', login: 'Login', status: 'Status' },
    types: { system: 'System user', anonymous: 'Anonymous' },
    active: 'Active',
    inactive: 'Inactive',
    add: 'Add other user',
    edit: 'Edit other user',
    removeLogin: 'Remove login',
    delete: 'Delete other user',
    restore: 'Restore other user',
    doubleClickHint: 'Double-click a user, or select it and choose Edit, to change it.',
    removeLoginHint: 'Remove login keeps the user; tick Active again to re-activate it.',
    dialog: {
      addTitle: 'Add other user',
      editTitle: 'Edit other user',
      userId: 'User ID',
      password: 'Password',
      passwordOptional: 'Optional.',
      passwordKeep: 'A password is set. Leave this empty to keep it.',
      passwordNone: 'No password is set. Leave this empty to keep it so.',
      description: 'Description',
      type: 'Type',
      typeFixed: 'The type of a saved user cannot change.',
      login: 'Login',
      active: 'Active',
      ok: 'OK',
      cancel: 'Cancel',
      userIdRequired: 'Enter a user ID.',
      userIdTooLong: 'A user ID can be at most {max} characters.',
      userIdTaken: 'Another user already has the user ID {userId}.',
      descriptionTooLong: 'A description can be at most {max} characters.',
      passwordTooLong: 'A password can be at most {max} characters.'
    }
  },
  ourCompanies: {
    heading: 'Our companies',
    intro: 'Only persons at these companies can become users.',
    tableLabel: 'Our companies',
    empty: 'There are no companies in Our companies yet.',
    columns: { name: 'Company name', department: 'Department', city: 'City', associates: 'Associates', status: 'Status' },
    owner: 'Database owner',
    add: 'Add company',
    delete: 'Delete company',
    restore: 'Restore company',
    selectHint: 'Select a company to delete it from Our companies.',
    blocked: {
      owner: 'The company that owns the database cannot be deleted from Our companies.',
      associates: '{n} associates belong to the company: move or remove them first. | 1 associate belongs to the company: move or remove them first. | {n} associates belong to the company: move or remove them first.'
    },
    find: {
      title: 'Find company',
      newTitle: 'New company',
      name: 'Company name',
      match: 'Match',
      matches: { startsWith: 'Starts with', contains: 'Contains', equals: 'Equals' },
      search: 'Find',
      results: 'Companies found',
      noResults: 'No company matches. Create it with New company if it is not in the CRM yet.',
      tooMany: 'Showing the first {n} companies: narrow the search to see others.',
      searchHint: 'Search the site’s companies by name.',
      alreadyOurs: 'already one of our companies',
      addSelected: 'Add',
      newCompany: 'New company…',
      newIntro: 'For offline set-up: the company is created in the CRM when you save.',
      department: 'Department',
      city: 'City',
      create: 'Create',
      back: 'Back to Find',
      cancel: 'Cancel',
      nameRequired: 'Enter the company name.',
      tooLong: 'At most {max} characters.'
    }
  },
  licences: {
    heading: 'User licences',
    intro: 'In use counts include the pending changes.',
    tableLabel: 'User licences',
    empty: 'This site has no user licences.',
    columns: { licence: 'Licence', owner: 'Owner', inUse: 'In use / total', free: 'Free' },
    inUseOf: '{inUse} / {total}',
    unrestricted: 'Unrestricted',
    savedWas: 'saved: {n}',
    overAssigned: 'Over-assigned',
    holdersHeading: 'Users with {licence}',
    holdersLabel: 'Users with {licence}',
    noHolders: 'Nobody holds this licence.',
    selectHint: 'Select a licence to see who holds it.',
    tooltip: '{licence} ({owner}): {inUse} of {total} in use'
  },
  groups: {
    heading: 'User groups',
    intro: 'Groups are created, renamed and deleted in Lists → User group.',
    tableLabel: 'Available groups',
    empty: 'There are no user groups yet.',
    columns: { name: 'Group', primary: 'Primary members', other: 'Other members' },
    deleted: 'Deleted',
    membersHeading: 'Members of {group}',
    membersLabel: 'Members of {group}',
    noMembers: 'The group has no members.',
    selectHint: 'Select a group to see its members.',
    membership: { primary: 'Primary group', other: 'Other group' }
  },
  members: {
    userId: 'User ID',
    name: 'Name',
    membership: 'Membership',
    pagerLabel: 'Pages of {list}',
    range: '{from}–{to} of {total}',
    previous: 'Previous page',
    next: 'Next page'
  }
}

export type UsersTabsMessages = typeof usersTabsEn
