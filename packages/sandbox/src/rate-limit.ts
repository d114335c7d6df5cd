/** Token-bucket settings: `requestsPerSecond` refill rate, `burst` bucket size (default: one second's worth). */
export interface RateLimitOptions {
  /** How many requests per second each API key may send, sustained; beyond that it gets 429s. */
  readonly requestsPerSecond: number
  /** How many requests a key may send at once before the rate applies (default: one second's worth). */
  readonly burst?: number
}

/** Per-key token buckets; each API key gets its own so one noisy test does not starve another. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly capacity: number

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.requestsPerSecond > 0)) throw new RangeError("rateLimit.requestsPerSecond must be > 0")
    this.capacity = options.burst ?? Math.max(1, Math.ceil(options.requestsPerSecond))
    if (!(this.capacity >= 1)) throw new RangeError("rateLimit.burst must be >= 1")
  }

  /** Takes a token; when none is left, returns how many seconds until one is back. */
  take(
    key: string,
    now: number,
  ): { readonly ok: true } | { readonly ok: false; readonly retryAfter: number } {
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now }
    const refilled = Math.min(
      this.capacity,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.options.requestsPerSecond,
    )
    if (refilled >= 1) {
      this.buckets.set(key, { tokens: refilled - 1, at: now })
      return { ok: true }
    }
    this.buckets.set(key, { tokens: refilled, at: now })
    return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - refilled) / this.options.requestsPerSecond)) }
  }

  /** Refills every bucket. */
  clear(): void {
    this.buckets.clear()
  }
}
