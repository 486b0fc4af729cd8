import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import { fillDemoSite } from '../../../src/main/core/demo/demo-site'
import { activateDemoLicence } from '../../../src/main/core/demo/demo-licence'
import { fixedClock, makeTempDir, openTestCore } from '../support/site-fixture'
import { TEST_SCRYPT, value } from '../users/users-support'

export { value }

/** A demo site (companies, groups, roles, demo licence, no associates) whose file dialogs are preset. */
export interface ImportSite {
  core: Core
  dir: string
  /** Puts a file where the next "Choose file…" finds it (main's open dialog in the app). */
  offer(name: string, content: string | Uint8Array): void
  cleanup(): Promise<void>
}

export async function openImportSite(): Promise<ImportSite> {
  const temp = makeTempDir()
  const offered: Array<{ path: string; bytes: Uint8Array }> = []
  const core = await openTestCore(join(temp.dir, 'import.smsite'), {
    passwordHashing: TEST_SCRYPT,
    chooseImportFile: async () => offered.shift() ?? null,
    chooseUsersExportTarget: async (name) => join(temp.dir, name)
  })
  await core.site.db.insertInto('site_meta').values({ key: 'created_at', value: fixedClock().toISOString() }).execute()
  await fillDemoSite(core.site.db, fixedClock)
  await activateDemoLicence(core.site.db, fixedClock)
  return {
    core,
    dir: temp.dir,
    offer: (name, content) => offered.push({ path: join(temp.dir, name), bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content }),
    cleanup: async () => {
      await core.close()
      temp.cleanup()
    }
  }
}

export interface Loaded {
  token: string
  rows: number
  separator: string
  columns: Array<{ index: number; header: string; samples: string[] }>
  suggested: Record<string, number>
}

/** Offers `content` and loads it through the real channel. */
export async function loadFile(site: ImportSite, content: string | Uint8Array, name = 'users.csv'): Promise<Loaded> {
  site.offer(name, content)
  const loaded = value<Loaded & { status: string }>(await site.core.dispatch('import:chooseUsersFile', {}))
  if (loaded.status !== 'loaded') throw new Error('the file was not loaded')
  return loaded
}

export interface Summary {
  create: number
  update: number
  unchanged: number
  error: number
}

/** Runs the whole check the way the renderer does (a chunk per call) and returns the last answer. */
export async function checkAll(site: ImportSite, token: string, mapping: Record<string, number>): Promise<{ checked: number; total: number; summary: Summary; notices: string[]; calls: number }> {
  let from = 0
  let calls = 0
  for (;;) {
    const step = value<{ checked: number; total: number; done: boolean; summary: Summary | null; notices: string[] }>(await site.core.dispatch('import:checkUsers', { token, mapping, from }))
    calls++
    if (step.done) return { ...step, summary: step.summary!, calls }
    from = step.checked
  }
}

export interface PreviewRow {
  row: number
  status: string
  values: Record<string, string>
  changed: string[]
  problems: Array<{ target: string | null; message: string }>
}

export async function previewRows(site: ImportSite, token: string, show = 'all', limit = 500): Promise<PreviewRow[]> {
  return value<{ rows: PreviewRow[] }>(await site.core.dispatch('import:previewUsers', { token, show, offset: 0, limit })).rows
}

/** The demo site's column order used by most tests' files. */
export const HEADER = 'First name;Last name;E-mail;Phone;User ID;Company;Role;Primary group;Other groups;Licences'
export const FULL_MAPPING = { firstName: 0, lastName: 1, email: 2, phone: 3, userId: 4, company: 5, role: 6, primaryGroup: 7, otherGroups: 8, licences: 9 }

/** A file of `lines` under HEADER, CRLF-separated as Excel writes it. */
export const csvOf = (...lines: string[]): string => [HEADER, ...lines].join('\r\n') + '\r\n'
