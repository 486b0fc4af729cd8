import { ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import type { PasswordPolicyForm, PasswordPolicyValues } from '../../../shared/domain/preferences'
import { PASSWORD_POLICY_ROW_ID } from '../../../shared/domain/preferences'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useChangeSetStore } from './change-set.store'
import { useAuthStore } from './auth.store'

/** Preferences → Password policy: the merged values (saved + pending) and the edits that stage them. */
export const usePreferencesStore = defineStore(STORE_IDS.preferences, () => {
  const changes = useChangeSetStore('preferences')
  const values = ref<PasswordPolicyForm | null>(null)
  const changedFields = ref<string[]>([])
  const isDefault = ref(true)

  async function load(): Promise<void> {
    const result = await useAlertsStore().guard(() => call('preferences:get', {}))
    if (!result) return
    values.value = result.values
    changedFields.value = result.changedFields
    isDefault.value = result.isDefault
  }

  // Stage, undo, redo, save and cancel all change the merged values; a Save changes the policy
  // every password field shows.
  watch(
    () => changes.revision,
    () => {
      void load()
      void useAuthStore().loadPolicy()
    }
  )

  /** Stages one field; returns whether main accepted it. */
  async function update(change: PasswordPolicyValues): Promise<boolean> {
    const state = await useAlertsStore().guard(() => changes.stage({ entity: 'passwordPolicy', id: PASSWORD_POLICY_ROW_ID, values: change }))
    return state !== undefined
  }

  return { values, changedFields, isDefault, load, update }
})
