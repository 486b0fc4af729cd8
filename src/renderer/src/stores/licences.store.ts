import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { call, toApiError } from '../api/client'
import type { ChannelOutput } from '../../../shared/ipc/contract'
import type { Problem } from '../../../shared/ipc/result'
import type { ActivationOutcome, ActivationPreview, AssignmentRemoval, LicenceChange, LicenceOwnerView } from '../../../shared/domain/licence-view'
import { addDays, dependantsOf, seatCount } from '../../../shared/domain/licence-rules'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useSiteStore } from './site.store'

/** The Status tab's id; owner tabs use the owner's name (upper case, so never "status"). */
export const STATUS_TAB = 'status'

/** One page of the selected licence's holders, as the shared people table shows them. */
export interface HolderPage {
  total: number
  offset: number
  items: Array<{ id: string; userId: string; fullName: string }>
}
const NO_HOLDERS: HolderPage = { total: 0, offset: 0, items: [] }
/** Holders per page on the Licences screen (main pages them in SQL). */
export const HOLDERS_PAGE_SIZE = 100
type LosingUser = ChannelOutput<'licences:whoLosesAccess'>['users'][number]

/** A refused load, preview or activation: the message and the reasons main gave. */
export interface LicenceRefusal {
  fileName: string
  message: string
  problems: Problem[]
}

/** One line of the activation preview with the admin's removals counted in (SPEC D5, D6). */
export interface PreviewLine extends LicenceChange {
  /** Holders losing the licence: chosen here, or with a removed prerequisite (SPEC §2.4). */
  removing: number
  /** Free seats after activation and removals; null when nothing is counted. */
  freeAfter: number | null
  /** Still fewer seats than holders: shown red, and Activate stays disabled. */
  stillShort: boolean
}

/**
 * Licences: the owners with their seat counts, the Status tab, the holders of the chosen licence,
 * the activation of a licence file (preview, "Remove superfluous licences", activate) and the
 * "who loses access" forecast. Activation is its own confirmed transaction, not a change set.
 */
