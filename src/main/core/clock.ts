/** Time is injected everywhere (tests fix it; expiry forecasts depend on it). */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()
