import { ref } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import { SECTIONS, isSectionAllowed, isSectionLicensed, type SectionId } from '../../../shared/domain/sections'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useSiteStore } from './site.store'
import { useAuthStore } from './auth.store'
import { useChangeSetStore } from './change-set.store'
import { useSaveFlowStore } from './save-flow.store'
import { editableScreenOf } from './editable-screens'

/** Which Navigator section is open, and the rules for leaving it. */
export const useNavigationStore = defineStore(STORE_IDS.navigation, () => {
  const activeSection = ref<SectionId>(SECTIONS[0]!.id)

  /**
   * What a Navigator click does: nothing for an unlicensed section, the browser for App Store,
   * and a Save / Discard / Stay question when the open screen has unsaved changes.
   */
  async function open(id: SectionId): Promise<void> {
    const section = SECTIONS.find((s) => s.id === id)
    if (!section || !isSectionLicensed(section, useSiteStore().heldSystemLicences)) return
    // Main refuses the section's channels anyway; the Navigator shows why it is disabled.
    if (!isSectionAllowed(section, useAuthStore().rights)) return
    if (section.externalUrl) {
      const url = section.externalUrl
      await useAlertsStore().guard(() => call('app:openExternal', { url }))
      return
    }
    if (id === activeSection.value) return
    const screen = editableScreenOf(activeSection.value)
    if (screen && useChangeSetStore(screen).steps > 0) {
      useSaveFlowStore().askLeave(screen, id)
      return
    }
    activeSection.value = id
  }

  /** Switches without asking; for the save flow once the user has answered. */
  function goTo(id: SectionId): void {
    activeSection.value = id
  }

  return { activeSection, open, goTo }
})
