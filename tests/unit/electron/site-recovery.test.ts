import { describe, expect, it, vi } from 'vitest'
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../src/shared/ipc/result'
import type { SnapshotInfo } from '../../../src/shared/domain/snapshot'
import { dialogRecoveryUi, openWithRecovery, siteSnapshots, suggestedRestorePath, type RecoveryQuestion, type RecoveryUi, type SnapshotSource } from '../../../src/main/electron/site-recovery'
import { hashFile, makeTempDir, openTestCore } from '../support/site-fixture'
import { expectOk, saveGroups } from '../reliability/reliability-support'

const SITE = '/sites/crm.smsite'
const corrupt = (path: string) => new AppError('site_corrupt', `The site file ${path} is damaged (SQLite's check found: bad page).`)
const snap = (name: string, takenAt: string): SnapshotInfo => ({ name, takenAt, reason: 'manual', sizeBytes: 40960 })
const NEWEST = snap('2026-11-23T10-00-00-000Z--manual.smsite', '2026-11-23T10:00:00.000Z')
const OLDER = snap('2026-11-20T08-30-00-000Z--manual.smsite', '2026-11-20T08:30:00.000Z')

/** A scripted UI: answers in order, records what it was shown. */
function fakeUi(answers: number[], targets: Array<string | null>) {
  const asked: RecoveryQuestion[] = []
  const errors: Array<[string, string]> = []
  const suggested: string[] = []
  const ui: RecoveryUi = {
    ask: async (q) => {
      asked.push(q)
      return answers.shift() ?? 1
    },
    chooseTarget: async (path) => {
      suggested.push(path)
      return targets.shift() ?? null
    },
    showError: (title, message) => void errors.push([title, message])
  }
  return { ui, asked, errors, suggested }
}

function fakeSnapshots(list: SnapshotInfo[], refuse: (target: string) => boolean = () => false) {
  const restored: Array<[string, string]> = []
  const source: SnapshotSource = {
    list: () => list,
    restore: (_site, name, target) => {
      if (refuse(target)) throw new AppError('conflict', `${target} already exists.`)
      restored.push([name, target])
      return target
    }
  }
  return { source, restored }
}

/** open() that fails with site_corrupt for the paths given, and opens everything else. */
const opener = (damaged: string[]) => vi.fn(async (path: string) => {
  if (damaged.includes(path)) throw corrupt(path)
  return { path }
})

