import { describe, expect, it } from 'vitest'
import { initialLocale } from '../../../src/renderer/src/i18n'

/** The start-up language: the user's own choice > the machine-wide default (IT) > the OS language. */
const stored = (value: string | null) => ({ getItem: () => value })

describe('initialLocale', () => {
  it('without a choice or a machine default, follows the OS language (any Norwegian → nb)', () => {
    expect(initialLocale(stored(null), 'nn-NO')).toBe('nb')
    expect(initialLocale(stored(null), 'de-DE')).toBe('en')
    expect(initialLocale(undefined, undefined)).toBe('en')
  })

  it('the machine-wide default wins over the OS language', () => {
    expect(initialLocale(stored(null), 'en-US', 'nb')).toBe('nb')
    expect(initialLocale(stored(null), 'nb-NO', 'en')).toBe('en')
    expect(initialLocale(undefined, 'en-US', 'nb')).toBe('nb')
  })

  it('a language the user picked in the app wins over the machine-wide default', () => {
    expect(initialLocale(stored('en'), 'nb-NO', 'nb')).toBe('en')
    expect(initialLocale(stored('nb'), 'en-US', 'en')).toBe('nb')
  })

  it('a stored value that is not a catalogue is ignored', () => {
    expect(initialLocale(stored('sv'), 'en-US', 'nb')).toBe('nb')
  })
})
