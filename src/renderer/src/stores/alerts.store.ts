import { ref } from 'vue'
import { defineStore } from 'pinia'
import { toApiError } from '../api/client'
import type { ErrorCode } from '../../../shared/ipc/result'
import { STORE_IDS } from './ids'

export interface AlertItem {
  id: number
  code: ErrorCode
  message: string
}

/** Failed calls, shown until the user dismisses them: no error is ever swallowed. */
export const useAlertsStore = defineStore(STORE_IDS.alerts, () => {
  const alerts = ref<AlertItem[]>([])
  let nextId = 1

  function report(error: unknown): void {
    const { code, message } = toApiError(error)
    // The same failure repeated (e.g. a key held down) should not stack up identical alerts.
    if (alerts.value.some((a) => a.code === code && a.message === message)) return
    alerts.value.push({ id: nextId++, code, message })
  }

  function dismiss(id: number): void {
    alerts.value = alerts.value.filter((a) => a.id !== id)
  }

  /** Runs an action and reports its failure; resolves to undefined when it failed. */
  async function guard<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work()
    } catch (error) {
      report(error)
      return undefined
    }
  }

  return { alerts, report, dismiss, guard }
})
