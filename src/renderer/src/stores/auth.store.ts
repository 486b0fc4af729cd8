import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { call } from '../api/client'
import type { AuthStatus, SetupInput, SignInOutcome } from '../../../shared/domain/auth'
import type { ChannelOutput } from '../../../shared/ipc/contract'
import type { AdminRight } from '../../../shared/ipc/rights'
import { STORE_IDS } from './ids'
import { useAlertsStore } from './alerts.store'

export type SitePolicy = ChannelOutput<'preferences:passwordPolicy'>

/**
 * Who is signed in, as main reports it (SPEC D7): the admin's name and rights, never a
 * credential. The app shows Sign in, the set-up wizard or the screens from this state.
 */
export const useAuthStore = defineStore(STORE_IDS.auth, () => {
  const status = ref<AuthStatus | null>(null)
  const policy = ref<SitePolicy | null>(null)

  const signedIn = computed(() => status.value?.signedIn === true)
  const needsSetup = computed(() => status.value?.needsSetup === true)
  const rights = computed<readonly AdminRight[]>(() => status.value?.admin?.rights ?? [])

  async function load(): Promise<void> {
    const alerts = useAlertsStore()
    const [next, nextPolicy] = await Promise.all([alerts.guard(() => call('auth:status', {})), alerts.guard(() => call('preferences:passwordPolicy', {}))])
    if (next) status.value = next
    if (nextPolicy) policy.value = nextPolicy
  }

  async function loadPolicy(): Promise<void> {
    const next = await useAlertsStore().guard(() => call('preferences:passwordPolicy', {}))
    if (next) policy.value = next
  }

  /** A refused sign-in comes back as an outcome (not an error), so the form can say why. */
  async function signIn(userId: string, password: string): Promise<SignInOutcome> {
    const outcome = await call('auth:signIn', { userId, password })
    if (outcome.status === 'signedIn') status.value = outcome.auth
    return outcome
  }

  async function signOut(): Promise<void> {
    const next = await useAlertsStore().guard(() => call('auth:signOut', {}))
    if (next) status.value = next
  }

  /** Finish of the set-up wizard: main writes everything in one transaction and signs the admin in. */
  async function completeSetup(input: SetupInput): Promise<void> {
    status.value = await call('setup:complete', input)
  }

  return { status, policy, signedIn, needsSetup, rights, load, loadPolicy, signIn, signOut, completeSetup }
})
