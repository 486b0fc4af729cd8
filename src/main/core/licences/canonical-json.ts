/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as RFC 8785 does), no whitespace,
 * strings and numbers written as JSON.stringify writes them. Signatures cover these UTF-8 bytes,
 * so two programs that agree on the value agree on the bytes, whatever layout a file had.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Canonical JSON has no representation for NaN or Infinity.')
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  throw new TypeError(`Canonical JSON cannot hold a ${typeof value}.`)
}

/** The bytes a signature covers. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8')
}
