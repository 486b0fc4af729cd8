import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { ApiError, onMenuCommand, toApiError } from '../api/client'
import type { MenuCommand } from '../../../shared/ipc/channels'
import type { Consequence, DiffEntry, Screen } from '../../../shared/domain/change-set'
import type { Problem } from '../../../shared/ipc/result'
import type { SectionId } from '../../../shared/domain/sections'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useChangeSetStore } from './change-set.store'
import { useNavigationStore } from './navigation.store'
import { editableScreenOf } from './editable-screens'

export type ChangeSetDialog = 'save' | 'cancel' | 'leave'

/**
 * The Save / Cancel / leave-screen conversations (SPEC D2). One dialog at a time; the leave
 * question can turn into the Save dialog and then finishes the navigation it interrupted.
 */
export const useSaveFlowStore = defineStore(STORE_IDS.saveFlow, () => {
  const dialog = ref<ChangeSetDialog | null>(null)
  const screen = ref<Screen | null>(null)
  const leaveTarget = ref<SectionId | null>(null)
  const entries = ref<DiffEntry[]>([])
  const consequences = ref<Consequence[]>([])
  const loadingPreview = ref(false)
  /** Why the last Save or Cancel failed, shown inside the dialog; problems list each refused field. */
  const failure = ref<string | null>(null)
  const problems = ref<Problem[]>([])
  const working = ref(false)

  const changes = computed(() => (screen.value ? useChangeSetStore(screen.value) : null))
  const pendingSteps = computed(() => changes.value?.steps ?? 0)

  function resetOutcome(): void {
    failure.value = null
    problems.value = []
  }

  async function loadPreview(): Promise<void> {
    if (!changes.value) return
    loadingPreview.value = true
    entries.value = []
    consequences.value = []
    try {
      const preview = await changes.value.preview()
      entries.value = preview.entries
      consequences.value = preview.consequences
    } catch (error) {
      failure.value = toApiError(error).message
      useAlertsStore().report(error)
    } finally {
      loadingPreview.value = false
    }
  }

  /** Opens the Save confirmation for a screen that has pending steps. */
  function openSave(target: Screen): void {
    if (dialog.value || useChangeSetStore(target).steps === 0) return
    screen.value = target
    dialog.value = 'save'
    resetOutcome()
    void loadPreview()
  }

  async function confirmSave(): Promise<void> {
    if (!changes.value || working.value) return
    working.value = true
    resetOutcome()
    try {
      await changes.value.save()
      finish()
    } catch (error) {
      const apiError = toApiError(error)
      // A refused Save leaves everything as it was; the dialog says why and stays open.
      failure.value = apiError.message
      problems.value = apiError instanceof ApiError ? apiError.problems : []
      if (apiError.code !== 'validation_failed') useAlertsStore().report(apiError)
    } finally {
      working.value = false
    }
  }

  /** Asks "Discard all N changes?"; there must be something to discard. */
  function openCancel(target: Screen): void {
    const set = useChangeSetStore(target)
    if (dialog.value || (set.steps === 0 && !set.canRedo)) return
    screen.value = target
    dialog.value = 'cancel'
    resetOutcome()
  }

  async function confirmCancel(): Promise<void> {
    if (!changes.value || working.value) return
    working.value = true
    resetOutcome()
    try {
      await changes.value.cancel()
      finish()
    } catch (error) {
      failure.value = toApiError(error).message
      useAlertsStore().report(error)
    } finally {
      working.value = false
    }
  }

  /** The open screen has unsaved changes and the user picked another section. */
  function askLeave(from: Screen, target: SectionId): void {
    if (dialog.value) return
    screen.value = from
    leaveTarget.value = target
    dialog.value = 'leave'
    resetOutcome()
  }

  function leaveWithSave(): void {
    dialog.value = 'save'
    resetOutcome()
    void loadPreview()
  }

  function leaveWithDiscard(): Promise<void> {
    return confirmCancel()
  }

  /** Closes whatever dialog is open; an interrupted navigation is abandoned ("Stay"). */
  function close(): void {
    if (working.value) return
    dialog.value = null
    leaveTarget.value = null
    entries.value = []
    consequences.value = []
    resetOutcome()
  }

  function finish(): void {
    const target = leaveTarget.value
    dialog.value = null
    leaveTarget.value = null
    entries.value = []
    consequences.value = []
    if (target) useNavigationStore().goTo(target)
  }

  /** Save / Cancel / Undo / Redo from the keyboard or the app menu, for the open screen. */
  async function runCommand(command: MenuCommand): Promise<void> {
    const target = editableScreenOf(useNavigationStore().activeSection)
    if (!target || dialog.value) return
    const set = useChangeSetStore(target)
    const alerts = useAlertsStore()
    if (command === 'save') {
      // Wait for edits still on their way to main (a field left by the shortcut itself).
      await alerts.guard(() => set.refresh())
      openSave(target)
    }
    else if (command === 'cancel') openCancel(target)
    else if (command === 'undo' && set.canUndo) await alerts.guard(() => set.undo())
    else if (command === 'redo' && set.canRedo) await alerts.guard(() => set.redo())
  }

  /** The app menu's Save / Cancel / Undo / Redo (Electron only; a browser bridge has no menu). */
  function listenToMenu(): void {
    onMenuCommand((command) => void runCommand(command))
  }

  return {
    listenToMenu,
    dialog,
    screen,
    leaveTarget,
    entries,
    consequences,
    loadingPreview,
    failure,
    problems,
    working,
    pendingSteps,
    openSave,
    confirmSave,
    openCancel,
    confirmCancel,
    askLeave,
    leaveWithSave,
    leaveWithDiscard,
    close,
    runCommand
  }
})
