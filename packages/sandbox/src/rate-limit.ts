/** Token-bucket settings: `requestsPerSecond` refill rate, `burst` bucket size (default: one second's worth). */
export interface RateLimitOptions {
  /** How many requests per second each API key may send, sustained; beyond that it gets 429s. */
  readonly requestsPerSecond: number
  /** How many requests a key may send at once before the rate applies (default: one second's worth). */
  readonly burst?: number
}

/** Checked token-bucket settings, with the bucket size decided. */
export interface ResolvedRateLimit {
  /** The refill rate, > 0. */
  readonly requestsPerSecond: number
  /** The bucket size, >= 1. */
  readonly capacity: number
}

/** Checks the `rateLimit` option (throws `RangeError`) and decides the bucket size. */
export const resolveRateLimit = (options: RateLimitOptions): ResolvedRateLimit => {
  if (!(options.requestsPerSecond > 0)) throw new RangeError("rateLimit.requestsPerSecond must be > 0")
  const capacity = options.burst ?? Math.max(1, Math.ceil(options.requestsPerSecond))
  if (!(capacity >= 1)) throw new RangeError("rateLimit.burst must be >= 1")
  return { requestsPerSecond: options.requestsPerSecond, capacity }
}

/** Per-key token buckets; each API key gets its own so one noisy test does not starve another. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(private readonly options: ResolvedRateLimit) {}

  /** Takes a token; when none is left, returns how many seconds until one is back. */
  take(
    key: string,
    now: number,
  ): { readonly ok: true } | { readonly ok: false; readonly retryAfter: number } {
    const { capacity, requestsPerSecond } = this.options
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now }
    const refilled = Math.min(
      capacity,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * requestsPerSecond,
    )
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, at: now })
      return { ok: true }
    }
    this.buckets.set(key, { tokens: refilled, at: now })
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - refilled) / requestsPerSecond)) }
  }

  /** Refills every bucket. */
  clear(): void {
    this.buckets.clear()
  }
}
