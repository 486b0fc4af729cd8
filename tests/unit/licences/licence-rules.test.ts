import { describe, expect, it } from 'vitest'
import {
  addDays,
  daysBetween,
  dependantsOf,
  describeOverAssignment,
  expiryOf,
  explainLogin,
  findOverAssignments,
  mayAssignNew,
  missingPrerequisites,
  seatCount,
  stillGrants,
  validateLicenceCatalogue,
  type Holder
} from '../../../src/shared/domain/licence-rules'
import { entry } from './licence-fixture'

const holders = (n: number): Holder[] => Array.from({ length: n }, (_, i) => ({ associateId: i + 1, userId: `U${i + 1}`, fullName: `User ${i + 1}` }))

describe('seat arithmetic (SPEC D6)', () => {
  it('user licences: in use = assignments, free = total − in use', () => {
    expect(seatCount(entry('web', 'user', 5), 3)).toEqual({ total: 5, inUse: 3, free: 2, unrestricted: false, overAssigned: false })
    expect(seatCount(entry('web', 'user', 5), 5)).toMatchObject({ free: 0, overAssigned: false })
    expect(seatCount(entry('web', 'user', 5), 7)).toMatchObject({ free: -2, overAssigned: true })
  })

  it('unrestricted licences have no counter and are never used up', () => {
    expect(seatCount(entry('travel', 'user', 1, { unrestricted: true }), 40)).toEqual({ total: 1, inUse: 40, free: null, unrestricted: true, overAssigned: false })
  })

  it('site licences count this database once; system licences count nothing', () => {
    expect(seatCount(entry('satellite', 'site', 2), 0)).toMatchObject({ inUse: 1, free: 1, overAssigned: false })
    expect(seatCount(entry('server', 'system', 1), 0)).toMatchObject({ inUse: null, free: null, overAssigned: false })
  })

  it('over-assignment names the licence, the numbers and the users', () => {
    const over = findOverAssignments(
      [entry('web', 'user', 2), entry('windows', 'user', 5), entry('travel', 'user', 1, { unrestricted: true })],
      new Map([
        ['web', holders(4)],
        ['windows', holders(5)],
        ['travel', holders(9)]
      ])
    )
    expect(over).toEqual([{ moduleName: 'web', displayName: 'WEB', total: 2, inUse: 4, excess: 2, holders: holders(4) }])
    expect(describeOverAssignment(over[0])).toBe('WEB (web): 4 in use but only 2 licensed; remove 2 of: U1 (User 1), U2 (User 2), U3 (User 3), U4 (User 4).')
  })
})

describe('prerequisites (SPEC §2.4)', () => {
  const catalogue = [
    entry('user', 'user', 10),
    entry('web', 'user', 5, { prerequisite: 'user' }),
    entry('windows', 'user', 7, { prerequisite: 'user' }),
    entry('travel', 'user', 7, { prerequisite: 'windows', unrestricted: true }),
    entry('remote-travel', 'user', 5, { prerequisite: 'travel' })
  ]
  const prerequisiteOf = new Map(catalogue.map((l) => [l.moduleName, l.prerequisite]))

  it('a sound catalogue has no problems', () => {
    expect(validateLicenceCatalogue(catalogue)).toEqual([])
  })

  it('finds duplicates, unknown prerequisites and cycles', () => {
    const problems = validateLicenceCatalogue([
      entry('a', 'user', 1, { prerequisite: 'b' }),
      entry('b', 'user', 1, { prerequisite: 'c' }),
      entry('c', 'user', 1, { prerequisite: 'a' }),
      entry('d', 'user', 1, { prerequisite: 'nowhere' }),
      entry('e', 'user', 1, { prerequisite: 'e' }),
      entry('d', 'user', 1)
    ])
    expect(problems.map((p) => [p.code, p.moduleName])).toEqual([
      ['duplicate', 'd'],
      ['unknown-prerequisite', 'd'],
      ['prerequisite-cycle', 'a'],
      ['prerequisite-cycle', 'e']
    ])
    expect(problems[2].message).toContain('a → b → c → a')
  })

  it('a prerequisite may come from another owner, but a module has only one owner', () => {
    const others = new Map([['user', { ownerName: 'SUPEROFFICE', prerequisite: null }]])
    expect(validateLicenceCatalogue([entry('addon', 'user', 1, { prerequisite: 'user' })], others)).toEqual([])
    expect(validateLicenceCatalogue([entry('user', 'user', 1)], others).map((p) => p.code)).toEqual(['taken-by-other-owner'])
  })

  it('a child without its parent is reported; unticking a parent clears its whole subtree', () => {
    expect(missingPrerequisites(new Set(['user', 'travel']), prerequisiteOf)).toEqual([{ moduleName: 'travel', prerequisite: 'windows' }])
    expect(missingPrerequisites(new Set(['user', 'windows', 'travel', 'remote-travel']), prerequisiteOf)).toEqual([])
    expect(dependantsOf('windows', prerequisiteOf)).toEqual(['travel', 'remote-travel'])
    expect(dependantsOf('user', prerequisiteOf).sort()).toEqual(['remote-travel', 'travel', 'web', 'windows'])
    expect(dependantsOf('remote-travel', prerequisiteOf)).toEqual([])
  })
})

