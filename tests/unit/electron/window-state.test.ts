import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

vi.mock('electron', () => {
  throw new Error('window-state.ts must not load electron')
})

import { DEFAULT_WINDOW_STATE, isVisibleOnSomeDisplay, loadWindowState, saveWindowState } from '../../../src/main/electron/window-state'
import { makeTempDir } from '../support/site-fixture'

describe('window state', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => ({ dir, cleanup } = makeTempDir()))
  afterEach(() => cleanup())

  const state = { x: 100, y: 80, width: 1200, height: 800, maximized: false }

  it('a missing file → null', () => {
    expect(loadWindowState(join(dir, 'none.json'))).toBeNull()
  })

  it.each([
    ['not JSON', '{x: 1'],
    ['empty', ''],
    ['wrong shape', JSON.stringify({ x: 1 })],
    ['too small', JSON.stringify({ ...state, width: 10 })],
    ['fractional', JSON.stringify({ ...state, x: 1.5 })],
    ['string numbers', JSON.stringify({ ...state, x: '1' })],
    ['null', 'null']
  ])('a corrupt file (%s) → null', (_label, content) => {
    const file = join(dir, 'window-state.json')
    writeFileSync(file, content)
    expect(loadWindowState(file)).toBeNull()
  })

  it('save then load round-trips, atomically (no temp file left)', () => {
    const file = join(dir, 'window-state.json')
    saveWindowState(file, { ...state, maximized: true })
    expect(loadWindowState(file)).toEqual({ ...state, maximized: true })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...state, maximized: true })
    expect(readdirSync(dir)).toEqual(['window-state.json'])
  })

  it('defaults are a usable size', () => {
    expect(DEFAULT_WINDOW_STATE).toEqual({ width: 1280, height: 820, maximized: false })
  })

  describe('isVisibleOnSomeDisplay', () => {
    const primary = { x: 0, y: 0, width: 1920, height: 1080 }
    const right = { x: 1920, y: 0, width: 2560, height: 1440 }

    it('keeps a window that overlaps a display', () => {
      expect(isVisibleOnSomeDisplay(state, [primary])).toBe(true)
      expect(isVisibleOnSomeDisplay({ ...state, x: 2200 }, [primary, right])).toBe(true)
      // Partly off-screen to the left, but its right part is still reachable.
      expect(isVisibleOnSomeDisplay({ ...state, x: -1000 }, [primary])).toBe(true)
    })

    it('drops a window on an unplugged monitor or off every edge', () => {
      expect(isVisibleOnSomeDisplay({ ...state, x: 2200 }, [primary])).toBe(false)
      expect(isVisibleOnSomeDisplay({ ...state, x: -1190 }, [primary])).toBe(false)
      expect(isVisibleOnSomeDisplay({ ...state, y: 1050 }, [primary])).toBe(false)
      // The title bar above the top edge cannot be grabbed.
      expect(isVisibleOnSomeDisplay({ ...state, y: -200 }, [primary])).toBe(false)
      expect(isVisibleOnSomeDisplay(state, [])).toBe(false)
    })
  })
})
