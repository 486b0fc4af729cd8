import { computed, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import type { UserGroupRow, UserGroupValues } from '../../../shared/domain/user-group'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useChangeSetStore } from './change-set.store'

const NEW_ID = /^new:(\d+)$/

/** The id a row created now gets: "new:N" with N one past the highest N in the pending set. */
export function nextNewId(rows: readonly Pick<UserGroupRow, 'id'>[]): string {
  const used = rows.map((r) => Number(NEW_ID.exec(r.id)?.[1] ?? 0))
  return `new:${Math.max(0, ...used) + 1}`
}

/** Lists → User groups: the merged rows (saved + pending) and the edits that stage changes. */
export const useUserGroupsStore = defineStore(STORE_IDS.userGroups, () => {
  const changes = useChangeSetStore('lists')
  const rows = ref<UserGroupRow[]>([])
  const loading = ref(false)
  const selectedId = ref<string | null>(null)

  const selected = computed(() => rows.value.find((r) => r.id === selectedId.value) ?? null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      const result = await useAlertsStore().guard(() => call('userGroups:list', { includeDeleted: true }))
      if (result) rows.value = result.rows
      // A row that an undo or cancel removed can no longer be edited.
      if (selectedId.value && !rows.value.some((r) => r.id === selectedId.value)) selectedId.value = null
    } finally {
      loading.value = false
    }
  }

  // Any change to the pending set (stage, undo, redo, save, cancel) changes the merged rows.
  watch(() => changes.revision, () => void load())

  /** Stages a new, empty group and selects it so the user can type its name. */
  async function add(): Promise<string | null> {
    const id = nextNewId(rows.value)
    const state = await useAlertsStore().guard(() => changes.stage({ entity: 'userGroup', id, values: { name: '' } }))
    if (!state) return null
    selectedId.value = id
    // The editor focuses the new row's Name field next, so the row must be loaded by then.
    await load()
    return id
  }

  /** Stages edits of one group's fields; returns whether main accepted them. */
  async function update(id: string, values: UserGroupValues): Promise<boolean> {
    const state = await useAlertsStore().guard(() => changes.stage({ entity: 'userGroup', id, values }))
    return state !== undefined
  }

  function select(id: string | null): void {
    selectedId.value = id
  }

  return { rows, loading, selectedId, selected, load, add, update, select }
})
