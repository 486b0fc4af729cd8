import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const html = readFileSync(join(__dirname, '../../../src/renderer/index.html'), 'utf8')

function csp(): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/gi)]
  expect(metas).toHaveLength(1)
  return new Map(
    metas[0][1]
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/)
        return [name, values] as const
      })
  )
}

describe('index.html Content-Security-Policy', () => {
  it('allows scripts only from the app itself', () => {
    const policy = csp()
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('default-src')).toEqual(["'none'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'none'"])
  })

  it('has no unsafe-inline or unsafe-eval anywhere, and no remote sources', () => {
    const all = [...csp().values()].flat()
    expect(all).not.toContain("'unsafe-inline'")
    expect(all).not.toContain("'unsafe-eval'")
    expect(all.filter((v) => /^(https?:|\*|ws:|wss:)/.test(v))).toEqual([])
  })

  it('the page itself carries no inline script', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/)
      expect(body.trim()).toBe('')
    }
    expect(html).not.toMatch(/\son[a-z]+=/i)
  })
})
