import type { Handlers, CoreDeps } from './handlers'
import { checkSnapshotExists, compareSnapshots, listSnapshots, restoreSnapshot, takeSnapshot } from './services/snapshot.service'

type SnapshotChannel = Extract<keyof Handlers, `snapshots:${string}`>

/** The snapshot channels (issue 9): thin, over snapshot.service. */
export function createSnapshotHandlers(deps: CoreDeps): Pick<Handlers, SnapshotChannel> {
  const { site, clock } = deps
  return {
    'snapshots:list': async () => ({ snapshots: listSnapshots(site) }),
    'snapshots:take': () => takeSnapshot(site, 'manual', clock),
    'snapshots:compare': async ({ a, b }) => compareSnapshots(site, a, b),
    'snapshots:restore': async ({ name }) => {
      // Checked before the dialog opens, so a stale name fails fast instead of after the admin chose a file.
      checkSnapshotExists(site, name)
      const target = await deps.chooseSnapshotTarget(name.replace(/\.smsite$/, '-restored.smsite'))
      if (target === null) return { status: 'cancelled' as const }
      return { status: 'restored' as const, path: restoreSnapshot(site, name, target) }
    }
  }
}
