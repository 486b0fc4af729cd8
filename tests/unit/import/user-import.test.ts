import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { checkAll, csvOf, FULL_MAPPING, HEADER, loadFile, openImportSite, previewRows, value, type ImportSite } from './import-support'
import { employee, stageAssociate } from '../users/users-support'

let site: ImportSite
beforeEach(async () => {
  site = await openImportSite()
})
afterEach(async () => {
  await site.cleanup()
})

const KARI = 'Kari;Nordmann;kari@example.com;+47 22 33 44 55;KARI;Nordlys Consulting AS;User level 2;Sales;Marketing, IT;Login rights to SuperOffice CRM, web'
const OLA = 'Ola;Hansen;ola@example.com;;OLA;nordlys consulting ab;user level 3;MARKETING;;'

async function saveUsers(...userIds: string[]): Promise<void> {
  for (const [i, userId] of userIds.entries()) value(await stageAssociate(site.core, `new:${i + 1}`, employee(site.core, userId, { email: `${userId.toLowerCase()}@example.com`, phone: '123' })))
  value(await site.core.dispatch('changes:save', { screen: 'users' }))
}

const pendingAssociates = async () => value<{ entries: Array<{ entity: string; id: string; action: string; fields: Array<{ field: string; new: unknown }> }> }>(await site.core.dispatch('changes:preview', { screen: 'users' })).entries

describe('Import → Users from CSV: loading', () => {
  it('describes the columns with samples and suggests the mapping', async () => {
    const loaded = await loadFile(site, csvOf(KARI, OLA))
    expect(loaded).toMatchObject({ rows: 2, separator: ';', suggested: FULL_MAPPING })
    expect(loaded.columns[4]).toEqual({ index: 4, header: 'User ID', samples: ['KARI', 'OLA'] })
  })

  it('refuses an empty file with a message that says what a users file needs; a header-only file has no rows', async () => {
    site.offer('empty.csv', '')
    const empty = await site.core.dispatch('import:chooseUsersFile', {})
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('empty.csv is empty') } })
    const headerOnly = await loadFile(site, `${HEADER}\r\n`)
    expect(headerOnly.rows).toBe(0)
    expect((await checkAll(site, headerOnly.token, FULL_MAPPING)).summary).toEqual({ create: 0, update: 0, unchanged: 0, error: 0 })
    expect(await site.core.dispatch('import:stageUsers', { token: headerOnly.token })).toMatchObject({ ok: false, error: { code: 'nothing_to_save' } })
  })

  it('a cancelled dialog loads nothing; a check needs the User ID column', async () => {
    expect(value(await site.core.dispatch('import:chooseUsersFile', {}))).toEqual({ status: 'cancelled' })
    const loaded = await loadFile(site, csvOf(KARI))
    const { userId: _, ...noUserId } = FULL_MAPPING
    expect(await site.core.dispatch('import:checkUsers', { token: loaded.token, mapping: noUserId, from: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('User ID') } })
  })
})

