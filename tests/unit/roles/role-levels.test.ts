import { describe, expect, it } from 'vitest'
import {
  LEVELS,
  compareLevels,
  levelIncludes,
  levelLetters,
  maxLevel,
  parseRoleField,
  roleValuesSchema
} from '../../../src/shared/domain/role'

describe('data-right levels', () => {
  it('are ordered none < read < create < update < delete', () => {
    expect(LEVELS).toEqual(['none', 'read', 'create', 'update', 'delete'])
    expect(compareLevels('read', 'create')).toBeLessThan(0)
    expect(compareLevels('delete', 'update')).toBeGreaterThan(0)
    expect(compareLevels('update', 'update')).toBe(0)
  })

  it('are cumulative: a level includes every lower one', () => {
    expect(levelIncludes('update', 'read')).toBe(true)
    expect(levelIncludes('update', 'create')).toBe(true)
    expect(levelIncludes('update', 'update')).toBe(true)
    expect(levelIncludes('update', 'delete')).toBe(false)
    expect(levelIncludes('none', 'read')).toBe(false)
    expect(levelIncludes('none', 'none')).toBe(true)
  })

  it('maxLevel picks the most generous, none for nothing', () => {
    expect(maxLevel()).toBe('none')
    expect(maxLevel('read', 'delete', 'create')).toBe('delete')
    expect(maxLevel('none', 'read')).toBe('read')
  })

  it('map to the reference\'s CRUD letters', () => {
    expect(LEVELS.map(levelLetters)).toEqual(['', 'R', 'CR', 'CRU', 'CRUD'])
  })
})

describe('role fields', () => {
  it('name matrix cells and functional rights, and nothing else', () => {
    expect(parseRoleField('dataRights.company.own')).toEqual({ kind: 'dataRight', object: 'company', relation: 'own' })
    expect(parseRoleField('functionalRights.admin-users')).toEqual({ kind: 'functionalRight', id: 'admin-users' })
    expect(parseRoleField('dataRights.spaceship.own')).toBeNull()
    expect(parseRoleField('dataRights.company.nobody')).toBeNull()
    expect(parseRoleField('functionalRights.fly')).toBeNull()
    expect(parseRoleField('name')).toBeNull()
  })

  it('staged values refuse unknown objects, columns and levels', () => {
    expect(roleValuesSchema.safeParse({ 'dataRights.company.own': 'read' }).success).toBe(true)
    expect(roleValuesSchema.safeParse({ 'dataRights.company.own': 'admin' }).success).toBe(false)
    expect(roleValuesSchema.safeParse({ 'dataRights.spaceship.own': 'read' }).success).toBe(false)
    expect(roleValuesSchema.safeParse({ 'dataRights.company.everyone': 'read' }).success).toBe(false)
    expect(roleValuesSchema.safeParse({ 'functionalRights.fly': true }).success).toBe(false)
    expect(roleValuesSchema.safeParse({ 'functionalRights.admin-users': 'yes' }).success).toBe(false)
  })
})
