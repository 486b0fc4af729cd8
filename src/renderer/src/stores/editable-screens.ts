import type { Screen } from '../../../shared/domain/change-set'
import { SECTIONS, type SectionId } from '../../../shared/domain/sections'

/**
 * The Navigator section that shows each change-set screen (SPEC D2). A Record, so adding a
 * screen to SCREENS without naming its section here is a type error.
 */
const SECTION_OF_SCREEN: Record<Screen, SectionId> = { lists: 'lists', roles: 'roles', users: 'users', preferences: 'preferences' }

/** The section that shows a screen, for naming it in prompts. */
export function sectionOfScreen(screen: Screen): SectionId {
  return SECTION_OF_SCREEN[screen]
}

/**
 * The change-set screen behind a section, or null when the section has nothing to save (or
 * this version only shows its "not available" page).
 */
export function editableScreenOf(section: SectionId): Screen | null {
  if (!SECTIONS.find((s) => s.id === section)?.built) return null
  const entry = (Object.entries(SECTION_OF_SCREEN) as [Screen, SectionId][]).find(([, s]) => s === section)
  return entry?.[0] ?? null
}
