/**
 * Stopping one attempt's request: what the request loop's timer and the caller's abort use to tell a
 * transport (`http.ts`) to drop its request.
 */

/**
 * How an attempt stops its request (its timeout, the caller's abort): lighter than an `AbortController`,
 * which `node:http` does not need (`fetch` gets one, made only when it is used).
 */
export class Cancel {
  /** Whether `cancel` was called. */
  cancelled = false
  private listener: (() => void) | undefined = undefined

  /** Runs `listener` when the attempt stops (at once if it has); one listener, the send's. */
  onCancel(listener: () => void): void {
    if (this.cancelled) listener()
    else this.listener = listener
  }

  /** Stops the request, if it is still running. */
  cancel(): void {
    if (this.cancelled) return
    this.cancelled = true
    const listener = this.listener
    this.listener = undefined
    listener?.()
  }

  /** Forgets the listener: the request has settled. */
  clear(): void {
    this.listener = undefined
  }
}

/** Why a cancelled request failed (the attempt has moved on by then, so nobody reads it). */
export const CANCELLED = new Error("The attempt was cancelled")
