import { describe, expect, it } from 'vitest'
import { CHANNELS, MENU_COMMANDS } from '../../../src/shared/ipc/channels'
import { contract, contractMatchesChannels } from '../../../src/shared/ipc/contract'
import { ADMIN_RIGHTS, hasRight } from '../../../src/shared/ipc/rights'
import { AppError, ERROR_CODES, fail, ok } from '../../../src/shared/ipc/result'
import { SCREENS, SCREEN_RIGHTS, changeSchema, entityIdSchema, isNewId } from '../../../src/shared/domain/change-set'

describe('IPC contract', () => {
  it('channels.ts and the contract list the same channels, each once', () => {
    expect(contractMatchesChannels).toBe(true)
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort())
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length)
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z][A-Za-z]*:[a-z][A-Za-z]*$/)
  })

  it('every input schema refuses unknown keys (strict), so extra fields never reach a handler', () => {
    for (const channel of CHANNELS) {
      const result = contract[channel].input.safeParse({ zzUnknown: 1 })
      expect(result.success, channel).toBe(false)
    }
  })

  it('menu commands are the four change-set actions, File → Snapshots… and File → Sign out', () => {
    expect(MENU_COMMANDS).toEqual(['save', 'cancel', 'undo', 'redo', 'snapshots', 'signOut'])
  })

  it('every screen has an admin right', () => {
    for (const screen of SCREENS) expect(ADMIN_RIGHTS).toContain(SCREEN_RIGHTS[screen])
    expect(SCREEN_RIGHTS.lists).toBe('admin-lists')
  })
})

describe('rights', () => {
  it('admin-all implies every right; none needs a signed-in admin; public needs nobody; others must be held', () => {
    expect(hasRight([], 'public')).toBe(true)
    expect(hasRight([], 'none')).toBe(false)
    expect(hasRight(['admin-lists'], 'none')).toBe(true)
    expect(hasRight(['admin-all'], 'admin-lists')).toBe(true)
    expect(hasRight(['admin-lists'], 'admin-lists')).toBe(true)
    expect(hasRight(['admin-users'], 'admin-lists')).toBe(false)
    expect(hasRight([], 'admin-lists')).toBe(false)
  })
})

describe('Result helpers', () => {
  it('ok / fail build the two shapes; fail omits empty problems', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 })
    expect(fail('not_found', 'gone')).toEqual({ ok: false, error: { code: 'not_found', message: 'gone' } })
    expect(fail('invalid_input', 'bad', [{ path: 'a', message: 'b.' }])).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'bad', problems: [{ path: 'a', message: 'b.' }] }
    })
    expect(Object.keys(fail('internal', 'x').error)).toEqual(['code', 'message'])
  })

  it('AppError carries a stable code', () => {
    const error = new AppError('conflict', 'exists', [{ path: 'p', message: 'm' }])
    expect(error).toBeInstanceOf(Error)
    expect([error.name, error.code, error.message, error.problems]).toEqual(['AppError', 'conflict', 'exists', [{ path: 'p', message: 'm' }]])
    for (const code of ['unknown_channel', 'invalid_input', 'not_allowed', 'not_found', 'site_unavailable', 'site_too_new', 'migration_failed', 'internal']) {
      expect(ERROR_CODES).toContain(code)
    }
  })
})

describe('change ids and changes', () => {
  it.each(['1', '42', '999999999999999', 'new:1', 'new:123456789'])('accepts id %s', (id) => {
    expect(entityIdSchema.safeParse(id).success).toBe(true)
  })

  it.each(['0', '01', '-1', '1.5', '1e3', '9999999999999999', 'new:0', 'new:', 'new:01', 'new:1234567890', 'NEW:1', ' 1', '1 ', ''])('refuses id %j', (id) => {
    expect(entityIdSchema.safeParse(id).success).toBe(false)
  })

  it('isNewId tells staged rows from saved ones', () => {
    expect(isNewId('new:3')).toBe(true)
    expect(isNewId('3')).toBe(false)
  })

  it('a user-group change is strict about entity, id and fields', () => {
    expect(changeSchema.safeParse({ entity: 'userGroup', id: 'new:1', values: { name: 'A', rank: 0 } }).success).toBe(true)
    expect(changeSchema.safeParse({ entity: 'userGroup', id: 'new:1', values: { name: 'A', colour: 'red' } }).success).toBe(false)
    expect(changeSchema.safeParse({ entity: 'userGroup', id: 'new:1', values: {}, note: 'x' }).success).toBe(false)
    expect(changeSchema.safeParse({ entity: 'nope', id: 'new:1', values: {} }).success).toBe(false)
  })
})
