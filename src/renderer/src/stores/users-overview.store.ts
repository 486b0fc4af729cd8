import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import type { ChannelOutput } from '../../../shared/ipc/contract'
import type { UserLicenceOverview } from '../../../shared/domain/user'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'

export type UserGroupOverview = ChannelOutput<'users:groups'>['rows'][number]
export type LicenceHolder = ChannelOutput<'users:licenceHolders'>['holders'][number]
export type GroupMember = ChannelOutput<'users:groupMembers'>['members'][number]

/** Rows per page of a holders or members list: lists grow with the site, pages keep them light. */
export const MEMBERS_PAGE_SIZE = 50

interface Page<T> {
  total: number
  offset: number
  items: T[]
}
const emptyPage = <T>(): Page<T> => ({ total: 0, offset: 0, items: [] })

/**
 * Where the last page starts when a reload finds the list shorter than the page shown (a Save or
 * another tab's change removed holders): show that page rather than "51–50 of 50" (the first page
 * when none are left). Null when the page shown still has rows.
 */
export function lastPageIfPast(offset: number, total: number, pageSize = MEMBERS_PAGE_SIZE): number | null {
  if (offset === 0 || offset < total) return null
  return Math.floor((Math.max(total, 1) - 1) / pageSize) * pageSize
}

/**
 * Users → User licences and User groups (SPEC §3.8–3.9): read-only overviews that include the
 * Users screen's pending changes, and one page of the selected licence's holders or group's members.
 */
export const useUsersOverviewStore = defineStore(STORE_IDS.usersOverview, () => {
  const alerts = useAlertsStore()

  const licences = ref<UserLicenceOverview[]>([])
  const licencesLoaded = ref(false)
  const selectedModule = ref<string | null>(null)
  const holders = ref<Page<LicenceHolder>>(emptyPage())

  const groups = ref<UserGroupOverview[]>([])
  const groupsLoaded = ref(false)
  const selectedGroupId = ref<string | null>(null)
  const members = ref<Page<GroupMember>>(emptyPage())

  const selectedLicence = computed(() => licences.value.find((l) => l.moduleName === selectedModule.value) ?? null)
  const selectedGroup = computed(() => groups.value.find((g) => g.id === selectedGroupId.value) ?? null)

  let holdersSeq = 0
  async function loadHolders(offset = holders.value.offset): Promise<void> {
    const moduleName = selectedModule.value
    const seq = ++holdersSeq
    if (!moduleName) {
      holders.value = emptyPage()
      return
    }
    const result = await alerts.guard(() => call('users:licenceHolders', { moduleName, offset, limit: MEMBERS_PAGE_SIZE }))
    // A quick click on another licence may have overtaken this answer.
    if (seq !== holdersSeq || !result) return
    const last = lastPageIfPast(offset, result.total)
    if (last !== null) return loadHolders(last)
    holders.value = { total: result.total, offset, items: result.holders }
  }

  let licencesSeq = 0
  /** Reloads the licences and, when one is selected, the page of holders shown. */
  async function loadLicences(): Promise<void> {
    const seq = ++licencesSeq
    const result = await alerts.guard(() => call('users:licences', {}))
    if (seq !== licencesSeq || !result) return
    licences.value = result.rows
    licencesLoaded.value = true
    if (selectedModule.value && !result.rows.some((l) => l.moduleName === selectedModule.value)) selectedModule.value = null
    await loadHolders()
  }

  async function selectLicence(moduleName: string): Promise<void> {
    if (moduleName === selectedModule.value) return
    selectedModule.value = moduleName
    holders.value = emptyPage()
    await loadHolders(0)
  }

  let membersSeq = 0
  async function loadMembers(offset = members.value.offset): Promise<void> {
    const groupId = selectedGroupId.value
    const seq = ++membersSeq
    if (!groupId) {
      members.value = emptyPage()
      return
    }
    const result = await alerts.guard(() => call('users:groupMembers', { groupId, offset, limit: MEMBERS_PAGE_SIZE }))
    if (seq !== membersSeq || !result) return
    const last = lastPageIfPast(offset, result.total)
    if (last !== null) return loadMembers(last)
    members.value = { total: result.total, offset, items: result.members }
  }

  let groupsSeq = 0
  async function loadGroups(): Promise<void> {
    const seq = ++groupsSeq
    const result = await alerts.guard(() => call('users:groups', {}))
    if (seq !== groupsSeq || !result) return
    groups.value = result.rows
    groupsLoaded.value = true
    if (selectedGroupId.value && !result.rows.some((g) => g.id === selectedGroupId.value)) selectedGroupId.value = null
    await loadMembers()
  }

  async function selectGroup(id: string): Promise<void> {
    if (id === selectedGroupId.value) return
    selectedGroupId.value = id
    members.value = emptyPage()
    await loadMembers(0)
  }

  return {
    licences,
    licencesLoaded,
    selectedModule,
    selectedLicence,
    holders,
    groups,
    groupsLoaded,
    selectedGroupId,
    selectedGroup,
    members,
    loadLicences,
    loadHolders,
    selectLicence,
    loadGroups,
    loadMembers,
    selectGroup
  }
})
