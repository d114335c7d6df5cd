/** A seeded pseudo-random source returning floats in [0, 1). */
export type Random = () => number

/**
 * Turns a number or a string into a 32-bit seed. Strings are hashed (FNV-1a) so a seed can be a
 * readable label such as a test name.
 */
export const seedFrom = (seed: number | string): number => {
  if (typeof seed === "number") return seed >>> 0
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * mulberry32: tiny, fast and good enough for fault dice; what matters is that the same seed gives the
 * same sequence on every runtime, which `Math.random` cannot.
 */
export const createRandom = (seed: number | string): Random => {
  let state = seedFrom(seed)
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
