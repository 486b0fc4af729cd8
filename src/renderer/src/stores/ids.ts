import type { Screen } from '../../../shared/domain/change-set'

/** Every Pinia store id in one place, so two stores can never collide. */
export const STORE_IDS = {
  alerts: 'alerts',
  site: 'site',
  navigation: 'navigation',
  saveFlow: 'saveFlow',
  userGroups: 'userGroups',
  roles: 'roles',
  licences: 'licences',
  otherUsers: 'otherUsers',
  ourCompanies: 'ourCompanies',
  usersOverview: 'usersOverview',
  associates: 'associates',
  auth: 'auth',
  preferences: 'preferences',
  audit: 'audit',
  snapshots: 'snapshots',
  userImport: 'userImport',
  usersExport: 'usersExport',
  changeSet: (screen: Screen) => `changeSet:${screen}` as const
} as const
