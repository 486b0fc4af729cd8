import { describe, expect, it } from 'vitest'
import { canonicalBytes, canonicalJson } from '../../../src/main/core/licences/canonical-json'

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1,{"y":null,"z":true}]},"b":1}')
  })

  it('gives the same text for the same value whatever the key order or layout of the source', () => {
    const one = JSON.parse('{\n  "owner": {"name": "X", "a": 1},\n  "list": [1, 2]\n}')
    const two = JSON.parse('{"list":[1,2],"owner":{"a":1,"name":"X"}}')
    expect(canonicalJson(one)).toBe(canonicalJson(two))
  })

  it('sorts by UTF-16 code units (upper case before lower case, as RFC 8785)', () => {
    expect(canonicalJson({ b: 0, B: 0, a: 0, é: 0, '1': 0 })).toBe('{"1":0,"B":0,"a":0,"b":0,"é":0}')
  })

  it('escapes strings as JSON.stringify does and encodes UTF-8', () => {
    const text = canonicalJson({ s: 'Bø "q"\n\u0001' })
    expect(text).toBe('{"s":"Bø \\"q\\"\\n\\u0001"}')
    expect(canonicalBytes({ s: 'ø' })).toEqual(Buffer.from('{"s":"ø"}', 'utf8'))
    expect(canonicalBytes({ s: 'ø' }).length).toBe(10) // ø is two bytes in UTF-8
  })

  it('skips undefined members and refuses values JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}')
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/)
    expect(() => canonicalJson({ n: Infinity })).toThrow()
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/)
  })

  it('writes numbers as JSON does (integers stay integers)', () => {
    expect(canonicalJson([0, -0, 10, 1.5, 1e21])).toBe('[0,0,10,1.5,1e+21]')
  })
})
