import { ref } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import type { Change, ChangeSetState, Consequence, DiffEntry, Screen } from '../../../shared/domain/change-set'
import type { ChannelOutput } from '../../../shared/ipc/contract'
import { STORE_IDS } from './ids'

export type SaveOutcome = ChannelOutput<'changes:save'>

/**
 * The pending change set of one screen (SPEC D2), over the `changes:*` channels. Every editable
 * screen uses this one store shape; `revision` goes up whenever the set changed, so a screen
 * knows to reload its merged rows.
 */
function changeSetSetup(screen: Screen) {
  return () => {
    const steps = ref(0)
    const canUndo = ref(false)
    const canRedo = ref(false)
    const pendingSince = ref<string | null>(null)
    const busy = ref(false)
    const revision = ref(0)

    // Calls run one after another: two quick Ctrl+Z presses must undo two steps, in order.
    let queue: Promise<unknown> = Promise.resolve()
    function serially<T>(work: () => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        busy.value = true
        try {
          return await work()
        } finally {
          busy.value = false
        }
      })
      queue = run.catch(() => undefined)
      return run
    }

    function applyState(state: ChangeSetState, changed: boolean): ChangeSetState {
      steps.value = state.steps
      canUndo.value = state.canUndo
      canRedo.value = state.canRedo
      pendingSince.value = state.pendingSince
      if (changed) revision.value++
      return state
    }

    /** Reads the set's state from main (after start-up, or when a screen opens). */
    const refresh = () => serially(async () => applyState(await call('changes:state', { screen }), false))
    const stage = (change: Change) => serially(async () => applyState(await call('changes:stage', { screen, change }), true))
    const undo = () => serially(async () => applyState(await call('changes:undo', { screen }), true))
    const redo = () => serially(async () => applyState(await call('changes:redo', { screen }), true))
    const cancel = () => serially(async () => applyState(await call('changes:cancel', { screen }), true))

    /** The diff Save's confirmation dialog lists, with the side effects no single field shows. */
    const preview = (): Promise<{ entries: DiffEntry[]; consequences: Consequence[] }> => serially(() => call('changes:preview', { screen }))

    /** Commits the set; on failure main leaves it untouched and the ApiError carries the problems. */
    const save = (): Promise<SaveOutcome> =>
      serially(async () => {
        const outcome = await call('changes:save', { screen })
        applyState(await call('changes:state', { screen }), true)
        return outcome
      })

    return { screen, steps, canUndo, canRedo, pendingSince, busy, revision, refresh, stage, undo, redo, cancel, preview, save }
  }
}

const definitions = new Map<Screen, ReturnType<typeof defineChangeSetStore>>()

function defineChangeSetStore(screen: Screen) {
  return defineStore(STORE_IDS.changeSet(screen), changeSetSetup(screen))
}

/** The change-set store of one screen (created on first use, then shared). */
export function useChangeSetStore(screen: Screen) {
  let useStore = definitions.get(screen)
  if (!useStore) {
    useStore = defineChangeSetStore(screen)
    definitions.set(screen, useStore)
  }
  return useStore()
}

export type ChangeSetStore = ReturnType<typeof useChangeSetStore>
