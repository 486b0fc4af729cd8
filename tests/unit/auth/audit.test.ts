import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { makeTempDir } from '../support/site-fixture'
import { addUser, openAuthCore, setUp, SETUP, value } from './auth-support'
import { verifyAuditChain } from '../../../src/main/core/services/audit.service'
import { csvCell } from '../../../src/main/core/services/audit-log.service'
import { runCli } from '../../../src/main/cli/smadmin'
import type { Core } from '../../../src/main/core/open-core'

let temp: ReturnType<typeof makeTempDir>
let core: Core
let path: string

beforeEach(async () => {
  temp = makeTempDir()
  path = join(temp.dir, 'site.smsite')
  core = await openAuthCore(path, { chooseAuditExportTarget: async (name) => join(temp.dir, name) })
  await setUp(core)
})
afterEach(async () => {
  await core.close()
  temp.cleanup()
})

const rows = () => core.site.raw.prepare('SELECT audit_entry_id AS id, actor, screen, action FROM audit_entry ORDER BY audit_entry_id').all() as Array<{ id: number; actor: string; screen: string; action: string }>

describe('audit entries', () => {
  it('set-up, licence activation, Save, sign-in, failed sign-in, lock-out and sign-out each write one; passwords only as "changed"', async () => {
    await addUser(core, 'ULLA', 8)
    value(await core.dispatch('auth:signOut', {}))
    for (let i = 0; i < 5; i++) await core.dispatch('auth:signIn', { userId: 'ULLA', password: 'wrong' })
    await core.dispatch('auth:signIn', { userId: 'NOBODY', password: 'wrong' })
    await core.dispatch('auth:signIn', { userId: 'ILIE', password: SETUP.admin.password })
    expect(rows().map((r) => `${r.screen}:${r.action}:${r.actor}`)).toEqual([
      'licences:activate:ILIE',
      'setup:setup:ILIE',
      'sign-in:signIn:ILIE',
      'users:save:ILIE',
      'sign-in:signOut:ILIE',
      ...Array(5).fill('sign-in:signInFailed:ULLA'),
      'sign-in:lockout:ULLA',
      'sign-in:signInFailed:(unknown)',
      'sign-in:signIn:ILIE'
    ])
    const all = JSON.stringify(core.site.raw.prepare('SELECT * FROM audit_entry').all())
    expect(all).not.toContain('ulla-pass-1')
    expect(all).not.toMatch(/scrypt\$/)
    const page = value<{ rows: Array<{ action: string; details: string[] }> }>(await core.dispatch('audit:list', { filter: { screen: 'users' } }))
    expect(page.rows[0].details).toContain('ULLA Tester (ULLA) — Password: — → changed')
  })

  it('the log filters by admin, screen and dates, pages in main, and exports the filtered entries as CSV', async () => {
    const all = value<{ total: number; actors: string[]; screens: string[] }>(await core.dispatch('audit:list', { filter: {}, limit: 1 }))
    expect(all).toMatchObject({ total: 3, actors: ['ILIE'], screens: ['licences', 'setup', 'sign-in'] })
    expect(value<{ total: number }>(await core.dispatch('audit:list', { filter: { screen: 'setup' } })).total).toBe(1)
    expect(value<{ total: number }>(await core.dispatch('audit:list', { filter: { from: '2026-11-24' } })).total).toBe(0)
    expect(value<{ total: number }>(await core.dispatch('audit:list', { filter: { to: '2026-11-23' } })).total).toBe(3)
    const exported = value<{ status: string; path: string; rows: number }>(await core.dispatch('audit:export', { filter: { screen: 'sign-in' } }))
    expect(exported).toMatchObject({ status: 'saved', rows: 1 })
    expect(readFileSync(exported.path, 'utf8')).toMatch(/^id,time,admin,screen,action,summary,details\r\n3,.*,ILIE,sign-in,signIn,/)
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
  })
})

describe('verification', () => {
  it('an intact chain verifies, through the Verify button and the CLI', async () => {
    expect(value(await core.dispatch('audit:verify', {}))).toMatchObject({ ok: true, entries: 3, message: 'The audit log is intact: 3 entries verified.' })
    const out: string[] = []
    expect(await runCli(['site', 'verify-audit', path], { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0)
  })

  it('detects an edited row, a deleted row and a truncated tail, naming the first bad entry', async () => {
    await addUser(core, 'ULLA', 8) // entry 4
    value(await core.dispatch('auth:signOut', {})) // entry 5
    const raw = core.site.raw
    const snapshot = raw.prepare('SELECT * FROM audit_entry ORDER BY audit_entry_id').all() as Array<Record<string, unknown>>
    const restore = () => {
      raw.prepare('DELETE FROM audit_entry').run()
      const insert = raw.prepare('INSERT INTO audit_entry (audit_entry_id, occurred_at, actor, screen, action, summary, changes, prev_hash, row_hash) VALUES (@audit_entry_id, @occurred_at, @actor, @screen, @action, @summary, @changes, @prev_hash, @row_hash)')
      for (const row of snapshot) insert.run(row)
    }

    raw.prepare("UPDATE audit_entry SET actor = 'SOMEONE' WHERE audit_entry_id = 2").run()
    expect(await verifyAuditChain(core.site.db)).toMatchObject({ ok: false, brokenAt: { auditEntryId: 2, reason: 'row_hash' } })
    const err: string[] = []
    expect(await runCli(['site', 'verify-audit', path], { out: () => {}, err: (l) => err.push(l) })).toBe(1)
    expect(err.join('\n')).toContain('entry 2 was changed after it was written')
    restore()

    raw.prepare('DELETE FROM audit_entry WHERE audit_entry_id = 3').run()
    expect(await verifyAuditChain(core.site.db)).toMatchObject({ ok: false, brokenAt: { auditEntryId: 4, reason: 'prev_hash' } })
    restore()

    raw.prepare('DELETE FROM audit_entry WHERE audit_entry_id >= 4').run()
    expect(await verifyAuditChain(core.site.db)).toMatchObject({ ok: false, brokenAt: { auditEntryId: 4, reason: 'missing_tail' } })
    restore()
    expect(await verifyAuditChain(core.site.db)).toMatchObject({ ok: true, entries: 5 })
  })
})
