/**
 * Waits that can all be cut short at once: injected latencies and webhook retry delays must not keep a
 * closing sandbox (or its event loop) waiting.
 */
export class Sleepers {
  private readonly waiting = new Set<{
    readonly timer: ReturnType<typeof setTimeout>
    readonly wake: () => void
  }>()
  private closed = false

  /** Resolves after `ms` milliseconds, or at once when woken, closed, or `ms` is not positive. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.closed) return Promise.resolve()
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.waiting.delete(sleeper)
          resolve()
        }, ms),
        wake: () => resolve(),
      }
      this.waiting.add(sleeper)
    })
  }

  /** Ends every pending wait now; later waits still wait. */
  wakeAll(): void {
    for (const sleeper of this.waiting) {
      clearTimeout(sleeper.timer)
      sleeper.wake()
    }
    this.waiting.clear()
  }

  /** Ends every pending wait, and every later one before it starts. */
  close(): void {
    this.closed = true
    this.wakeAll()
  }
}