export const useLicencesStore = defineStore(STORE_IDS.licences, () => {
  const today = ref<string | null>(null)
  const owners = ref<LicenceOwnerView[]>([])
  const status = ref<ChannelOutput<'licences:status'> | null>(null)
  const loaded = ref(false)
  const activeTab = ref<string>(STATUS_TAB)
  const selectedModule = ref<string | null>(null)
  const holders = ref<HolderPage>(NO_HOLDERS)
  const holdersLoading = ref(false)

  // The activation under way: the file main holds (by token), its preview and the chosen removals.
  const token = ref<string | null>(null)
  const fileName = ref('')
  const preview = ref<ActivationPreview | null>(null)
  const removals = ref<Record<string, number[]>>({})
  const refusal = ref<LicenceRefusal | null>(null)
  const working = ref(false)
  const outcome = ref<ActivationOutcome | null>(null)
  /** The short licence whose "Remove superfluous licences" dialog is open. */
  const removingModule = ref<string | null>(null)

  const forecastDate = ref('')
  const forecast = ref<{ date: string; users: LosingUser[] } | null>(null)

  const activeOwner = computed(() => owners.value.find((o) => o.ownerName === activeTab.value) ?? null)
  const selectedLicence = computed(() => {
    const owner = activeOwner.value
    if (!owner || !selectedModule.value) return null
    for (const group of owner.groups) {
      const found = group.licences.find((l) => l.moduleName === selectedModule.value)
      if (found) return found
    }
    return null
  })

  async function load(): Promise<void> {
    const alerts = useAlertsStore()
    const [ownersResult, statusResult] = await Promise.all([
      alerts.guard(() => call('licences:owners', {})),
      alerts.guard(() => call('licences:status', {}))
    ])
    if (ownersResult) {
      today.value = ownersResult.today
      owners.value = ownersResult.owners
      if (!forecastDate.value) forecastDate.value = defaultForecastDate(ownersResult.owners, ownersResult.today)
    }
    if (statusResult) status.value = statusResult
    // Keep the open tab when it still exists; else open the first owner (the vendor sorts first).
    if (activeTab.value !== STATUS_TAB && !owners.value.some((o) => o.ownerName === activeTab.value)) activeTab.value = STATUS_TAB
    if (!loaded.value && owners.value[0]) activeTab.value = owners.value[0].ownerName
    if (selectedModule.value && !selectedLicence.value) selectedModule.value = null
    loaded.value = true
  }

  function openTab(tab: string): void {
    if (tab === activeTab.value) return
    activeTab.value = tab
    selectedModule.value = null
    holders.value = NO_HOLDERS
  }

  /** Shows one licence's details and, for a user licence, who holds it. */
  async function selectLicence(moduleName: string): Promise<void> {
    selectedModule.value = moduleName
    holders.value = NO_HOLDERS
    if (selectedLicence.value?.kind !== 'user') return
    await loadHolders(0)
  }

  /** One page of the selected user licence's holders (Previous / Next). */
  async function loadHolders(offset: number): Promise<void> {
    const moduleName = selectedModule.value
    if (!moduleName) return
    holdersLoading.value = true
    try {
      const result = await useAlertsStore().guard(() => call('licences:holders', { moduleName, offset, limit: HOLDERS_PAGE_SIZE }))
      if (result && selectedModule.value === moduleName) {
        holders.value = { total: result.total, offset: result.offset, items: result.holders.map((h) => ({ id: String(h.associateId), userId: h.userId, fullName: h.fullName })) }
      }
    } finally {
      holdersLoading.value = false
    }
  }

  /** "Purchase new licences": main opens the shop address of the owner's verified file. */
  async function openShop(ownerName: string): Promise<void> {
    await useAlertsStore().guard(() => call('licences:openShop', { ownerName }))
  }

  /** "Load licence from file…": main shows the file dialog; then the preview (or the refusal). */
  async function loadFile(): Promise<void> {
    // The button stays enabled (disabling it would drop its focus, which the dialogs give back to).
    if (working.value) return
    outcome.value = null
    working.value = true
    let name = ''
    try {
      const loadedFile = await call('licences:loadFile', {})
      if (loadedFile.status === 'cancelled') return
      name = loadedFile.fileName
      const shown = await call('licences:preview', { token: loadedFile.token })
      token.value = loadedFile.token
      fileName.value = loadedFile.fileName
      removals.value = {}
      preview.value = shown
    } catch (error) {
      showRefusal(name, error)
    } finally {
      working.value = false
    }
  }

  function showRefusal(name: string, error: unknown): void {
    const failure = toApiError(error)
    if (failure.code !== 'licence_refused' && failure.code !== 'conflict' && failure.code !== 'invalid_input' && failure.code !== 'not_allowed') {
      useAlertsStore().report(failure)
      return
    }
    refusal.value = { fileName: name, message: failure.message, problems: failure.problems.filter((p) => !failure.message.includes(p.message)) }
  }

  /** Prerequisites of the owner the preview is for, to count removals that cascade to children. */
  const prerequisiteOf = computed(() => {
    const map = new Map<string, string | null>()
    const owner = owners.value.find((o) => o.ownerName === preview.value?.ownerName)
    for (const group of owner?.groups ?? []) for (const l of group.licences) map.set(l.moduleName, l.prerequisite)
    return map
  })

  /** Holders of `line` who lose it: chosen on the line itself or on one of its prerequisites. */
  function removedFrom(line: LicenceChange): { chosen: Set<number>; withParent: Map<number, string> } {
    const chosen = new Set(removals.value[line.moduleName] ?? [])
    const withParent = new Map<number, string>()
    for (const [moduleName, ids] of Object.entries(removals.value)) {
      if (moduleName === line.moduleName || !dependantsOf(moduleName, prerequisiteOf.value).includes(line.moduleName)) continue
      for (const id of ids) if (!chosen.has(id) && line.holders.some((h) => h.associateId === id)) withParent.set(id, moduleName)
    }
    return { chosen, withParent }
  }

  const lines = computed<PreviewLine[]>(() =>
    (preview.value?.changes ?? []).map((line) => {
      const { chosen, withParent } = removedFrom(line)
      const removing = line.short ? chosen.size + withParent.size : 0
      const inUse = line.inUse === null ? null : line.inUse - removing
      // A removed licence counts as 0 seats, as main counts it.
      const freeAfter = seatCount({ kind: line.kind, total: line.newTotal ?? 0, unrestricted: line.newUnrestricted ?? false }, inUse ?? 0).free
      return { ...line, removing, freeAfter, stillShort: line.short && freeAfter !== null && freeAfter < 0 }
    })
  )

  const canActivate = computed(() => preview.value !== null && !working.value && lines.value.every((l) => !l.stillShort))

  const removingLine = computed(() => lines.value.find((l) => l.moduleName === removingModule.value) ?? null)
  /** For the open "Remove superfluous licences" dialog: holders already losing it with a parent. */
  const removingWithParent = computed(() => (removingLine.value ? removedFrom(removingLine.value).withParent : new Map<number, string>()))

  function openRemoval(moduleName: string): void {
    removingModule.value = moduleName
  }

  function closeRemoval(): void {
    removingModule.value = null
  }

  /** OK in "Remove superfluous licences": these holders lose the licence on activation. */
  function setRemovals(moduleName: string, associateIds: readonly number[]): void {
    const next = { ...removals.value }
    if (associateIds.length > 0) next[moduleName] = [...associateIds]
    else delete next[moduleName]
    removals.value = next
    removingModule.value = null
  }

  function closePreview(): void {
    preview.value = null
    token.value = null
    removals.value = {}
    removingModule.value = null
    refusal.value = null
  }

  function closeRefusal(): void {
    refusal.value = null
  }

  /** Activate: the new licence set and the removals, in one transaction in main. */
  async function activate(): Promise<boolean> {
    if (!token.value || !canActivate.value) return false
    const chosen: AssignmentRemoval[] = Object.entries(removals.value).map(([moduleName, associateIds]) => ({ moduleName, associateIds }))
    working.value = true
    try {
      const result = await call('licences:activate', { token: token.value, removals: chosen })
      const ownerName = result.ownerName
      closePreview()
      outcome.value = result
      await Promise.all([load(), useSiteStore().load()])
      openTab(ownerName)
      forecast.value = null
      return true
    } catch (error) {
      showRefusal(fileName.value, error)
      return false
    } finally {
      working.value = false
    }
  }

  function dismissOutcome(): void {
    outcome.value = null
  }

  /** "Who loses access on …": users who can log in today but not on the date, with why. */
  async function runForecast(date: string): Promise<void> {
    forecastDate.value = date
    const result = await useAlertsStore().guard(() => call('licences:whoLosesAccess', { date }))
    if (result) forecast.value = result
  }

  return {
    today,
    owners,
    status,
    loaded,
    activeTab,
    activeOwner,
    selectedModule,
    selectedLicence,
    holders,
    holdersLoading,
    loadHolders,
    fileName,
    preview,
    lines,
    canActivate,
    refusal,
    working,
    outcome,
    removals,
    removingLine,
    removingWithParent,
    forecastDate,
    forecast,
    load,
    openTab,
    selectLicence,
    openShop,
    loadFile,
    openRemoval,
    closeRemoval,
    setRemovals,
    closePreview,
    closeRefusal,
    activate,
    dismissOutcome,
    runForecast
  }
})

/** The first date worth asking about: the day after the earliest owner end date, else in 90 days. */
export function defaultForecastDate(owners: readonly LicenceOwnerView[], today: string): string {
  const ends = owners.map((o) => o.expiry.until).filter((d): d is string => d !== null && d >= today).sort()
  return ends[0] ? addDays(ends[0], 1) : addDays(today, 90)
}
