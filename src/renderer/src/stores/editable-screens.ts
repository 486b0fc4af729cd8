import type { Screen } from '../../../shared/domain/change-set'
import type { SectionId } from '../../../shared/domain/sections'

/** Navigator sections whose screen edits data through a pending change set (SPEC D2). */
const SCREEN_OF_SECTION: Partial<Record<SectionId, Screen>> = { lists: 'lists' }

/** The change-set screen behind a section, or null when the section has nothing to save. */
export function editableScreenOf(section: SectionId): Screen | null {
  return SCREEN_OF_SECTION[section] ?? null
}

/** The section that shows a screen, for naming it in prompts. */
export function sectionOfScreen(screen: Screen): SectionId {
  const entry = Object.entries(SCREEN_OF_SECTION).find(([, s]) => s === screen)
  return (entry?.[0] ?? 'lists') as SectionId
}
