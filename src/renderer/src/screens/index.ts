import type { Component } from 'vue'
import type { SectionId } from '../../../shared/domain/sections'
import LicencesScreen from './Licences/index.vue'
import ListsScreen from './Lists/index.vue'
import RolesScreen from './Roles/index.vue'
import UsersScreen from './Users/index.vue'
import PreferencesScreen from './Preferences/index.vue'
import ImportScreen from './Import/index.vue'

/** The screens this version has, by Navigator section; every other section shows Unavailable. */
export const BUILT_SCREENS: Partial<Record<SectionId, Component>> = {
  licences: LicencesScreen,
  lists: ListsScreen,
  roles: RolesScreen,
  users: UsersScreen,
  preferences: PreferencesScreen,
  import: ImportScreen
}