describe('expiry with a fixed clock (SPEC A3.4)', () => {
  const dates = { expiresOn: '2027-03-31', graceUntil: '2027-04-30' }
  const on = (today: string) => expiryOf(dates, today)

  it('no expiry date means ok forever', () => {
    expect(expiryOf({}, '2099-01-01')).toEqual({ state: 'ok', until: null, daysLeft: null })
  })

  it('warns 90, 30 and 7 days before expiry', () => {
    expect(on(addDays('2027-03-31', -91))).toMatchObject({ state: 'ok', daysLeft: 91 })
    expect(on(addDays('2027-03-31', -90))).toMatchObject({ state: 'warn90', daysLeft: 90 })
    expect(on(addDays('2027-03-31', -31))).toMatchObject({ state: 'warn90' })
    expect(on(addDays('2027-03-31', -30))).toMatchObject({ state: 'warn30', daysLeft: 30 })
    expect(on(addDays('2027-03-31', -8))).toMatchObject({ state: 'warn30' })
    expect(on(addDays('2027-03-31', -7))).toMatchObject({ state: 'warn7', daysLeft: 7 })
    expect(on('2027-03-31')).toMatchObject({ state: 'warn7', until: '2027-03-31', daysLeft: 0 })
  })

  it('grace after the expiry day until the grace date, then expired', () => {
    expect(on('2027-04-01')).toEqual({ state: 'grace', until: '2027-04-30', daysLeft: 29 })
    expect(on('2027-04-30')).toMatchObject({ state: 'grace', daysLeft: 0 })
    expect(on('2027-05-01')).toEqual({ state: 'expired', until: '2027-04-30', daysLeft: -1 })
  })

  it('without grace, expired the day after expiry', () => {
    expect(expiryOf({ expiresOn: '2027-03-31' }, '2027-04-01')).toMatchObject({ state: 'expired', until: '2027-03-31' })
  })

  it('no new assignments from expiry on; licences still grant during grace', () => {
    expect([mayAssignNew(on('2027-03-31')), mayAssignNew(on('2027-04-01')), mayAssignNew(on('2027-05-01'))]).toEqual([true, false, false])
    expect([stillGrants(on('2027-04-30')), stillGrants(on('2027-05-01'))]).toEqual([true, false])
  })

  it('day arithmetic crosses months, years and leap days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2)
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
  })
})

describe('login rule (SPEC §2.3)', () => {
  const held = (moduleName: string, grants = true) => ({ moduleName, ownerName: 'SUPEROFFICE', grants, until: grants ? null : '2027-04-30' })

  it('needs the user licence and a client licence', () => {
    expect(explainLogin([held('user'), held('web')])).toEqual({ canLogIn: true, reasons: [] })
    expect(explainLogin([held('user'), held('windows', false), held('web')]).canLogIn).toBe(true)
    expect(explainLogin([held('web')]).reasons).toEqual([{ code: 'no-login-licence' }])
    expect(explainLogin([held('user')]).reasons).toEqual([{ code: 'no-client-licence' }])
  })

  it('explains when an owner stops granting', () => {
    expect(explainLogin([held('user', false), held('web', false)]).reasons).toEqual([
      { code: 'login-licence-ended', ownerName: 'SUPEROFFICE', until: '2027-04-30' },
      { code: 'client-licences-ended', ended: [{ moduleName: 'web', ownerName: 'SUPEROFFICE', until: '2027-04-30' }] }
    ])
  })
})
