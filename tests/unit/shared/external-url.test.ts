import { describe, expect, it } from 'vitest'
import { EXTERNAL_HOST_ALLOW_LIST, isAllowedExternalUrl } from '../../../src/shared/domain/external-url'
import { APP_STORE_URL } from '../../../src/shared/domain/sections'

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://superoffice.com/',
    'https://superoffice.com',
    'https://www.superoffice.com/en/',
    'https://appstore.superoffice.com/?q=a#b',
    'HTTPS://APPSTORE.SUPEROFFICE.COM/',
    'https://superoffice.com:443/path',
    APP_STORE_URL
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true)
  })

  it.each([
    'http://superoffice.com/',
    'http://appstore.superoffice.com/',
    'javascript:alert(1)',
    'JavaScript://superoffice.com/%0aalert(1)',
    'file:///etc/passwd',
    'file://superoffice.com/share',
    'data:text/html,<script>alert(1)</script>',
    'ftp://superoffice.com/',
    'mailto:someone@superoffice.com',
    'https://user:pass@superoffice.com/',
    'https://user@superoffice.com/',
    'https://superoffice.com.evil.io/',
    'https://superoffice.com@evil.io/',
    'https://evilsuperoffice.com/',
    'https://superoffice.co/',
    'https://superofficе.com/', // Cyrillic "е"
    'https://superoffice.com%2F@evil.io/',
    'https://evil.io/https://superoffice.com/',
    'https://evil.io/?next=https://superoffice.com',
    '//superoffice.com/',
    'superoffice.com',
    '',
    'not a url'
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })

  it('takes another allow-list', () => {
    expect(EXTERNAL_HOST_ALLOW_LIST).toEqual(['superoffice.com'])
    expect(isAllowedExternalUrl('https://docs.example.org/x', ['example.org'])).toBe(true)
    expect(isAllowedExternalUrl('https://superoffice.com/', ['example.org'])).toBe(false)
    expect(isAllowedExternalUrl('https://superoffice.com/', [])).toBe(false)
  })
})
