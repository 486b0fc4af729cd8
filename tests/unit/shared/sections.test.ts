import { describe, expect, it } from 'vitest'
import { APP_STORE_URL, SECTIONS, SECTION_IDS, isSectionLicensed } from '../../../src/shared/domain/sections'
import { isAllowedExternalUrl } from '../../../src/shared/domain/external-url'

describe('Navigator sections', () => {
  it('lists the reference’s 20 sections in its order, each once', () => {
    expect(SECTION_IDS).toHaveLength(20)
    expect(SECTIONS.map((s) => s.id)).toEqual([...SECTION_IDS])
    expect(SECTION_IDS[0]).toBe('licences')
    expect(SECTION_IDS[19]).toBe('appStore')
  })

  it('Lists is built; App Store opens an allowed https address', () => {
    expect(SECTIONS.find((s) => s.id === 'lists')?.built).toBe(true)
    const store = SECTIONS.find((s) => s.id === 'appStore')!
    expect(store.externalUrl).toBe(APP_STORE_URL)
    expect(isAllowedExternalUrl(APP_STORE_URL)).toBe(true)
  })

  it('licence-gated sections are usable only when the site holds the licence', () => {
    const gated = SECTIONS.filter((s) => s.requires !== null)
    expect(gated.map((s) => [s.id, s.requires])).toEqual([
      ['saint', 'sales-intelligence'],
      ['quoteSync', 'quote'],
      ['customerCentre', 'customer-centre']
    ])
    for (const section of gated) {
      expect(isSectionLicensed(section, [])).toBe(false)
      expect(isSectionLicensed(section, [section.requires!])).toBe(true)
    }
    expect(isSectionLicensed(SECTIONS[0], [])).toBe(true)
  })
})
