import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import type { DiffEntry } from '../../../src/shared/domain/change-set'
import type { RoleDetail, RoleRow } from '../../../src/shared/domain/role'
import { dumpDatabase, makeTempDir, openTestCore } from '../support/site-fixture'
import { addUsers, roleOfUsers, stageRole, value } from './role-support'

describe('Roles on the change-set engine', () => {
  let cleanup: () => void
  let core: Core
  beforeEach(async () => {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    core = await openTestCore(join(temp.dir, 'roles.smsite'))
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  const get = async (id: string): Promise<RoleDetail> => value<RoleDetail>(await core.dispatch('roles:get', { id }))
  const list = async (roleType: string): Promise<RoleRow[]> => value<{ rows: RoleRow[] }>(await core.dispatch('roles:list', { roleType })).rows
  const preview = async (): Promise<DiffEntry[]> => value<{ entries: DiffEntry[] }>(await core.dispatch('changes:preview', { screen: 'roles' })).entries
  const save = () => core.dispatch('changes:save', { screen: 'roles' })
  const cell = (detail: RoleDetail, object: string, relation: string) =>
    detail.dataRights.find((r) => r.object === object)!.cells.find((c) => c.relation === relation)!
  const granted = (detail: RoleDetail) => detail.functionalRights.filter((r) => r.granted).map((r) => r.id)
  const roleIdByName = (name: string) => core.site.raw.prepare('SELECT role_id FROM role WHERE name = ? AND deleted = 0').pluck().get(name) as number
  const dump = () => dumpDatabase(core.site.raw)
  /** Saves and expects a refusal that names the role; returns the messages. */
  const refusedSave = async (): Promise<string[]> => {
    const before = dump()
    const result = await save()
    expect(result.ok).toBe(false)
    if (result.ok) return []
    expect(result.error.code).toBe('validation_failed')
    const after = dump()
    expect(after).toEqual(before) // nothing written, pending set kept
    return (result.error.problems ?? []).map((p) => p.message)
  }

  it('lists roles per type, merged with the pending set', async () => {
    const employees = await list('employee')
    expect(employees.map((r) => r.name)).toEqual([
      'User level 0', 'User level 1', 'User level 2', 'User level 3', 'User level 4', 'User level 5',
      'List administrator', 'User administrator', 'Local user'
    ])
    expect(employees[0].deleteBlockedReason).toMatch(/User level 0/)
    expect(employees[1].deleteBlockedReason).toBeNull()
    expect((await list('anonymous'))[0].deleteBlockedReason).toMatch(/only anonymous role/)
    expect((await list('system'))[0]).toMatchObject({ readOnly: true, deleteBlockedReason: expect.stringMatching(/System user/) })

    value(await stageRole(core, '4', { name: 'Sellers' }))
    value(await stageRole(core, 'new:1', { name: 'Auditor', roleType: 'employee', copyFrom: null }))
    const merged = await list('employee')
    expect(merged.find((r) => r.id === '4')).toMatchObject({ name: 'Sellers', status: 'changed', changedFields: ['name'] })
    expect(merged.find((r) => r.id === 'new:1')).toMatchObject({ name: 'Auditor', status: 'new', userCount: 0 })
  })

  it('creates a role copying User level 2, edits its cells and rights before Save, and writes it all in one go', async () => {
    value(await stageRole(core, 'new:1', { name: 'Senior seller', description: 'Copy of level 2', roleType: 'employee', copyFrom: '3' }))
    const copied = await get('new:1')
    const source = await get('3')
    expect(copied.dataRights.map((r) => r.cells.map((c) => c.level))).toEqual(source.dataRights.map((r) => r.cells.map((c) => c.level)))
    expect(granted(copied)).toEqual(granted(source))
    expect(copied.copyFrom).toBe('3')

    value(await stageRole(core, 'new:1', { 'dataRights.sale.other_associates': 'read' }))
    value(await stageRole(core, 'new:1', { 'dataRights.company.other_groups': 'delete' }))
    value(await stageRole(core, 'new:1', { 'dataRights.dashboard.external': 'create' }))
    value(await stageRole(core, 'new:1', { 'functionalRights.admin-role': true }))
    value(await stageRole(core, 'new:1', { 'functionalRights.allow-bulk-edit': false }))
    const edited = await get('new:1')
    expect(cell(edited, 'sale', 'other_associates')).toEqual({ relation: 'other_associates', level: 'read', changed: true })
    expect(cell(edited, 'company', 'own')).toEqual({ relation: 'own', level: 'delete', changed: false })

    const entries = await preview()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ entity: 'role', id: 'new:1', label: 'Senior seller', action: 'create', affectedUsers: 0 })
    const labels = entries[0].fields.map((f) => f.label)
    expect(labels).toEqual([
      'Name', 'Description', 'Rank', 'Role type', 'Copy rights from',
      'Data rights: Company / Other groups', 'Data rights: Sale / Other associates', 'Data rights: Dashboard / External user',
      'Functional right: admin-role', 'Functional right: allow-bulk-edit'
    ])
    expect(entries[0].fields.find((f) => f.field === 'copyFrom')?.new).toBe('User level 2')
    expect(entries[0].fields.find((f) => f.field === 'functionalRights.admin-role')).toMatchObject({ old: null, new: 'granted' })

    value(await save())
    const id = roleIdByName('Senior seller')
    const saved = await get(String(id))
    expect(cell(saved, 'sale', 'other_associates').level).toBe('read')
    expect(cell(saved, 'company', 'other_groups').level).toBe('delete')
    expect(cell(saved, 'company', 'primary_group').level).toBe('delete')
    expect(granted(saved)).toContain('admin-role')
    expect(granted(saved)).not.toContain('allow-bulk-edit')
    expect(core.site.raw.prepare('SELECT count(*) FROM data_right WHERE role_id = ?').pluck().get(id)).toBe(66)
  })

  it('a blank role starts with None everywhere and no rights; a copy follows its source as it will be after Save', async () => {
    value(await stageRole(core, 'new:1', { name: 'Blank', roleType: 'external', copyFrom: null }))
    const blank = await get('new:1')
    expect(blank.relations).toEqual(['own', 'my_company', 'same_project'])
    expect(blank.dataRights.flatMap((r) => r.cells.map((c) => c.level))).toEqual(Array(33).fill('none'))
    expect(granted(blank)).toEqual([])

    value(await stageRole(core, '10', { 'dataRights.company.own': 'delete' }))
    value(await stageRole(core, 'new:2', { name: 'Partner', roleType: 'external', copyFrom: '10' }))
    value(await stageRole(core, 'new:3', { name: 'Partner light', roleType: 'external', copyFrom: 'new:2' }))
    expect(cell(await get('new:3'), 'company', 'own').level).toBe('delete')
    value(await save())
    expect(core.site.raw.prepare("SELECT level FROM data_right JOIN role USING (role_id) WHERE name = 'Partner light' AND data_object = 'company' AND owner_relation = 'own'").pluck().get()).toBe('delete')
  })

  it('renames, re-describes and edits cells of a saved role with a readable diff and user counts', async () => {
    addUsers(core.site.raw, 3, 4)
    value(await stageRole(core, '3', { name: 'Group lead', description: 'Leads a group' }))
    value(await stageRole(core, '3', { 'dataRights.company.other_associates': 'update' }))
    value(await stageRole(core, '3', { 'functionalRights.admin-users': true, 'functionalRights.allow-bulk-email': false }))
    const [entry] = await preview()
    expect(entry).toMatchObject({ id: '3', label: 'Group lead', action: 'update', affectedUsers: 4 })
    expect(entry.fields).toEqual([
      { field: 'name', old: 'User level 2', new: 'Group lead', label: 'Name' },
      { field: 'description', old: 'Full access to data in own group, limited access beyond it.', new: 'Leads a group', label: 'Description' },
      { field: 'dataRights.company.other_associates', old: 'read', new: 'update', label: 'Data rights: Company / Other associates' },
      { field: 'functionalRights.admin-users', old: 'not granted', new: 'granted', label: 'Functional right: admin-users' },
      { field: 'functionalRights.allow-bulk-email', old: 'granted', new: 'not granted', label: 'Functional right: allow-bulk-email' }
    ])
    const saved = value<{ savedEntries: number; auditEntryId: number }>(await save())
    expect(saved.savedEntries).toBe(1)
    const audit = core.site.raw.prepare('SELECT screen, changes FROM audit_entry WHERE audit_entry_id = ?').get(saved.auditEntryId) as { screen: string; changes: string }
    expect(audit.screen).toBe('roles')
    expect(JSON.parse(audit.changes)[0].fields[2].label).toBe('Data rights: Company / Other associates')
    const detail = await get('3')
    expect(detail.role.name).toBe('Group lead')
    expect(cell(detail, 'company', 'other_associates')).toMatchObject({ level: 'update', changed: false })
    expect(granted(detail)).toContain('admin-users')
    expect(granted(detail)).not.toContain('allow-bulk-email')
  })

  it('swaps two role names in one Save', async () => {
    value(await stageRole(core, '3', { name: 'User level 3' }))
    value(await stageRole(core, '4', { name: 'User level 2' }))
    value(await save())
    expect(roleIdByName('User level 2')).toBe(4)
    expect(roleIdByName('User level 3')).toBe(3)
  })

  it('deletes a role and moves its users to the chosen role of the same type', async () => {
    const users = addUsers(core.site.raw, 5, 3)
    value(await stageRole(core, '5', { deleted: true, reassignTo: '4' }))
    const [entry] = await preview()
    expect(entry).toMatchObject({ label: 'User level 4', affectedUsers: 3 })
    expect(entry.fields).toEqual([
      { field: 'deleted', old: false, new: true, label: 'Deleted' },
      { field: 'reassignTo', old: null, new: 'User level 3', label: 'Assign its users to' }
    ])
    value(await save())
    expect(core.site.raw.prepare('SELECT deleted FROM role WHERE role_id = 5').pluck().get()).toBe(1)
    expect(roleOfUsers(core.site.raw, users)).toEqual([4, 4, 4])
    expect((await list('employee')).map((r) => r.id)).not.toContain('5')
    expect((await core.dispatch('roles:get', { id: '5' })).ok).toBe(false)
  })

  it('moves users to a role created in the same Save, and a new role may take a deleted role\'s name', async () => {
    const users = addUsers(core.site.raw, 6, 2)
    value(await stageRole(core, 'new:1', { name: 'User level 5', roleType: 'employee', copyFrom: '6' }))
    value(await stageRole(core, '6', { deleted: true, reassignTo: 'new:1' }))
    value(await save())
    const newId = roleIdByName('User level 5')
    expect(newId).not.toBe(6)
    expect(roleOfUsers(core.site.raw, users)).toEqual([newId, newId])
  })

  it('a failure while moving users rolls the whole Save back and keeps the pending set', async () => {
    const users = addUsers(core.site.raw, 5, 2)
    value(await stageRole(core, '4', { name: 'Renamed in the same Save' }))
    value(await stageRole(core, '5', { deleted: true, reassignTo: '4' }))
    core.site.raw.exec("CREATE TRIGGER injected_failure BEFORE UPDATE ON user_role BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
    const before = dump()
    const result = await save()
    expect(result.ok).toBe(false)
    expect(dump()).toEqual(before)
    core.site.raw.exec('DROP TRIGGER injected_failure')
    expect(roleOfUsers(core.site.raw, users)).toEqual([5, 5])
    expect(value<{ steps: number }>(await core.dispatch('changes:state', { screen: 'roles' })).steps).toBe(2)
    value(await save())
    expect(roleOfUsers(core.site.raw, users)).toEqual([4, 4])
  })

  it('Cancel restores everything', async () => {
    const before = dump()
    value(await stageRole(core, '3', { 'dataRights.company.own': 'none', name: 'X' }))
    value(await stageRole(core, 'new:1', { name: 'Temp', roleType: 'employee', copyFrom: null }))
    value(await core.dispatch('changes:cancel', { screen: 'roles' }))
    expect(dump()).toEqual(before)
    expect((await get('3')).role.name).toBe('User level 2')
  })

  describe('refusals name the role and write nothing', () => {
    it('duplicate names within a type, case-insensitively and Unicode-aware; the same name in another type is fine', async () => {
      value(await stageRole(core, '4', { name: 'user LEVEL 2' }))
      expect((await refusedSave()).join()).toMatch(/two employee roles called "user LEVEL 2"/)
      await core.dispatch('changes:cancel', { screen: 'roles' })
      value(await stageRole(core, '4', { name: 'Ærlig' }))
      value(await stageRole(core, '5', { name: 'æRLIG' }))
      expect(await refusedSave()).toHaveLength(2)
      await core.dispatch('changes:cancel', { screen: 'roles' })
      value(await stageRole(core, 'new:1', { name: 'User level 1', roleType: 'external', copyFrom: null }))
      value(await save())
    })

    it('empty names', async () => {
      value(await stageRole(core, '4', { name: '   ' }))
      value(await stageRole(core, 'new:1', { name: '', roleType: 'employee', copyFrom: null }))
      const messages = await refusedSave()
      expect(messages).toContain('Role "User level 3" needs a name.')
      expect(messages).toContain('A new role needs a name.')
    })

    it('a column or right that does not apply to the role\'s type, and functional rights on the anonymous role', async () => {
      value(await stageRole(core, '3', { 'dataRights.company.my_company': 'read' }))
      value(await stageRole(core, '10', { 'dataRights.company.primary_group': 'read', 'functionalRights.admin-all': true }))
      value(await stageRole(core, '11', { 'functionalRights.ext-see-event-projects': true }))
      const messages = await refusedSave()
      expect(messages).toHaveLength(4)
      expect(messages).toEqual(expect.arrayContaining([
        expect.stringMatching(/^"User level 2" is an employee role; the "My company" column does not apply/),
        expect.stringMatching(/^"External user" is an external role; the "Primary group" column/),
        expect.stringMatching(/^"External user" cannot hold the functional right "admin-all"/),
        expect.stringMatching(/^"Anonymous user" cannot hold .*data rights only/)
      ]))
    })

    it('unknown data objects and levels never get past the input check', async () => {
      const bad = await core.dispatch('changes:stage', { screen: 'roles', change: { entity: 'role', id: '3', values: { 'dataRights.spaceship.own': 'read' } } })
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      const badLevel = await stageRole(core, '3', { 'dataRights.company.own': 'everything' as never })
      expect(badLevel).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    })

    it('copying from itself, in a circle, from a missing role or a role of another type', async () => {
      value(await stageRole(core, 'new:1', { name: 'Self', roleType: 'employee', copyFrom: 'new:1' }))
      value(await stageRole(core, 'new:2', { name: 'A', roleType: 'employee', copyFrom: 'new:3' }))
      value(await stageRole(core, 'new:3', { name: 'B', roleType: 'employee', copyFrom: 'new:2' }))
      value(await stageRole(core, 'new:4', { name: 'Ghost', roleType: 'employee', copyFrom: '999' }))
      value(await stageRole(core, 'new:5', { name: 'Mixed', roleType: 'employee', copyFrom: '10' }))
      const messages = await refusedSave()
      expect(messages).toEqual([
        expect.stringMatching(/^"Self" copies rights from itself/),
        expect.stringMatching(/^"A" copies rights in a circle/),
        expect.stringMatching(/^"B" copies rights in a circle/),
        expect.stringMatching(/^"Ghost" copies rights from a role that does not exist/),
        expect.stringMatching(/^"Mixed" copies rights from "External user", which is a role of another type/)
      ])
      // The merged view still answers (broken chains read as blank rights).
      expect((await get('new:2')).dataRights[0].cells[0].level).toBe('none')
    })

    it('copying rights into an existing role, changing a role\'s type, adding anonymous or system roles', async () => {
      value(await stageRole(core, '3', { copyFrom: '4' }))
      value(await stageRole(core, '4', { roleType: 'external' }))
      value(await stageRole(core, 'new:1', { name: 'Second anonymous', roleType: 'anonymous', copyFrom: null }))
      const messages = await refusedSave()
      expect(messages).toEqual([
        expect.stringMatching(/only be copied when a role is created; "User level 2"/),
        expect.stringMatching(/type of "User level 3" cannot change/),
        expect.stringMatching(/"Second anonymous" cannot be added/)
      ])
    })

    it('any change to the System user role', async () => {
      value(await stageRole(core, '12', { 'dataRights.company.own': 'none' }))
      expect(await refusedSave()).toEqual([expect.stringMatching(/^"System user" is read-only/)])
    })

    it('deleting User level 0, the System user, the last role of a type, or a role receiving users', async () => {
      value(await stageRole(core, '1', { deleted: true, reassignTo: '2' }))
      value(await stageRole(core, '12', { deleted: true }))
      value(await stageRole(core, '10', { deleted: true }))
      value(await stageRole(core, '5', { deleted: true, reassignTo: '6' }))
      value(await stageRole(core, '6', { deleted: true, reassignTo: '4' }))
      const messages = await refusedSave()
      expect(messages).toHaveLength(5)
      expect(messages).toEqual(expect.arrayContaining([
        expect.stringMatching(/^"User level 0" cannot be deleted: User level 0/),
        expect.stringMatching(/^"External user" cannot be deleted: it is the last external role/),
        expect.stringMatching(/^"User level 4" cannot be deleted: the role chosen for its users \("User level 5"\) is being deleted too/),
        expect.stringMatching(/^"User level 5" cannot be deleted: the users of "User level 4" are being moved to it/),
        expect.stringMatching(/^"System user" is read-only/)
      ]))
    })

    it('deleting a role with users but no valid target', async () => {
      addUsers(core.site.raw, 3, 2)
      addUsers(core.site.raw, 4, 1)
      value(await stageRole(core, '3', { deleted: true }))
      value(await stageRole(core, '4', { deleted: true, reassignTo: '4' }))
      value(await stageRole(core, '9', { deleted: true, reassignTo: '10' }))
      const messages = await refusedSave()
      expect(messages).toEqual([
        '"User level 2" still has 2 users: choose a role of the same type to assign them to.',
        '"User level 3" cannot be deleted: the role chosen for its users cannot be the role being deleted.',
        '"Local user" cannot be deleted: the role chosen for its users ("External user") is not an employee role.'
      ])
    })

    it('a role without users may be deleted without a target', async () => {
      value(await stageRole(core, '9', { deleted: true }))
      value(await save())
      expect(core.site.raw.prepare('SELECT deleted FROM role WHERE role_id = 9').pluck().get()).toBe(1)
    })
  })
})