describe('openWithRecovery (decisions, with fakes)', () => {
  it('a healthy site simply opens: no question, no restore', async () => {
    const { ui, asked } = fakeUi([], [])
    const { source, restored } = fakeSnapshots([NEWEST])
    const outcome = await openWithRecovery(SITE, opener([]), ui, source)
    expect(outcome).toEqual({ kind: 'opened', core: { path: SITE }, sitePath: SITE })
    expect(asked).toHaveLength(0)
    expect(restored).toHaveLength(0)
  })

  it('a damaged site: offers the LATEST snapshot; "Restore" restores into the chosen NEW file and opens that', async () => {
    const { ui, asked, suggested } = fakeUi([0], ['/sites/crm restored.smsite'])
    const { source, restored } = fakeSnapshots([NEWEST, OLDER])
    const open = opener([SITE])
    const outcome = await openWithRecovery(SITE, open, ui, source)
    expect(asked).toHaveLength(1)
    expect(asked[0].buttons).toEqual(['Restore into a new file…', 'Quit'])
    expect(asked[0].detail).toContain('2026-11-23 10:00:00 UTC')
    expect(asked[0].detail).toContain('damaged (SQLite')
    expect(asked[0].detail).toContain(`stays as it is, at ${SITE}`)
    expect(suggested[0]).toBe(join('/sites', 'crm restored 2026-11-23 10-00.smsite'))
    expect(restored).toEqual([[NEWEST.name, '/sites/crm restored.smsite']])
    expect(open.mock.calls.map((c) => c[0])).toEqual([SITE, '/sites/crm restored.smsite'])
    expect(outcome).toEqual({ kind: 'opened', core: { path: '/sites/crm restored.smsite' }, sitePath: '/sites/crm restored.smsite', restoredFrom: NEWEST.name })
  })

  it('"Quit" (or closing the box) quits with exit code 3 and restores nothing', async () => {
    const { ui } = fakeUi([1], [])
    const { source, restored } = fakeSnapshots([NEWEST])
    expect(await openWithRecovery(SITE, opener([SITE]), ui, source)).toEqual({ kind: 'quit', exitCode: 3 })
    expect(restored).toHaveLength(0)
  })

  it('no snapshot: says so and quits, offering nothing', async () => {
    const { ui, asked, errors } = fakeUi([0], [])
    const { source } = fakeSnapshots([])
    expect(await openWithRecovery(SITE, opener([SITE]), ui, source)).toEqual({ kind: 'quit', exitCode: 3 })
    expect(asked).toHaveLength(0)
    expect(errors[0][1]).toContain('your own backup')
  })

  it('cancelling the save dialog asks again; a refused target (existing file, the site itself) is reported and asks again', async () => {
    const { ui, asked, errors } = fakeUi([0, 0, 0], [null, SITE, '/sites/new.smsite'])
    const { source, restored } = fakeSnapshots([NEWEST], (target) => target === SITE)
    const outcome = await openWithRecovery(SITE, opener([SITE]), ui, source)
    expect(asked).toHaveLength(3)
    expect(errors).toHaveLength(1)
    expect(errors[0][0]).toBe('The snapshot could not be restored')
    expect(restored).toEqual([[NEWEST.name, '/sites/new.smsite']])
    expect(outcome).toMatchObject({ kind: 'opened', sitePath: '/sites/new.smsite' })
  })

  it('a restored copy that is damaged too: offers the next older snapshot, then gives up when none is left', async () => {
    const { ui, asked, errors } = fakeUi([0, 0], ['/sites/a.smsite', '/sites/b.smsite'])
    const { source, restored } = fakeSnapshots([NEWEST, OLDER])
    const outcome = await openWithRecovery(SITE, opener([SITE, '/sites/a.smsite', '/sites/b.smsite']), ui, source)
    expect(restored.map((r) => r[0])).toEqual([NEWEST.name, OLDER.name])
    expect(asked[1].message).toBe('The restored copy is damaged too.')
    expect(asked[1].detail).toContain('next older snapshot is from 2026-11-20 08:30:00 UTC')
    expect(errors.at(-1)?.[1]).toContain('No other snapshot')
    expect(outcome).toEqual({ kind: 'quit', exitCode: 3 })
  })

  it('any other failure (too new, busy, not a site) is reported once and quits: no snapshot is offered', async () => {
    const { ui, asked, errors } = fakeUi([0], [])
    const { source } = fakeSnapshots([NEWEST])
    const open = vi.fn(async () => {
      throw new AppError('site_too_new', 'This site was made by a newer version.')
    })
    expect(await openWithRecovery(SITE, open, ui, source)).toEqual({ kind: 'quit', exitCode: 3 })
    expect(asked).toHaveLength(0)
    expect(errors).toEqual([['The site could not be opened', 'This site was made by a newer version.']])
  })

  it('the suggested file sits beside the site and is never the site itself', () => {
    const path = suggestedRestorePath(SITE, NEWEST)
    expect(path).not.toBe(SITE)
    expect(path.startsWith(join('/sites', 'crm restored'))).toBe(true)
  })

  it('dialogRecoveryUi: Restore is the default, Quit the cancel answer; the save dialog confirms overwrites', async () => {
    const dialog = {
      showMessageBox: vi.fn(async () => ({ response: 1, checkboxChecked: false })),
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/x/new.smsite' })),
      showErrorBox: vi.fn()
    }
    const ui = dialogRecoveryUi(dialog as never)
    expect(await ui.ask({ message: 'm', detail: 'd', buttons: ['Restore into a new file…', 'Quit'] })).toBe(1)
    expect(dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ defaultId: 0, cancelId: 1, buttons: ['Restore into a new file…', 'Quit'] }))
    expect(await ui.chooseTarget('/x/suggested.smsite')).toBe('/x/new.smsite')
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: '/x/suggested.smsite' }))
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' })
    expect(await ui.chooseTarget('/x/s.smsite')).toBeNull()
  })
})

describe('openWithRecovery on a real damaged site file', () => {
  it('restores the latest snapshot into a new file and opens it; the damaged file is untouched', async () => {
    const { dir, cleanup } = makeTempDir()
    try {
      const good = join(dir, 'good.smsite')
      const core = await openTestCore(good)
      core.site.raw.pragma('synchronous = OFF')
      await saveGroups(core, 150)
      expectOk(await core.dispatch('snapshots:take', {}))
      await core.close()
      const bad = join(dir, 'bad.smsite')
      copyFileSync(good, bad)
      truncateSync(bad, Math.floor(statSync(bad).size / 2 / 4096) * 4096)
      mkdirSync(`${bad}.snapshots`)
      for (const name of readdirSync(`${good}.snapshots`)) copyFileSync(join(`${good}.snapshots`, name), join(`${bad}.snapshots`, name))
      const before = hashFile(bad)

      const target = join(dir, 'restored.smsite')
      const { ui } = fakeUi([0], [target])
      const outcome = await openWithRecovery(bad, (path) => openTestCore(path), ui, siteSnapshots)
      expect(outcome.kind).toBe('opened')
      if (outcome.kind !== 'opened') return
      try {
        expect(outcome.sitePath).toBe(target)
        const groups = outcome.core.site.raw.prepare("SELECT count(*) FROM user_group WHERE name LIKE 'Group %'").pluck().get()
        expect(groups).toBe(150)
      } finally {
        await outcome.core.close()
      }
      expect(hashFile(bad)).toBe(before)
      expect(existsSync(`${bad}-wal`)).toBe(false)
    } finally {
      cleanup()
    }
  })
})
