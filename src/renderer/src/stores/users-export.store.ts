import { ref } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useAssociatesStore } from './users.store'

export type ExportSeparator = ',' | ';'

/**
 * Users → Associates → Export…: every user the list's current filter matches, in its sort order,
 * written by main to the file the admin picks in main's save dialog (atomically, with a BOM).
 */
export const useUsersExportStore = defineStore(STORE_IDS.usersExport, () => {
  const working = ref(false)
  const done = ref<{ path: string; rows: number } | null>(null)

  /** Resolves to true when a file was written, false when cancelled or refused (reported). */
  async function exportCsv(separator: ExportSeparator, language: 'en' | 'nb'): Promise<boolean> {
    if (working.value) return false
    const { offset: _offset, limit: _limit, ...filter } = useAssociatesStore().query(0)
    working.value = true
    done.value = null
    try {
      const result = await useAlertsStore().guard(() => call('export:users', { filter, separator, language }))
      if (result?.status !== 'saved') return false
      done.value = { path: result.path, rows: result.rows }
      return true
    } finally {
      working.value = false
    }
  }

  function dismiss(): void {
    done.value = null
  }

  return { working, done, exportCsv, dismiss }
})
