/**
 * The statuses of the error table, indexed: the class each HTTP status becomes and how the SDK reads it.
 */
import { ERROR_TABLE, type ErrorClass, type ErrorRow, type StatusRule } from "../Errors.js"

const rules = new Map<number, StatusRule>()
const classes = new Map<number, ErrorClass>()
const ranges: Array<readonly [from: number, to: number, cls: ErrorClass]> = []
let rest: ErrorClass | undefined
for (const row of ERROR_TABLE as ReadonlyArray<ErrorRow>) {
  const cls = row.class as ErrorClass
  for (const [status, rule] of Object.entries(row.statuses ?? {})) {
    rules.set(Number(status), rule)
    classes.set(Number(status), cls)
  }
  if (row.otherStatuses === "rest") rest = cls
  else if (row.otherStatuses !== undefined) ranges.push([...row.otherStatuses, cls])
}

/** How the SDK reads `status`, when the table names it. */
export const statusRule = (status: number): StatusRule | undefined => rules.get(status)

/** The class the SDK uses for a status, before looking at what the operation declares. */
export const classForStatus = (status: number): ErrorClass =>
  classes.get(status) ?? ranges.find(([from, to]) => status >= from && status <= to)?.[2] ?? rest!

/** The statuses the SDK retries. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set(
  [...rules].filter(([, rule]) => rule.retried).map(([status]) => status),
)
