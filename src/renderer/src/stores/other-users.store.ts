import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { call, toApiError } from '../api/client'
import type { OtherUserRow, OtherUserValues } from '../../../shared/domain/user'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useChangeSetStore } from './change-set.store'
import { nextNewId } from './user-groups.store'

/** What a dialog shows when main refuses a staged edit (e.g. a password the policy rejects). */
export type StageOutcome = { ok: true } | { ok: false; message: string }

/**
 * Users → Other users (SPEC §3.6): system and anonymous users, merged with the Users screen's
 * pending set. Without the Expander Services licence main says so and the tab offers nothing.
 */
export const useOtherUsersStore = defineStore(STORE_IDS.otherUsers, () => {
  const changes = useChangeSetStore('users')
  const alerts = useAlertsStore()
  const rows = ref<OtherUserRow[]>([])
  const available = ref(true)
  const reason = ref<string | null>(null)
  const loaded = ref(false)
  const loading = ref(false)
  const selectedId = ref<string | null>(null)

  const selected = computed(() => rows.value.find((r) => r.id === selectedId.value) ?? null)

  let loadSeq = 0
  async function load(): Promise<void> {
    const seq = ++loadSeq
    loading.value = true
    try {
      const result = await alerts.guard(() => call('users:otherUsers', {}))
      // Quick edits reload several times; only the latest answer may land.
      if (seq !== loadSeq || !result) return
      available.value = result.available
      reason.value = result.reason
      rows.value = result.rows
      loaded.value = true
      if (selectedId.value && !rows.value.some((r) => r.id === selectedId.value)) selectedId.value = null
    } finally {
      if (seq === loadSeq) loading.value = false
    }
  }

  /** Stages one change; a refusal comes back as a message for the dialog that asked. */
  async function stage(id: string, values: OtherUserValues): Promise<StageOutcome> {
    try {
      await changes.stage({ entity: 'otherUser', id, values })
      return { ok: true }
    } catch (error) {
      return { ok: false, message: toApiError(error).message }
    }
  }

  /** Stages a new other user in one step and selects it. */
  async function add(values: OtherUserValues): Promise<StageOutcome> {
    const id = nextNewId(rows.value)
    const outcome = await stage(id, values)
    if (outcome.ok) {
      selectedId.value = id
      await load()
    }
    return outcome
  }

  /** Stages what differs from the row (and a new password when one was typed). */
  async function update(id: string, values: OtherUserValues): Promise<StageOutcome> {
    const row = rows.value.find((r) => r.id === id)
    const patch: OtherUserValues = {}
    if (row?.userId !== values.userId) patch.userId = values.userId
    if (row?.description !== values.description) patch.description = values.description
    if (values.active !== undefined && row?.active !== values.active) patch.active = values.active
    if (values.password) patch.password = values.password
    return Object.keys(patch).length === 0 ? { ok: true } : stage(id, patch)
  }

  /** Actions from the tab's buttons report a refusal in the alert region. */
  async function report(outcome: Promise<StageOutcome>): Promise<boolean> {
    const result = await outcome
    if (!result.ok) alerts.report(new Error(result.message))
    return result.ok
  }

  /** "Remove login": the user is kept and can be re-activated by ticking Active. */
  const removeLogin = (id: string) => report(stage(id, { active: false }))
  const remove = (id: string) => report(stage(id, { deleted: true }))
  const restore = (id: string) => report(stage(id, { deleted: false }))

  function select(id: string | null): void {
    selectedId.value = id
  }

  return { rows, available, reason, loaded, loading, selectedId, selected, load, add, update, removeLogin, remove, restore, select }
})
