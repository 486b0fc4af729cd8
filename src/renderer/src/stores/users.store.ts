import { computed, reactive, ref, shallowReactive, watch } from 'vue'
import { defineStore } from 'pinia'
import { call, toApiError } from '../api/client'
import type {
  AssociateCard,
  AssociateListQuery,
  AssociateListRow,
  AssociateSort,
  AssociateValues,
  OurCompanyRow,
  UserLicenceOverview
} from '../../../shared/domain/user'
import type { ChannelOutput } from '../../../shared/ipc/contract'
import { DEFAULT_PASSWORD_POLICY } from '../../../shared/domain/password-policy'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useChangeSetStore } from './change-set.store'

/** Rows per `users:list` call; main allows up to 500. */
export const PAGE_SIZE = 200
/** Pages kept in memory; the farthest from the visible rows are dropped first. */
const MAX_PAGES = 30

export type RetiredFilter = AssociateListQuery['retired']
/** The licence filter: every user, users without licences, or holders of one module. */
export const NO_LICENCE = '#none'

export interface AssociateFilters {
  companyId: string
  search: string
  onlyCanLogIn: boolean
  licence: string
  retired: RetiredFilter
}

export type Explanation = ChannelOutput<'users:explain'>
export type RemovalPreflight = ChannelOutput<'users:removalPreflight'>
export type ClonePreview = ChannelOutput<'users:clonePreview'>
export interface CloneRequest {
  firstName: string
  middleName: string
  lastName: string
  email: string
  userId: string
}

const NEW_ID = /^new:(\d+)$/

/**
 * Users → Associates: a window onto main's filtered, sorted list (fetched a page at a time and
 * cached, so 100,000 rows cost what the visible ones cost), the selected user's card, and the
 * edits and Task-menu actions that stage changes in the 'users' change set.
 */
