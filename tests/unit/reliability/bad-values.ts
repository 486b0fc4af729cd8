/**
 * Generators of bad input for the fuzz tests: wrong types, huge strings and arrays, deep nesting,
 * __proto__/constructor keys, NaN/Infinity, invalid dates and control characters. Seeded, so a
 * failing case can be replayed.
 */
const HUGE_STRING = 'x'.repeat(1_000_000)
const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\u2028\u2029\ufeff\ud800'

export type Random = () => number

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]

function deep(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value }
  return value
}

/** Keys that have bitten JavaScript code before; JSON.parse makes __proto__ an own key, as IPC's structured clone would. */
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'then', CONTROL, 'x'.repeat(10_000)]

function nastyObject(random: Random): Record<string, unknown> {
  const key = pick(random, NASTY_KEYS)
  return JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify({ polluted: true, screen: 'lists' })}}`) as Record<string, unknown>
}

/** A value no schema field in this app accepts (never a valid screen name, id, URL or date). */
export function badValue(random: Random, depth = 0): unknown {
  const kinds: Array<() => unknown> = [
    () => undefined,
    () => null,
    () => Number.NaN,
    () => Number.POSITIVE_INFINITY,
    () => Number.NEGATIVE_INFINITY,
    () => -0,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => -1,
    () => 1.5,
    () => true,
    () => new Date(Number.NaN),
    () => new Date('2026-13-45'),
    () => '2026-02-30',
    () => 'not-a-date',
    () => '',
    () => CONTROL,
    () => `${CONTROL}${HUGE_STRING.slice(0, Math.floor(random() * 5000))}`,
    () => HUGE_STRING,
    () => '\u0000lists',
    () => 'new:0',
    () => 'new:-1',
    () => '1e3',
    () => '../../etc/passwd',
    () => 'javascript:alert(1)',
    () => 'http://superoffice.com/',
    () => Array.from({ length: 100_000 }, () => 0),
    () => [],
    () => [badValue(random, depth + 1)],
    () => deep(1 + Math.floor(random() * 5000), random() < 0.5),
    () => nastyObject(random),
    () => ({}),
    () => Symbol('x'),
    () => BigInt(2) ** BigInt(80),
    () => () => 1,
    () => new Map([[1, 2]]),
    () => new Uint8Array(16),
    () => (depth < 3 ? { nested: badValue(random, depth + 1), [pick(random, NASTY_KEYS)]: badValue(random, depth + 1) } : 'leaf')
  ]
  return pick(random, kinds)()
}

/** The keys a channel's input object has, when its schema is an object (zod 4 exposes `.shape`). */
export function inputKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape
  return shape && typeof shape === 'object' ? Object.keys(shape) : []
}

/**
 * One bad input for a channel whose input object has `keys`. Always invalid: either not an object,
 * or an object with an unknown extra key (every input schema is strict), or the channel's own keys
 * filled with bad values.
 */
export function badInput(random: Random, keys: readonly string[]): { input: unknown; shape: string } {
  const r = random()
  if (r < 0.3) {
    const value = badValue(random)
    // A Date, Map or {} is an object without own keys: a channel whose fields all have defaults may accept it.
    const objectLike = typeof value === 'object' && value !== null && !Array.isArray(value)
    return { input: value, shape: objectLike ? 'object without fields' : 'not an object' }
  }
  const input: Record<string, unknown> = {}
  for (const key of keys) if (random() < 0.7) input[key] = badValue(random)
  if (r < 0.6 || keys.length === 0) {
    const extra = nastyObject(random)
    Object.assign(input, random() < 0.5 ? { [`extra${Math.floor(random() * 100)}`]: badValue(random) } : {})
    return { input: random() < 0.5 ? { ...extra, ...input, zzExtra: 1 } : { ...input, zzExtra: badValue(random) }, shape: 'extra fields' }
  }
  if (Object.keys(input).length === 0) return { input: {}, shape: 'missing fields' }
  return { input, shape: 'bad field values' }
}