describe('Import → Users from CSV: checking', () => {
  it('new users resolve company, role and group names case-insensitively, licences by display or module name', async () => {
    const loaded = await loadFile(site, csvOf(KARI, OLA))
    const check = await checkAll(site, loaded.token, loaded.suggested)
    expect(check.summary).toEqual({ create: 2, update: 0, unchanged: 0, error: 0 })
    const rows = await previewRows(site, loaded.token)
    expect(rows.map((r) => [r.row, r.status, r.problems])).toEqual([
      [2, 'create', []],
      [3, 'create', []]
    ])
    expect(rows[0]!.values).toMatchObject({ userId: 'KARI', phone: '+47 22 33 44 55', licences: 'Login rights to SuperOffice CRM, web' })
  })

  it('reports problems per cell: unknown names, missing User ID and name, invalid e-mail, too long, and the Users screen’s own rules', async () => {
    const long = 'x'.repeat(61)
    const loaded = await loadFile(
      site,
      csvOf(
        'Per;Berg;per@example.com;;PER;Acme AS;User level 2;Sales;Nowhere, IT;web, Flying',
        ';;not-an-email;;NONAME;Nordlys Consulting AS;User level 2;Sales;;',
        `Liv;${long};liv@example.com;;;Nordlys Consulting AS;Ghost role;Sales;;`,
        'Eva;Lie;eva@example.com;;EVA;Nordlys Consulting AS;External user;Sales;;web'
      )
    )
    const check = await checkAll(site, loaded.token, FULL_MAPPING)
    expect(check.summary).toEqual({ create: 0, update: 0, unchanged: 0, error: 4 })
    const [per, noName, liv, eva] = await previewRows(site, loaded.token)
    expect(per!.problems).toEqual([
      { target: 'company', message: 'There is no company among Our companies called "Acme AS".' },
      { target: 'otherGroups', message: 'Unknown user group: "Nowhere".' },
      { target: 'licences', message: 'Unknown user licence: "Flying".' }
    ])
    expect(noName!.problems.map((p) => p.target)).toEqual(['lastName', 'email'])
    expect(noName!.problems[1]!.message).toContain('is not valid')
    expect(liv!.problems).toEqual(expect.arrayContaining([
      { target: 'role', message: 'There is no role called "Ghost role".' },
      { target: 'lastName', message: 'A last name can be at most 60 characters.' },
      { target: 'userId', message: 'Every user needs a user ID.' }
    ]))
    // The associate kind's rules, word for word: an employee needs an employee role; web needs its prerequisite.
    expect(eva!.problems.map((p) => p.target)).toEqual(['role', 'licences'])
    expect(eva!.problems[0]!.message).toContain('associates need an employee role')
    expect(eva!.problems[1]!.message).toContain('which needs Login rights to SuperOffice CRM first')
    expect((await previewRows(site, loaded.token, 'error')).length).toBe(4)
    expect(await site.core.dispatch('import:stageUsers', { token: loaded.token })).toMatchObject({ ok: false, error: { code: 'validation_failed', message: expect.stringContaining('4 rows have problems') } })
    expect(await pendingAssociates()).toEqual([])
  })

  it('a User ID twice in the file is an error on both rows (case-insensitive); one of a system user is too', async () => {
    const loaded = await loadFile(site, csvOf(KARI, OLA, KARI.replace('KARI', 'kari')))
    const check = await checkAll(site, loaded.token, FULL_MAPPING)
    expect(check.summary).toEqual({ create: 1, update: 0, unchanged: 0, error: 2 })
    const errors = await previewRows(site, loaded.token, 'error')
    expect(errors.map((r) => [r.row, r.problems.map((p) => p.message)])).toEqual([
      [2, ['The user ID "KARI" appears again in row 4; each user may appear only once in the file.']],
      [4, ['The user ID "kari" is also in row 2; each user may appear only once in the file.']]
    ])
    site.core.site.raw.prepare("INSERT INTO associate (user_id, user_type, person_id, primary_group_id, description, can_log_in, retired, created_at, updated_at) VALUES ('SYNC', 'system', NULL, NULL, '', 1, 0, 'x', 'x')").run()
    const system = await loadFile(site, csvOf(KARI.replace('KARI', 'sync')))
    expect((await checkAll(site, system.token, FULL_MAPPING)).summary.error).toBe(1)
    expect((await previewRows(site, system.token))[0]!.problems[0]!.message).toContain('belongs to a system or anonymous user')
  })

  it('flags extra values beyond the header and an unclosed quote as row problems', async () => {
    const loaded = await loadFile(site, `User ID;Last name\r\nA1;One;surplus\r\nA2;Two;\r\nA3;"Three\r\n`)
    await checkAll(site, loaded.token, { userId: 0, lastName: 1 })
    const rows = await previewRows(site, loaded.token)
    expect(rows[0]!.problems[0]).toEqual({ target: null, message: 'This row has more values than the header has columns; "surplus" and any after it belong to no column.' })
    expect(rows[1]!.problems.some((p) => p.target === null)).toBe(false) // an empty extra cell is harmless
    expect(rows[2]!.problems[0]).toMatchObject({ target: null, message: expect.stringContaining('not closed') })
  })

  it('progress comes a chunk at a time; a call out of step (the mapping changed) is refused', async () => {
    const lines = Array.from({ length: 25_000 }, (_, i) => `F;L${i};;;U${i};Nordlys Consulting AS;User level 2;Sales;;`)
    const loaded = await loadFile(site, csvOf(...lines))
    const first = value<{ checked: number; done: boolean }>(await site.core.dispatch('import:checkUsers', { token: loaded.token, mapping: FULL_MAPPING, from: 0 }))
    expect(first).toMatchObject({ checked: 10_000, done: false })
    const { phone: _, ...otherMapping } = FULL_MAPPING
    expect(await site.core.dispatch('import:checkUsers', { token: loaded.token, mapping: otherMapping, from: 10_000 })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await site.core.dispatch('import:previewUsers', { token: loaded.token })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const all = await checkAll(site, loaded.token, FULL_MAPPING)
    expect(all).toMatchObject({ checked: 25_000, total: 25_000, calls: 3 })
  })
})

describe('Import → Users from CSV: staging', () => {
  it('stages every row as ONE undoable step on the Users screen, creating associates as the Users screen does', async () => {
    const loaded = await loadFile(site, csvOf(KARI, OLA))
    await checkAll(site, loaded.token, FULL_MAPPING)
    const staged = value<{ created: number; updated: number; state: { steps: number } }>(await site.core.dispatch('import:stageUsers', { token: loaded.token }))
    expect(staged).toMatchObject({ created: 2, updated: 0, state: { steps: 1 } })
    const entries = await pendingAssociates()
    expect(entries.map((e) => [e.id, e.action, e.fields.find((f) => f.field === 'userId')?.new])).toEqual([
      ['new:1', 'create', 'KARI'],
      ['new:2', 'create', 'OLA']
    ])
    value(await site.core.dispatch('changes:save', { screen: 'users' }))
    const saved = site.core.site.raw
      .prepare("SELECT a.user_id, a.can_log_in, p.email, p.phone, c.name AS company FROM associate a JOIN person p USING (person_id) JOIN company c USING (company_id) WHERE a.user_type = 'employee' ORDER BY a.user_id")
      .all()
    expect(saved).toEqual([
      { user_id: 'KARI', can_log_in: 1, email: 'kari@example.com', phone: '+47 22 33 44 55', company: 'Nordlys Consulting AS' },
      { user_id: 'OLA', can_log_in: 1, email: 'ola@example.com', phone: '', company: 'Nordlys Consulting AB' }
    ])
    // The token is spent: the file was staged.
    expect(await site.core.dispatch('import:previewUsers', { token: loaded.token })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('one Undo takes the whole import back', async () => {
    const loaded = await loadFile(site, csvOf(KARI, OLA))
    await checkAll(site, loaded.token, FULL_MAPPING)
    value(await site.core.dispatch('changes:stage', { screen: 'users', change: { entity: 'associate', id: 'new:1', values: { firstName: 'Before' } } }))
    value(await site.core.dispatch('import:stageUsers', { token: loaded.token }))
    // The import's new rows get ids after the one already pending.
    expect((await pendingAssociates()).map((e) => e.id)).toEqual(['new:1', 'new:2', 'new:3'])
    value(await site.core.dispatch('changes:undo', { screen: 'users' }))
    expect((await pendingAssociates()).map((e) => e.id)).toEqual(['new:1'])
  })

  it('upsert by User ID: an existing user changes only in the mapped columns that differ', async () => {
    await saveUsers('KNOR', 'OHAN')
    // Only User ID, e-mail and primary group are mapped; the phone column is ignored.
    const loaded = await loadFile(site, 'user id;e-mail;phone;primary group\r\nknor;new@example.com;999;management\r\nOHAN;ohan@example.com;999;Management\r\nNEW1;n@example.com;;Sales\r\n')
    expect(loaded.suggested).toEqual({ userId: 0, email: 1, phone: 2, primaryGroup: 3 })
    const { phone: _, ...mapping } = loaded.suggested
    const check = await checkAll(site, loaded.token, mapping)
    // NEW1 lacks company, role and a name: those are the Users screen's rules, reported per row.
    expect(check.summary).toEqual({ create: 0, update: 1, unchanged: 1, error: 1 })
    const rows = await previewRows(site, loaded.token)
    expect(rows.map((r) => [r.values.userId, r.status, r.changed])).toEqual([
      ['knor', 'update', ['email']],
      ['OHAN', 'unchanged', []],
      ['NEW1', 'error', []]
    ])
    expect(rows[2]!.problems.map((p) => p.target)).toEqual(['lastName', 'company', 'role'])
    const fixed = await loadFile(site, 'user id;e-mail;phone;primary group\r\nknor;new@example.com;999;management\r\nOHAN;ohan@example.com;999;Management\r\n')
    await checkAll(site, fixed.token, mapping)
    expect(value(await site.core.dispatch('import:stageUsers', { token: fixed.token }))).toMatchObject({ created: 0, updated: 1 })
    const [entry] = await pendingAssociates()
    // The user ID keeps its saved spelling; only the e-mail changes.
    expect(entry).toMatchObject({ action: 'update', fields: [{ field: 'email', new: 'new@example.com' }] })
  })

  it('refuses while rows have problems and stages nothing; re-judges against the site at Stage', async () => {
    const loaded = await loadFile(site, csvOf(KARI, OLA))
    await checkAll(site, loaded.token, FULL_MAPPING)
    // Between the check and Stage, another user takes the user ID OLA on the Users screen.
    value(await stageAssociate(site.core, 'new:1', employee(site.core, 'OLA')))
    value(await site.core.dispatch('changes:save', { screen: 'users' }))
    value(await stageAssociate(site.core, '1', { removal: 'delete-associate' }))
    const refused = await site.core.dispatch('import:stageUsers', { token: loaded.token })
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation_failed', message: expect.stringContaining('The site changed since the check') } })
    expect((await pendingAssociates()).length).toBe(1)
  })
})

describe('Users → Export to CSV', () => {
  it('exports the current filter and sort (every page) with a BOM, and re-importing it changes nothing', async () => {
    await saveUsers('KNOR', 'OHAN', 'ABEL')
    const loaded = await loadFile(site, csvOf(KARI, OLA))
    await checkAll(site, loaded.token, FULL_MAPPING)
    value(await site.core.dispatch('import:stageUsers', { token: loaded.token }))
    value(await site.core.dispatch('changes:save', { screen: 'users' }))

    const filter = { search: '', onlyCanLogIn: false, noLicence: false, retired: 'all' as const, sort: 'userId' as const, direction: 'desc' as const }
    const exported = value<{ status: string; path: string; rows: number }>(await site.core.dispatch('export:users', { filter, separator: ';', language: 'nb' }))
    expect(exported).toMatchObject({ status: 'saved', rows: 5 })
    const bytes = readFileSync(exported.path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').split('\r\n')
    expect(lines[0]).toBe('Fornavn;Etternavn;E-post;Telefon;Bruker-ID;Firma;Rolle;Primærgruppe;Andre grupper;Lisenser')
    expect(lines.slice(1, 6).map((l) => l.split(';')[4])).toEqual(['OLA', 'OHAN', 'KNOR', 'KARI', 'ABEL'])
    expect(lines[4]).toBe(`Kari;Nordmann;kari@example.com;"'+47 22 33 44 55";KARI;Nordlys Consulting AS;User level 2;Sales;IT, Marketing;Login rights to SuperOffice CRM, Standard CRM (web)`)

    const again = await loadFile(site, bytes, 'brukere.csv')
    expect(again.suggested).toEqual(FULL_MAPPING)
    const check = await checkAll(site, again.token, again.suggested)
    expect(check.summary).toEqual({ create: 0, update: 0, unchanged: 5, error: 0 })

    // A filter narrows the export; a comma file in English.
    const only = value<{ path: string; rows: number }>(await site.core.dispatch('export:users', { filter: { ...filter, search: 'hansen' }, separator: ',', language: 'en' }))
    expect(only.rows).toBe(1)
    expect(readFileSync(only.path, 'utf8')).toMatch(/^\uFEFFFirst name,Last name,E-mail,/)
  })

  it('a site without users exports the header row alone (English by default)', async () => {
    const filter = { search: '', onlyCanLogIn: false, noLicence: false, retired: 'all' as const, sort: 'userId' as const, direction: 'asc' as const }
    const exported = value<{ path: string; rows: number }>(await site.core.dispatch('export:users', { filter, separator: ';' }))
    expect(exported.rows).toBe(0)
    expect(readFileSync(exported.path, 'utf8')).toBe('\uFEFFFirst name;Last name;E-mail;Phone;User ID;Company;Role;Primary group;Other groups;Licences\r\n')
  })
})