export const useAssociatesStore = defineStore(STORE_IDS.associates, () => {
  const changes = useChangeSetStore('users')
  const alerts = useAlertsStore()

  const filters = reactive<AssociateFilters>({ companyId: '', search: '', onlyCanLogIn: false, licence: '', retired: 'all' })
  const sort = ref<AssociateSort>('lastName')
  const direction = ref<'asc' | 'desc'>('asc')
  const total = ref(0)
  /** False until the first page of the current query arrived (the list says "Loading…" meanwhile). */
  const ready = ref(false)
  const pages = shallowReactive(new Map<number, AssociateListRow[]>())
  const visible = { start: 0, end: 0 }
  // Bumped whenever the query or the pending set changes: answers to older requests are dropped.
  let generation = 0
  const inFlight = new Set<number>()

  const selectedId = ref<string | null>(null)
  const card = ref<AssociateCard | null>(null)
  const explanation = ref<Explanation | null>(null)
  const companies = ref<OurCompanyRow[]>([])
  const licenceOptions = ref<UserLicenceOverview[]>([])
  /** The site's password policy, shown next to the password field (main enforces it on stage). */
  const passwordPolicy = ref<ChannelOutput<'preferences:passwordPolicy'>>({ password: { ...DEFAULT_PASSWORD_POLICY }, signIn: { lockoutAttempts: 0, lockoutMinutes: 0 }, isDefault: true })
  /** New ids this session staged, so a quick second New never reuses one. */
  let highestNew = 0

  const selectedRow = computed(() => {
    for (const rows of pages.values()) {
      const row = rows.find((r) => r.id === selectedId.value)
      if (row) return row
    }
    return null
  })

  function query(offset: number): AssociateListQuery {
    return {
      companyId: filters.companyId || undefined,
      search: filters.search.trim(),
      onlyCanLogIn: filters.onlyCanLogIn,
      licence: filters.licence && filters.licence !== NO_LICENCE ? filters.licence : undefined,
      noLicence: filters.licence === NO_LICENCE,
      retired: filters.retired,
      sort: sort.value,
      direction: direction.value,
      offset,
      limit: PAGE_SIZE
    }
  }

  /** The row at a list position, when its page is loaded. */
  function rowAt(index: number): AssociateListRow | undefined {
    return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE]
  }

  function indexOf(id: string): number {
    for (const [page, rows] of pages) {
      const at = rows.findIndex((r) => r.id === id)
      if (at >= 0) return page * PAGE_SIZE + at
    }
    return -1
  }

  async function fetchPage(page: number): Promise<void> {
    const seq = generation
    inFlight.add(page)
    try {
      const result = await alerts.guard(() => call('users:list', query(page * PAGE_SIZE)))
      if (seq !== generation || !result) return
      total.value = result.total
      pages.set(page, result.rows)
      ready.value = true
      evict()
    } finally {
      if (seq === generation) inFlight.delete(page)
    }
  }

  function evict(): void {
    if (pages.size <= MAX_PAGES) return
    const centre = Math.floor(visible.start / PAGE_SIZE)
    const far = [...pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre))
    for (const page of far.slice(0, pages.size - MAX_PAGES)) pages.delete(page)
  }

  function pagesOf(start: number, end: number): number[] {
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE)
    const last = Math.floor(Math.max(start, end) / PAGE_SIZE)
    return Array.from({ length: last - first + 1 }, (_, i) => first + i)
  }

  /** The list shows rows `start`–`end`: fetch the pages they are on that are not cached yet. */
  function showRange(start: number, end: number): Promise<void> {
    visible.start = start
    visible.end = end
    const wanted = pagesOf(start, end).filter((p) => !pages.has(p) && !inFlight.has(p) && (p === 0 || p * PAGE_SIZE < total.value))
    return Promise.all(wanted.map(fetchPage)).then(() => undefined)
  }

  /** A new query: forget every page and start from the top. */
  function requery(): Promise<void> {
    generation++
    inFlight.clear()
    pages.clear()
    ready.value = false
    const span = Math.max(visible.end - visible.start, 60)
    return showRange(0, span)
  }

  /**
   * The pending set changed: refetch the visible pages in place (no flash of empty rows) and
   * drop the others, whose rows may have moved.
   */
  async function refreshRows(): Promise<void> {
    generation++
    inFlight.clear()
    const keep = new Set(pagesOf(visible.start, visible.end))
    for (const page of [...pages.keys()]) if (!keep.has(page)) pages.delete(page)
    await Promise.all([...keep].map(fetchPage))
  }

  function setSort(column: AssociateSort): Promise<void> {
    if (sort.value === column) direction.value = direction.value === 'asc' ? 'desc' : 'asc'
    else {
      sort.value = column
      direction.value = 'asc'
    }
    return requery()
  }

  function setFilters(patch: Partial<AssociateFilters>): Promise<void> {
    Object.assign(filters, patch)
    return requery()
  }

  async function loadChoices(): Promise<void> {
    const [ours, licences, policy] = await Promise.all([
      alerts.guard(() => call('users:ourCompanies', {})),
      alerts.guard(() => call('users:licences', {})),
      alerts.guard(() => call('preferences:passwordPolicy', {}))
    ])
    if (ours) companies.value = ours.rows.filter((c) => !c.removing)
    if (licences) licenceOptions.value = licences.rows
    if (policy) passwordPolicy.value = policy
  }

  /** Lifts a user's sign-in lock at once (an audited action of its own, not a staged change). */
  async function unlockSignIn(id: string): Promise<void> {
    try {
      await call('auth:unlock', { associateId: Number(id) })
    } catch (error) {
      alerts.report(error)
    }
    await loadCard()
  }

  async function loadCard(): Promise<void> {
    const id = selectedId.value
    if (!id) {
      card.value = null
      explanation.value = null
      return
    }
    try {
      const result = await call('users:get', { id })
      if (selectedId.value === id) card.value = result
    } catch (error) {
      // Undo or Cancel can take a new user away: the card simply closes.
      if (toApiError(error).code === 'not_found') {
        if (selectedId.value === id) select(null)
      } else alerts.report(error)
    }
  }

  async function loadExplanation(): Promise<void> {
    const id = selectedId.value
    if (!id) return
    const result = await alerts.guard(() => call('users:explain', { id }))
    if (result && selectedId.value === id) explanation.value = result
  }

  function select(id: string | null): Promise<void> {
    if (id === selectedId.value) return Promise.resolve()
    selectedId.value = id
    card.value = null
    explanation.value = null
    return loadCard()
  }

  /** Everything the screen reads, after it opens. */
  async function load(): Promise<void> {
    await Promise.all([loadChoices(), requery(), alerts.guard(() => changes.refresh())])
    if (selectedId.value) await loadCard()
  }

  // Any change to the pending set (stage, undo, redo, save, cancel) changes rows, counters and cards.
  watch(
    () => changes.revision,
    () => void afterChange()
  )

  async function afterChange(): Promise<void> {
    await Promise.all([refreshRows(), loadCard(), loadChoices()])
    if (explanation.value) await loadExplanation()
  }

  /**
   * Stages edits of one associate. Resolves to null when main accepted them, else to the reason
   * (also reported in the alert region unless `quiet`: the card shows password refusals itself).
   */
  async function stage(id: string, values: AssociateValues, quiet = false): Promise<string | null> {
    try {
      await changes.stage({ entity: 'associate', id, values })
      return null
    } catch (error) {
      const apiError = toApiError(error)
      if (!quiet) alerts.report(apiError)
      return apiError.problems[0]?.message ?? apiError.message
    }
  }

  /** The next "new:N": past every new associate in the pending set and every one staged here. */
  async function nextNewId(): Promise<string> {
    const preview = await alerts.guard(() => call('changes:preview', { screen: 'users' }))
    const used = (preview?.entries ?? []).filter((e) => e.entity === 'associate').map((e) => Number(NEW_ID.exec(e.id)?.[1] ?? 0))
    for (const rows of pages.values()) for (const r of rows) used.push(Number(NEW_ID.exec(r.id)?.[1] ?? 0))
    highestNew = Math.max(highestNew, ...used) + 1
    return `new:${highestNew}`
  }

  /** Task → New: a blank user at the filtered (or first) of Our companies, selected for typing. */
  async function addNew(): Promise<string | null> {
    const id = await nextNewId()
    const companyId = filters.companyId || companies.value[0]?.id || null
    if ((await stage(id, { firstName: '', lastName: '', companyId, canLogIn: true, retired: false })) !== null) return null
    await select(id)
    return id
  }

  function preflight(id: string): Promise<RemovalPreflight | undefined> {
    return alerts.guard(() => call('users:removalPreflight', { id }))
  }

  function clonePreview(sourceId: string, firstName: string, lastName: string): Promise<ClonePreview | undefined> {
    return alerts.guard(() => call('users:clonePreview', { sourceId, firstName, lastName }))
  }

  /** Stages a copy of `sourceId` and selects it. */
  async function clone(sourceId: string, request: CloneRequest): Promise<string | null> {
    const result = await alerts.guard(() => call('users:clone', { sourceId, ...request, userId: request.userId.trim() || undefined }))
    if (!result) return null
    // users:clone stages in main itself: read the set's state and reload like any other stage.
    await alerts.guard(() => changes.refresh())
    selectedId.value = result.id
    card.value = null
    await afterChange()
    return result.id
  }

  /** Whether the user ID is already shown on a loaded row of another user (main checks them all on Save). */
  function userIdTaken(candidate: string, exceptId: string): boolean {
    const key = candidate.trim().toLowerCase()
    for (const rows of pages.values()) if (rows.some((r) => r.id !== exceptId && r.userId.toLowerCase() === key)) return true
    return false
  }

  return {
    filters,
    sort,
    direction,
    /** The list's query (filters and sort) at an offset; Export sends it without the paging. */
    query,
    total,
    ready,
    pages,
    selectedId,
    selectedRow,
    card,
    explanation,
    companies,
    licenceOptions,
    passwordPolicy,
    rowAt,
    indexOf,
    showRange,
    requery,
    setSort,
    setFilters,
    load,
    loadCard,
    unlockSignIn,
    loadExplanation,
    select,
    stage,
    addNew,
    preflight,
    clonePreview,
    clone,
    userIdTaken
  }
})
