import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { call, toApiError } from '../api/client'
import type { ChannelOutput } from '../../../shared/ipc/contract'
import type { ImportMapping, ImportPreviewFilter, ImportPreviewRow, ImportSummary, ImportTarget } from '../../../shared/domain/user-import'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'
import { useChangeSetStore } from './change-set.store'
import { useNavigationStore } from './navigation.store'

type LoadedFile = Extract<ChannelOutput<'import:chooseUsersFile'>, { status: 'loaded' }>

/** Preview rows per page. */
export const PREVIEW_PAGE = 50

/**
 * Import → Users from CSV. Main holds the parsed file (a token here) and checks it a chunk per
 * call, so this store drives the check and shows "Checked 40,000 of 100,000 rows" as it goes;
 * a changed mapping starts the check again and the older run stops at its next step.
 */
export const useUserImportStore = defineStore(STORE_IDS.userImport, () => {
  const alerts = useAlertsStore()

  const file = ref<LoadedFile | null>(null)
  const mapping = ref<ImportMapping>({})
  const reading = ref(false)
  const checking = ref(false)
  const checked = ref(0)
  const summary = ref<ImportSummary | null>(null)
  const notices = ref<string[]>([])
  const show = ref<ImportPreviewFilter>('all')
  const offset = ref(0)
  const rows = ref<ImportPreviewRow[]>([])
  const shownTotal = ref(0)
  const staging = ref(false)
  // Bumped by every new check: answers for an older mapping are dropped.
  let generation = 0

  const total = computed(() => file.value?.rows ?? 0)
  const needsUserId = computed(() => file.value !== null && mapping.value.userId === undefined)
  const toStage = computed(() => (summary.value ? summary.value.create + summary.value.update : 0))
  const canStage = computed(() => summary.value !== null && summary.value.error === 0 && toStage.value > 0 && !checking.value && !staging.value)

  /** "Choose CSV file…": main shows the open dialog, reads and parses the file. */
  async function chooseFile(): Promise<void> {
    if (reading.value) return
    reading.value = true
    try {
      const chosen = await alerts.guard(() => call('import:chooseUsersFile', {}))
      if (!chosen || chosen.status === 'cancelled') return
      const previous = file.value?.token
      if (previous) void call('import:closeUsersFile', { token: previous }).catch(() => undefined)
      file.value = chosen
      mapping.value = { ...chosen.suggested }
      await check()
    } finally {
      reading.value = false
    }
  }

  /** Points a field at a file column (null: not imported) and checks the file again. */
  async function setColumn(target: ImportTarget, column: number | null): Promise<void> {
    const next = { ...mapping.value }
    if (column === null) delete next[target]
    else next[target] = column
    mapping.value = next
    await check()
  }

  /** Checks every row under the current mapping, a chunk per call, then shows the first page. */
  async function check(): Promise<void> {
    const token = file.value?.token
    const run = ++generation
    summary.value = null
    notices.value = []
    rows.value = []
    checked.value = 0
    if (!token || needsUserId.value) {
      checking.value = false
      return
    }
    checking.value = true
    const current = { ...mapping.value }
    try {
      let from = 0
      for (;;) {
        const step = await call('import:checkUsers', { token, mapping: current, from })
        if (run !== generation) return
        checked.value = step.checked
        if (step.done) {
          summary.value = step.summary
          notices.value = step.notices
          break
        }
        from = step.checked
      }
    } catch (error) {
      if (run === generation) alerts.report(error)
      return
    } finally {
      if (run === generation) checking.value = false
    }
    show.value = summary.value && summary.value.error > 0 ? 'error' : 'all'
    await loadPage(0)
  }

  async function loadPage(at: number): Promise<void> {
    const token = file.value?.token
    if (!token || !summary.value) return
    const run = generation
    const page = await alerts.guard(() => call('import:previewUsers', { token, show: show.value, offset: at, limit: PREVIEW_PAGE }))
    if (!page || run !== generation) return
    offset.value = page.offset
    rows.value = page.rows
    shownTotal.value = page.total
  }

  async function setShow(filter: ImportPreviewFilter): Promise<void> {
    show.value = filter
    await loadPage(0)
  }

  function countOf(filter: ImportPreviewFilter): number {
    const s = summary.value
    if (!s) return 0
    return filter === 'all' ? total.value : s[filter]
  }

  /**
   * Stages every new and changed row as one step on the Users screen and opens it there, where
   * the admin reviews the diff in the Save dialog. Main refuses (and stages nothing) on any problem.
   */
  async function stage(): Promise<boolean> {
    const token = file.value?.token
    if (!token || !canStage.value) return false
    staging.value = true
    try {
      await call('import:stageUsers', { token })
    } catch (error) {
      const failure = toApiError(error)
      alerts.report(failure)
      // The site may have changed since the check: show the rows as main now judges them.
      if (failure.code === 'validation_failed') await check()
      return false
    } finally {
      staging.value = false
    }
    reset()
    await alerts.guard(() => useChangeSetStore('users').refresh())
    await useNavigationStore().open('users')
    return true
  }

  /** Forgets the file (main drops it too). */
  function reset(): void {
    const token = file.value?.token
    generation++
    if (token) void call('import:closeUsersFile', { token }).catch(() => undefined)
    file.value = null
    mapping.value = {}
    summary.value = null
    notices.value = []
    rows.value = []
    checked.value = 0
    checking.value = false
  }

  return {
    file,
    mapping,
    reading,
    checking,
    checked,
    total,
    summary,
    notices,
    show,
    offset,
    rows,
    shownTotal,
    staging,
    needsUserId,
    toStage,
    canStage,
    chooseFile,
    setColumn,
    check,
    loadPage,
    setShow,
    countOf,
    stage,
    reset
  }
})
