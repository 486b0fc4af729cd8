import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import { call, onMenuCommand, toApiError } from '../api/client'
import type { SnapshotComparison, SnapshotInfo } from '../../../shared/domain/snapshot'
import { STORE_IDS } from './ids'

/**
 * File → Snapshots… (and Licences → Status → Snapshots…): the site's snapshots, Take, Compare
 * (one with the live site, or two with each other) and Restore into a new file, which main
 * chooses with a save dialog. Failures are shown inside the dialog (the page behind it is inert).
 */
export const useSnapshotsStore = defineStore(STORE_IDS.snapshots, () => {
  const isOpen = ref(false)
  const snapshots = shallowRef<SnapshotInfo[]>([])
  const loaded = ref(false)
  const selected = ref<string[]>([])
  const report = shallowRef<SnapshotComparison | null>(null)
  const working = ref(false)
  const failure = ref<string | null>(null)
  const notice = ref<{ key: 'taken' | 'restored'; value: string } | null>(null)
  let listening = false

  const selectedInfos = computed(() => snapshots.value.filter((s) => selected.value.includes(s.name)))

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    working.value = true
    failure.value = null
    try {
      return await action()
    } catch (error) {
      failure.value = toApiError(error).message
      return undefined
    } finally {
      working.value = false
    }
  }

  async function load(): Promise<void> {
    const result = await run(() => call('snapshots:list', {}))
    if (!result) return
    snapshots.value = result.snapshots
    selected.value = selected.value.filter((name) => result.snapshots.some((s) => s.name === name))
    loaded.value = true
  }

  function open(): void {
    if (isOpen.value) return
    isOpen.value = true
    report.value = null
    notice.value = null
    failure.value = null
    void load()
  }

  function close(): void {
    isOpen.value = false
  }

  function toggle(name: string): void {
    selected.value = selected.value.includes(name) ? selected.value.filter((n) => n !== name) : [...selected.value, name]
  }

  async function take(): Promise<void> {
    notice.value = null
    const taken = await run(() => call('snapshots:take', {}))
    if (!taken) return
    notice.value = { key: 'taken', value: taken.name }
    await load()
  }

  /** The one selected snapshot against the site as it is now. */
  async function compareWithLive(): Promise<void> {
    const [only] = selectedInfos.value
    if (selectedInfos.value.length !== 1 || !only) return
    const result = await run(() => call('snapshots:compare', { a: only.name, b: 'live' }))
    if (result) report.value = result
  }

  /** The two selected snapshots, older first, so "added" means added since the older one. */
  async function compareSelected(): Promise<void> {
    if (selectedInfos.value.length !== 2) return
    const [older, newer] = [...selectedInfos.value].sort((x, y) => x.takenAt.localeCompare(y.takenAt) || x.name.localeCompare(y.name))
    const result = await run(() => call('snapshots:compare', { a: older!.name, b: newer!.name }))
    if (result) report.value = result
  }

  async function restore(): Promise<void> {
    const [only] = selectedInfos.value
    if (selectedInfos.value.length !== 1 || !only) return
    notice.value = null
    const result = await run(() => call('snapshots:restore', { name: only.name }))
    if (result?.status === 'restored') notice.value = { key: 'restored', value: result.path }
  }

  /** The app menu's File → Snapshots… (Electron only; a browser bridge has no menu). */
  function listenToMenu(): void {
    if (listening) return
    listening = true
    onMenuCommand((command) => {
      if (command === 'snapshots') open()
    })
  }

  return { isOpen, snapshots, loaded, selected, selectedInfos, report, working, failure, notice, open, close, load, toggle, take, compareWithLive, compareSelected, restore, listenToMenu }
})
