import { describe, expect, it, vi } from 'vitest'
import { join, relative, isAbsolute } from 'node:path'

vi.mock('electron', () => {
  throw new Error('app-protocol.ts must not load electron')
})

import { APP_ENTRY_URL, APP_ORIGIN, resolveAppFile } from '../../../src/main/electron/app-protocol'

const root = join('/opt', 'app', 'out', 'renderer')
const inside = (file: string | null): boolean => {
  if (file === null) return false
  const rel = relative(root, file)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

describe('resolveAppFile', () => {
  it('maps app:// requests to files under the renderer folder', () => {
    expect(APP_ORIGIN).toBe('app://renderer')
    expect(resolveAppFile(APP_ENTRY_URL, root)).toBe(join(root, 'index.html'))
    expect(resolveAppFile('app://renderer/', root)).toBe(join(root, 'index.html'))
    expect(resolveAppFile('app://renderer/assets/index-abc123.js', root)).toBe(join(root, 'assets', 'index-abc123.js'))
    expect(resolveAppFile('app://renderer/assets/index.js?v=1#top', root)).toBe(join(root, 'assets', 'index.js'))
    expect(resolveAppFile('app://renderer/fonts/Noto%20Sans.woff2', root)).toBe(join(root, 'fonts', 'Noto Sans.woff2'))
  })

  it.each([
    'app://renderer/..%2f..%2fetc%2fpasswd',
    'app://renderer/..%2F..%2F..%2Fetc/passwd',
    'app://renderer/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://renderer/assets/..%2f..%2f..%2fsecret',
    'app://renderer/..%5c..%5cwindows%5cwin.ini',
    'app://renderer/assets\\..\\..\\secret',
    'app://renderer/index.html%00.js',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'app://renderer.evil/index.html',
    'https://renderer/index.html',
    'file:///etc/passwd',
    'app://renderer',
    'not a url'
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull()
  })

  it.each(['app://renderer/../../etc/passwd', 'app://renderer/%2e%2e/%2e%2e/etc/passwd', 'app://renderer/assets/../../../x', 'app://renderer/.%2E/x', 'app://renderer/%2Fetc%2Fpasswd/..'])(
    '%s never leaves the renderer folder (URL parsing already resolves the dots)',
    (url) => {
      const file = resolveAppFile(url, root)
      expect(file === null || inside(file), String(file)).toBe(true)
    }
  )
})
