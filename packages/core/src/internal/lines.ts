/**
 * Log lines without effect: which levels a client writes, and writing one to a `logger` (the Promise
 * client's `console` by default). `telemetry.ts` gives the Effect API the same through Effect's logger.
 */
import type { LogLevel, LomiLogger } from "../Config.js"

/** The levels a line can have. */
export type LineLevel = Exclude<LogLevel, "off">

const RANK: Readonly<Record<LogLevel, number>> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 }

/** Whether a client at `level` writes a line at `line`. */
export const logsAt =
  (level: LogLevel) =>
  (line: LineLevel): boolean =>
    RANK[line] <= RANK[level]

/** Writes a line to `logger`; a logger that throws must not fail the call it reports on. */
export const writeTo =
  (logger: LomiLogger) =>
  (level: LineLevel, message: string): void => {
    try {
      logger[level](message)
    } catch {}
  }
