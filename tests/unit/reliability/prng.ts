/** mulberry32: a tiny seeded PRNG, so every fuzz and kill run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seed for this run: SM_RELIABILITY_SEED to replay one, else a fixed default (deterministic npm test). */
export function runSeed(fallback: number): number {
  const given = Number(process.env.SM_RELIABILITY_SEED)
  return Number.isInteger(given) ? given : fallback
}

/** SM_RELIABILITY_FULL=1 runs the long versions (the figures in docs/reliability.md). */
export const FULL = process.env.SM_RELIABILITY_FULL === '1'
