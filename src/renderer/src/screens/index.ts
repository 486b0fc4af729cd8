import type { Component } from 'vue'
import type { SectionId } from '../../../shared/domain/sections'
import ListsScreen from './Lists/index.vue'

/** The screens this version has, by Navigator section; every other section shows Unavailable. */
export const BUILT_SCREENS: Partial<Record<SectionId, Component>> = {
  lists: ListsScreen
}
