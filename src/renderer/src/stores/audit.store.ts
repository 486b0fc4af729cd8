import { ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import type { AuditRow } from '../../../shared/domain/audit'
import type { ChannelOutput } from '../../../shared/ipc/contract'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'

/** Rows fetched per call: main pages the log in SQL, the list fetches pages as they scroll in. */
export const AUDIT_PAGE_SIZE = 100

export interface AuditFilterState {
  actor: string | null
  screen: string | null
  from: string | null
  to: string | null
}

/** Licences → Status → Audit log: filters, the pages fetched so far, Verify and Export. */
export const useAuditStore = defineStore(STORE_IDS.audit, () => {
  const filter = ref<AuditFilterState>({ actor: null, screen: null, from: null, to: null })
  const total = ref(0)
  const actors = ref<string[]>([])
  const screens = ref<string[]>([])
  const pages = shallowRef(new Map<number, AuditRow[]>())
  const ready = ref(false)
  const verification = ref<ChannelOutput<'audit:verify'> | null>(null)
  const exported = ref<{ path: string; rows: number } | null>(null)
  // Answers to an older filter are dropped: only the latest request may fill the pages.
  let generation = 0

  async function fetchPage(page: number): Promise<void> {
    const asked = generation
    const result = await useAlertsStore().guard(() => call('audit:list', { filter: { ...filter.value }, offset: page * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE }))
    if (!result || asked !== generation) return
    total.value = result.total
    actors.value = result.actors
    screens.value = result.screens
    const next = new Map(pages.value)
    next.set(page, result.rows)
    pages.value = next
    ready.value = true
  }

  /** Starts over (a filter changed, or after a Save elsewhere). */
  async function reload(): Promise<void> {
    generation++
    pages.value = new Map()
    await fetchPage(0)
  }

  /** Fetches the pages that rows start..end fall on and does not have yet. */
  function ensureRange(start: number, end: number): void {
    for (let p = Math.floor(start / AUDIT_PAGE_SIZE); p <= Math.floor(end / AUDIT_PAGE_SIZE); p++) {
      if (!pages.value.has(p)) void fetchPage(p)
    }
  }

  function rowAt(index: number): AuditRow | undefined {
    return pages.value.get(Math.floor(index / AUDIT_PAGE_SIZE))?.[index % AUDIT_PAGE_SIZE]
  }

  async function verify(): Promise<void> {
    verification.value = (await useAlertsStore().guard(() => call('audit:verify', {}))) ?? null
  }

  async function exportCsv(): Promise<void> {
    const result = await useAlertsStore().guard(() => call('audit:export', { filter: { ...filter.value } }))
    exported.value = result?.status === 'saved' ? { path: result.path, rows: result.rows } : null
  }

  return { filter, total, actors, screens, pages, ready, verification, exported, reload, ensureRange, rowAt, verify, exportCsv }
})
