import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import type { ChannelOutput } from '../../../shared/ipc/contract'
import type { Screen } from '../../../shared/domain/change-set'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'

/** What the app knows about the open site: its file, the system licences it holds, restored work. */
export const useSiteStore = defineStore(STORE_IDS.site, () => {
  const appInfo = ref<ChannelOutput<'app:info'> | null>(null)
  const summary = ref<ChannelOutput<'site:summary'> | null>(null)
  const loaded = ref(false)
  /** Screens whose unsaved work came back from an earlier session and whose notice is still shown. */
  const restoredScreens = ref<Screen[]>([])

  async function load(): Promise<void> {
    const alerts = useAlertsStore()
    const [info, site] = await Promise.all([alerts.guard(() => call('app:info', {})), alerts.guard(() => call('site:summary', {}))])
    appInfo.value = info ?? null
    summary.value = site ?? null
    restoredScreens.value = site ? [...site.screensWithPendingChanges] : []
    loaded.value = true
  }

  function dismissRestored(screen: Screen): void {
    restoredScreens.value = restoredScreens.value.filter((s) => s !== screen)
  }

  const heldSystemLicences = computed<readonly string[]>(() => summary.value?.heldSystemLicences ?? [])

  return { appInfo, summary, loaded, restoredScreens, load, dismissRestored, heldSystemLicences }
})
