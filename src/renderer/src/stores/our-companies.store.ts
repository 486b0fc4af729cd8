import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import type { ChannelOutput } from '../../../shared/ipc/contract'
import type { OurCompanyRow, OurCompanyValues } from '../../../shared/domain/user'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useChangeSetStore } from './change-set.store'
import { nextNewId } from './user-groups.store'

export type CompanyHit = ChannelOutput<'users:findCompanies'>['rows'][number]
export type CompanyMatch = 'startsWith' | 'contains' | 'equals'
export interface NewCompany {
  name: string
  department: string
  city: string
}

/** How many hits the Find dialog lists; a narrower search finds the rest. */
export const FIND_LIMIT = 50

/**
 * Users → Our companies (SPEC §3.7): the companies whose persons can become users, with their
 * associates as they will be after Save. Adding and removing stage `member` on the company.
 */
export const useOurCompaniesStore = defineStore(STORE_IDS.ourCompanies, () => {
  const changes = useChangeSetStore('users')
  const alerts = useAlertsStore()
  const rows = ref<OurCompanyRow[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const selectedId = ref<string | null>(null)
  const hits = ref<CompanyHit[]>([])
  const searching = ref(false)
  const searched = ref(false)

  const selected = computed(() => rows.value.find((r) => r.id === selectedId.value) ?? null)

  let loadSeq = 0
  async function load(): Promise<void> {
    const seq = ++loadSeq
    loading.value = true
    try {
      const result = await alerts.guard(() => call('users:ourCompanies', {}))
      if (seq !== loadSeq || !result) return
      rows.value = result.rows
      loaded.value = true
      if (selectedId.value && !rows.value.some((r) => r.id === selectedId.value)) selectedId.value = null
    } finally {
      if (seq === loadSeq) loading.value = false
    }
  }

  let findSeq = 0
  /** The Find dialog's search over all the site's companies. */
  async function find(text: string, match: CompanyMatch): Promise<void> {
    const seq = ++findSeq
    searching.value = true
    try {
      const result = await alerts.guard(() => call('users:findCompanies', { text, match, limit: FIND_LIMIT }))
      if (seq !== findSeq || !result) return
      hits.value = result.rows
      searched.value = true
    } finally {
      if (seq === findSeq) searching.value = false
    }
  }

  function clearSearch(): void {
    findSeq++
    hits.value = []
    searched.value = false
    searching.value = false
  }

  async function stage(id: string, values: OurCompanyValues): Promise<boolean> {
    return (await alerts.guard(() => changes.stage({ entity: 'ourCompany', id, values }))) !== undefined
  }

  /** Makes an existing CRM company one of ours and selects it. */
  async function addExisting(id: string): Promise<boolean> {
    if (!(await stage(id, { member: true }))) return false
    selectedId.value = id
    await load()
    return true
  }

  /** Offline set-up: a company that does not exist in the CRM yet. */
  async function addNew(company: NewCompany): Promise<boolean> {
    const id = nextNewId(rows.value)
    if (!(await stage(id, { name: company.name, department: company.department, city: company.city, member: true }))) return false
    selectedId.value = id
    await load()
    return true
  }

  /** Removes the company from Our companies (it stays in the CRM); main refuses it on Save if still blocked. */
  const remove = (id: string) => stage(id, { member: false })
  const restore = (id: string) => stage(id, { member: true })

  function select(id: string | null): void {
    selectedId.value = id
  }

  return { rows, loaded, loading, selectedId, selected, hits, searching, searched, load, find, clearSearch, addExisting, addNew, remove, restore, select }
})
