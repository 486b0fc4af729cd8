import { describe, expect, it } from 'vitest'
import { EXPORT_HEADERS, IMPORT_TARGETS, headerKey, splitListCell, suggestMapping } from '../../../src/shared/domain/user-import'

describe('column mapping suggestions', () => {
  it('maps English headers, whatever their case, spacing and dashes', () => {
    expect(suggestMapping(['USER ID', 'first_name', 'Last Name', 'Email', 'Mobile', 'Company', 'Role', 'Group', 'Other groups', 'Licenses'])).toEqual({
      userId: 0, firstName: 1, lastName: 2, email: 3, phone: 4, company: 5, role: 6, primaryGroup: 7, otherGroups: 8, licences: 9
    })
  })

  it('maps Norwegian headers', () => {
    expect(suggestMapping(['Fornavn', 'Etternavn', 'E-post', 'Telefon', 'Brukernavn', 'Firma', 'Rolle', 'Primærgruppe', 'Andre grupper', 'Lisenser'])).toEqual({
      firstName: 0, lastName: 1, email: 2, phone: 3, userId: 4, company: 5, role: 6, primaryGroup: 7, otherGroups: 8, licences: 9
    })
  })

  it('leaves unknown columns unmapped and never maps one column twice', () => {
    expect(suggestMapping(['Shoe size', 'User ID', 'User ID'])).toEqual({ userId: 1 })
    expect(suggestMapping([])).toEqual({})
  })

  it('the export headers of both languages map back to every target', () => {
    for (const language of ['en', 'nb'] as const) {
      const headers = IMPORT_TARGETS.map((t) => EXPORT_HEADERS[language][t])
      expect(suggestMapping(headers)).toEqual(Object.fromEntries(IMPORT_TARGETS.map((t, i) => [t, i])))
    }
  })

  it('compares headers without case, spaces, dashes or underscores; splits list cells on commas and semicolons', () => {
    expect(headerKey(' E-Mail_Address ')).toBe(headerKey('email address'))
    expect(splitListCell(' Sales, Marketing;IT ,, ')).toEqual(['Sales', 'Marketing', 'IT'])
  })
})
