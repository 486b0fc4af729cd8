import { licencesEn } from './licences.en'
import { snapshotsEn } from './snapshots.en'
import { authEn } from './auth.en'
import { preferencesEn } from './preferences.en'
import { rolesEn } from './roles.en'
import { usersTabsEn } from './users-tabs.en'
import { usersEn } from './users.en'
import { importEn } from './import.en'

/** English messages. nb.ts must have the same shape (the type below makes a missing key an error). */
export const en = {
  app: {
    name: 'Settings and maintenance',
    sitePath: 'Site file',
    noSite: 'No site open',
    language: 'Language',
    loading: 'Loading…'
  },
  languages: { en: 'English', nb: 'Norsk bokmål' },
  nav: {
    label: 'Navigator',
    needsLicence: 'Needs the {licence} licence',
    opensInBrowser: 'Opens in your browser'
  },
  licenceNames: {
    'sales-intelligence': 'Sales Intelligence',
    'customer-centre': 'Customer Centre',
    quote: 'Sales Quote Management',
    'expander-services': 'SuperOffice Expander Services'
  },
  sections: {
    licences: { name: 'Licences', about: 'Licences administers the licence owners, their licences with total, used and free counts, and the activation of new licences.' },
    users: { name: 'Users', about: 'Users administers associates, other users, our companies, user licences and user groups: IDs, passwords, roles and login rights.' },
    roles: { name: 'Roles', about: 'Roles administers the data rights and functional rights that give users their level of access.' },
    privacy: { name: 'Privacy', about: 'Privacy administers the privacy and consent (GDPR) settings.' },
    saint: { name: 'Status monitoring', about: 'Status monitoring administers the Sales Intelligence (SAINT) status monitors for companies and projects.' },
    aiServices: { name: 'AI services', about: 'AI services administers text analysis, sentiment and categorisation.' },
    lists: { name: 'Lists', about: 'Lists administers the list tables, such as categories, business and user groups, and their group visibility and headings.' },
    quoteSync: { name: 'Quote/Sync', about: 'Quote/Sync administers ERP connections, price lists and products.' },
    workflow: { name: 'Workflow', about: 'Workflow administers sales guides and project guides.' },
    screenDesigner: { name: 'Screen designer', about: 'Screen designer administers custom screen layouts per user group.' },
    preferences: { name: 'Preferences', about: 'Preferences administers default settings for the system, groups and users, video meetings and the document library.' },
    chat: { name: 'Chat', about: 'Chat administers the chat channels of Service.' },
    options: { name: 'Options', about: 'Options administers system-wide settings: free-text search, time zones, number allocation, labels and reports.' },
    import: { name: 'Import', about: 'Import brings data into the database.' },
    fields: { name: 'Fields', about: 'Fields administers user-defined fields, extra fields and extra tables.' },
    crmScript: { name: 'CRMScript', about: 'CRMScript administers macros, event handlers and scheduled tasks of Service.' },
    requests: { name: 'Requests', about: 'Requests administers the settings of Service requests.' },
    customerCentre: { name: 'Customer centre', about: 'Customer centre administers the content and layout of the Service customer centre.' },
    systemDesign: { name: 'System design', about: 'System design administers the advanced Service settings.' },
    appStore: { name: 'App Store', about: 'App Store opens the online app store.' }
  },
  unavailable: {
    notInThisVersion: 'This section is not available in this version.'
  },
  alerts: {
    label: 'Messages',
    dismiss: 'Dismiss'
  },
  notices: {
    restored: 'Unsaved changes from an earlier session were restored.',
    dismiss: 'Dismiss notice'
  },
  changes: {
    barLabel: 'Pending changes',
    pending: 'No pending changes | 1 pending change | {n} pending changes',
    undo: 'Undo',
    redo: 'Redo',
    cancel: 'Cancel',
    save: 'Save',
    back: 'Back',
    saveTitle: 'Save changes',
    saveIntro: 'These changes will be saved together:',
    loadingPreview: 'Loading the changes…',
    nothingToShow: 'There are no changes to save.',
    confirm: 'Confirm',
    saveRefused: 'The changes were not saved:',
    actions: { create: 'New', update: 'Changed' },
    affectedUsers: 'Affects no users | Affects 1 user | Affects {n} users',
    to: 'to',
    noValue: '(empty)',
    unnamed: '(no name)',
    cancelTitle: 'Discard changes',
    cancelQuestion: 'Discard all {n} changes? | Discard the 1 change? | Discard all {n} changes?',
    discard: 'Discard',
    leaveTitle: 'Unsaved changes',
    leaveQuestion: '{screen} has unsaved changes. Save them before you leave?',
    stay: 'Stay',
    yes: 'Yes',
    no: 'No'
  },
  entities: { userGroup: 'User group', role: rolesEn.entity, ...usersTabsEn.entities, associate: usersEn.entity, passwordPolicy: preferencesEn.entity },
  fields: {
    userGroup: { name: 'Name', tooltip: 'Tooltip', rank: 'Rank', deleted: 'Deleted' },
    role: rolesEn.fields,
    ...usersTabsEn.fields,
    associate: usersEn.fields,
    passwordPolicy: preferencesEn.fields
  },
  licences: licencesEn,
  snapshots: snapshotsEn,
  lists: {
    tablesHeading: 'List tables',
    tablesLabel: 'List tables',
    otherTables: 'The other list tables are not available in this version.',
    userGroups: {
      heading: 'User groups',
      add: 'Add user group',
      empty: 'There are no user groups yet.',
      tableLabel: 'User groups',
      status: 'Status',
      statusNew: 'New',
      statusChanged: 'Changed',
      changedField: '(changed)',
      selectHint: 'Select a user group to edit it.',
      editHeading: 'Edit user group',
      restore: 'Restore',
      errors: {
        rankWhole: 'Rank must be a whole number.',
        rankRange: 'Rank must be between 0 and {max}.',
        nameTooLong: 'A name can be at most {max} characters.',
        tooltipTooLong: 'A tooltip can be at most {max} characters.'
      }
    }
  },
  roles: rolesEn,
  usersTabs: usersTabsEn,
  users: usersEn,
  auth: authEn,
  preferences: preferencesEn,
  import: importEn
}

export type MessageSchema = typeof en
