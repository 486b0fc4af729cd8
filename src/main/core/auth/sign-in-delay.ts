/** Waits; the app passes a real timer, tests a recorder, so no test waits for real. */
export type Sleep = (ms: number) => Promise<void>

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * How long a refused sign-in is held back, by the number of failures in a row: 0.5 s, 1 s, 2 s,
 * … up to 8 s. Guessing gets slower with every try; a person who mistyped once barely notices.
 */
export function failureDelayMs(failuresInARow: number): number {
  if (failuresInARow <= 0) return 0
  return Math.min(500 * 2 ** (failuresInARow - 1), 8000)
}
