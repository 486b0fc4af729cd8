import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Core } from '../../../src/main/core/open-core'
import { runCli, EXIT } from '../../../src/main/cli/smadmin'
import { formatSnapshotComparison, type SnapshotComparison, type SnapshotInfo } from '../../../src/shared/domain/snapshot'
import { dumpDatabase, dumpSiteFile, fixedClock, hashSite, makeTempDir, openTestCore } from '../support/site-fixture'
import { body, entry, makeKeys, signed } from '../licences/licence-fixture'
import { expectFailure, expectOk, saveGroups } from './reliability-support'

describe('snapshots (SPEC A3.10)', () => {
  let dir: string
  let cleanup: () => void
  let core: Core
  let sitePath: string
  let target: string | null
  beforeEach(async () => {
    ;({ dir, cleanup } = makeTempDir())
    sitePath = join(dir, 'site.smsite')
    target = null
    core = await openTestCore(sitePath, { chooseSnapshotTarget: async () => target })
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  const take = async (): Promise<SnapshotInfo> => expectOk<SnapshotInfo>(await core.dispatch('snapshots:take', {}))
  const compare = async (a: string, b: string): Promise<SnapshotComparison> => expectOk<SnapshotComparison>(await core.dispatch('snapshots:compare', { a, b }))

  it('take (online backup) → list with date, reason and size, newest first; the copy opens and equals the site', async () => {
    await saveGroups(core, 3)
    const first = await take()
    const second = await take()
    expect(first).toMatchObject({ name: '2026-11-23T10-00-00-000Z--manual.smsite', takenAt: '2026-11-23T10:00:00.000Z', reason: 'manual' })
    expect(second.name).toBe('2026-11-23T10-00-00-000Z--manual-2.smsite')
    expect(first.sizeBytes).toBeGreaterThan(4096)
    const { snapshots } = expectOk<{ snapshots: SnapshotInfo[] }>(await core.dispatch('snapshots:list', {}))
    expect(snapshots.map((s) => s.name)).toEqual([second.name, first.name])
    // A self-contained file (no -wal/-shm beside it) with the same logical content as the site.
    const copy = join(`${sitePath}.snapshots`, first.name)
    expect(dumpSiteFile(copy)).toEqual(dumpDatabase(core.site.raw))
    expect(readdirSync(`${sitePath}.snapshots`).sort()).toEqual([first.name, second.name].sort())
  })

  it('compare reports added, removed and changed groups, roles and rights with keys and labels — to the live site and between snapshots', async () => {
    await saveGroups(core, 2, 'Sales')
    const before = await take()
    const rows = expectOk<{ rows: Array<{ id: string; name: string }> }>(await core.dispatch('userGroups:list', { includeDeleted: true })).rows
    expectOk(await core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id: rows[0].id, values: { name: 'Field sales', tooltip: 'Out there' } } }))
    expectOk(await core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id: 'new:1', values: { name: 'Support' } } }))
    expectOk(await core.dispatch('changes:save', { screen: 'lists' }))
    // A role's data right changes behind the screens' back: the report must still see it.
    const right = core.site.raw.prepare('SELECT d.role_id, d.data_object, d.owner_relation, d.level, r.name FROM data_right d JOIN role r USING (role_id) LIMIT 1').get() as
      | { role_id: number; data_object: string; owner_relation: string; level: string; name: string }
      | undefined

    if (right) core.site.raw.prepare("UPDATE data_right SET level = CASE level WHEN 'none' THEN 'read' ELSE 'none' END WHERE role_id = ? AND data_object = ? AND owner_relation = ?").run(right.role_id, right.data_object, right.owner_relation)

    const live = await compare(before.name, 'live')
    expect(live.b).toBe('the live site')
    const groups = live.sections.find((s) => s.section === 'groups')!
    expect(groups.added).toEqual([{ key: expect.stringMatching(/^group:\d+$/), label: 'Support' }])
    expect(groups.removed).toEqual([])
    expect(groups.changed).toEqual([
      {
        key: `group:${rows[0].id}`,
        label: 'Field sales',
        fields: [
          { field: 'name', old: rows[0].name, new: 'Field sales' },
          { field: 'tooltip', old: '', new: 'Out there' }
        ]
      }
    ])
    if (right) {
      const rights = live.sections.find((s) => s.section === 'dataRights')!
      expect(rights.changed).toEqual([expect.objectContaining({ label: `${right.name}: ${right.data_object} / ${right.owner_relation}`, fields: [expect.objectContaining({ field: 'level', old: right.level })] })])
    }
    // Every kind the SPEC names is in the report.
    expect(live.sections.map((s) => s.section)).toEqual(['users', 'groups', 'groupMembers', 'roles', 'dataRights', 'functionalRights', 'licenceOwners', 'licences', 'assignments'])
    expect(live.sections.every((s) => s.unavailable === undefined)).toBe(true)

    const after = await take()
    expect(await compare(before.name, after.name)).toEqual({ ...live, b: after.name })
    // Backwards, the added group is removed.
    expect((await compare(after.name, before.name)).sections.find((s) => s.section === 'groups')!.removed).toEqual([expect.objectContaining({ label: 'Support' })])
    expect(formatSnapshotComparison(live)).toContain('  + Support')
    expect(formatSnapshotComparison(live)).toContain(`      name: "${rows[0].name}" → "Field sales"`)
  })

  it('a password change shows as "changed", never as a hash', async () => {
    // A system user needs no person or group: the smallest associate the schema allows.
    const associate = Number(core.site.raw.prepare("INSERT INTO associate (user_id, user_type, created_at, updated_at) VALUES ('SYS', 'system', 'x', 'x')").run().lastInsertRowid)
    core.site.raw.prepare("INSERT OR REPLACE INTO credential (associate_id, credential_type, secret_hash, failed_attempts, updated_at) VALUES (?, 'password', 'scrypt$1$1$1$AAAA$BBBB', 0, 'x')").run(associate)
    const before = await take()
    core.site.raw.prepare("UPDATE credential SET secret_hash = 'scrypt$1$1$1$CCCC$DDDD' WHERE associate_id = ?").run(associate)
    const report = await compare(before.name, 'live')
    expect(JSON.stringify(report)).not.toContain('scrypt$')
    expect(report.sections.find((s) => s.section === 'users')!.changed[0].fields).toEqual([{ field: 'password', old: 'set', new: 'changed' }])
  })

  it('restore writes a NEW file chosen by main (never over the site or an existing file); cancel writes nothing', async () => {
    await saveGroups(core, 2)
    const snap = await take()
    await saveGroups(core, 1, 'Later')
    const siteBefore = hashSite(sitePath)

    expect(expectOk(await core.dispatch('snapshots:restore', { name: snap.name }))).toEqual({ status: 'cancelled' })

    target = join(dir, 'restored.smsite')
    expect(expectOk(await core.dispatch('snapshots:restore', { name: snap.name }))).toEqual({ status: 'restored', path: target })
    expect(dumpSiteFile(target)).toEqual(dumpSiteFile(join(`${sitePath}.snapshots`, snap.name)))
    expect(hashSite(sitePath)).toEqual(siteBefore)

    // Again into the same (now existing) file, or over the live site: refused, nothing written.
    expectFailure(await core.dispatch('snapshots:restore', { name: snap.name }), 'conflict')
    target = sitePath
    expect(expectFailure(await core.dispatch('snapshots:restore', { name: snap.name }), 'conflict').message).toContain('never over the open site')
    expect(hashSite(sitePath)).toEqual(siteBefore)
  })

  it('names that are not snapshots are refused before any path is built', async () => {
    for (const name of ['../site.smsite', '/etc/passwd', 'x.smsite', '2026-11-23T10-00-00-000Z--manual.smsite/../../site.smsite']) {
      expectFailure(await core.dispatch('snapshots:restore', { name }), 'invalid_input')
      expectFailure(await core.dispatch('snapshots:compare', { a: name, b: 'live' }), 'invalid_input')
    }
    expectFailure(await core.dispatch('snapshots:compare', { a: '2026-01-01T00-00-00-000Z--manual.smsite', b: 'live' }), 'not_found')
  })

  it('need admin-all', async () => {
    const limited = await openTestCore(join(dir, 'other.smsite'), { session: () => ({ actor: 'lists-admin', rights: ['admin-lists'] }) })
    try {
      for (const channel of ['snapshots:list', 'snapshots:take'] as const) expectFailure(await limited.dispatch(channel, {}), 'not_allowed')
    } finally {
      await limited.close()
    }
  })

  it('a snapshot is taken before a licence activation (and not for a refused file)', async () => {
    const keys = makeKeys()
    let chosen = { path: 'x.json', content: '{"not": "a licence"}' }
    const licensed = await openTestCore(join(dir, 'licensed.smsite'), { trustedKeys: keys.trust, chooseLicenceFile: async () => chosen })
    try {
      const refusedToken = expectOk<{ token: string }>(await licensed.dispatch('licences:loadFile', {})).token
      expectFailure(await licensed.dispatch('licences:activate', { token: refusedToken }), 'licence_refused')
      expect(existsSync(join(dir, 'licensed.smsite.snapshots'))).toBe(false)

      chosen = { path: 'l.json', content: signed(keys, body({}, [entry('web', 'user', 5)])) }
      const token = expectOk<{ token: string }>(await licensed.dispatch('licences:loadFile', {})).token
      expectOk(await licensed.dispatch('licences:activate', { token }))
      const { snapshots } = expectOk<{ snapshots: SnapshotInfo[] }>(await licensed.dispatch('snapshots:list', {}))
      expect(snapshots.map((s) => s.reason)).toEqual(['before-licence-activation'])
      // The snapshot has the site as it was: no licence yet.
      const copy = new Database(join(dir, 'licensed.smsite.snapshots', snapshots[0].name), { readonly: true })
      try {
        expect(copy.prepare('SELECT count(*) FROM licence_owner').pluck().get()).toBe(0)
      } finally {
        copy.close()
      }
      const report = expectOk<SnapshotComparison>(await licensed.dispatch('snapshots:compare', { a: snapshots[0].name, b: 'live' }))
      expect(report.sections.find((s) => s.section === 'licences')!.added.map((r) => r.label)).toHaveLength(1)
    } finally {
      await licensed.close()
    }
  })

  it('smadmin snapshot take | list | compare | restore work on the same service', async () => {
    await saveGroups(core, 1)
    await core.close()
    const lines: string[] = []
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) }
    const cli = (...argv: string[]) => runCli(argv, io, { clock: fixedClock })
    expect(await cli('snapshot', 'take', sitePath)).toBe(EXIT.ok)
    expect(lines.pop()).toMatch(/^Took snapshot 2026-11-23T10-00-00-000Z--manual\.smsite \(\d+ bytes\)\.$/)
    expect(await cli('snapshot', 'list', sitePath)).toBe(EXIT.ok)
    expect(lines.pop()).toMatch(/--manual\.smsite {2}2026-11-23T10:00:00\.000Z {2}manual/)
    expect(await cli('snapshot', 'compare', sitePath, '2026-11-23T10-00-00-000Z--manual.smsite')).toBe(EXIT.ok)
    expect(lines.pop()).toContain('no differences')
    const out = join(dir, 'cli-restored.smsite')
    expect(await cli('snapshot', 'restore', sitePath, '2026-11-23T10-00-00-000Z--manual.smsite', out)).toBe(EXIT.ok)
    expect(existsSync(out)).toBe(true)
    expect(await cli('snapshot', 'restore', sitePath, '2026-11-23T10-00-00-000Z--manual.smsite', out)).toBe(EXIT.refused)
    expect(await cli('snapshot', 'compare', sitePath)).toBe(EXIT.usage)
    expect(await cli('snapshot', 'nope', sitePath)).toBe(EXIT.usage)
    core = await openTestCore(sitePath)
  })
})
