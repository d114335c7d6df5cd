/// <reference types="node" />
// The error table in src/Errors.ts is the one description of the SDK's errors: the READMEs' errors tables
// and retry bullets must say what it says, so a drift on either side fails here.
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { ERROR_TABLE, type ErrorRow, isLomiError, LomiErrorClasses, LomiErrorTags } from "../src/Errors.js"

const rows = ERROR_TABLE as ReadonlyArray<ErrorRow>
const tagOf = (row: ErrorRow): string => row.class.prototype.name
const statusesOf = (row: ErrorRow): Array<number> => Object.keys(row.statuses ?? {}).map(Number)
const rules = rows.flatMap((row) => Object.entries(row.statuses ?? {}))

// The `status` column of a row.
const statusCell = (row: ErrorRow): string => {
  if (row.from === "body") return "2xx"
  if (row.from !== "status") return "-"
  if (row.otherStatuses === "rest") return "other"
  if (row.otherStatuses === undefined) return statusesOf(row).join(", ")
  const [from, to] = row.otherStatuses
  return from % 100 === 0 && to === from + 99 ? `${from / 100}xx` : `${from}-${to}`
}

// The `retried` column of a row. The class of the statuses no row takes also gets those of the classes an
// operation may not declare: such a status becomes it, and is retried all the same.
const retriedCell = (row: ErrorRow): string => {
  if (row.from === "input") return "no request sent"
  if (row.from === "options") return "-"
  if (row.from !== "status") return row.retried ?? "no"
  const own = Object.entries(row.statuses ?? {})
  const undeclared = row.otherStatuses === "rest" ? rows.filter((r) => r.from === "status" && !r.common) : []
  const retried = [...own, ...undeclared.flatMap((r) => Object.entries(r.statuses ?? {}))]
    .filter(([, rule]) => rule.retried)
    .map(([status]) => Number(status))
    .sort((a, b) => a - b)
  if (retried.length === 0) return "no"
  if (retried.length === own.length && row.otherStatuses === undefined) return "yes"
  return retried.join(", ")
}

const readme = (path: string): Array<string> =>
  readFileSync(new URL(path, import.meta.url), "utf8").split("\n")

// The first table of the `## Errors` section: its rows, as `{ [class]: { [column]: cell } }`.
const errorsTable = (lines: Array<string>): Record<string, Record<string, string>> => {
  const section = lines.findIndex((line) => line.startsWith("## Errors"))
  const start = lines.findIndex((line, i) => i > section && line.startsWith("|"))
  const end = lines.findIndex((line, i) => i > start && !line.startsWith("|"))
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split("|")
      .map((cell) => cell.trim())
  const [header = [], , ...body] = lines.slice(start, end).map(cells)
  return Object.fromEntries(
    body.map((row) => [
      row[0]!.replaceAll("`", ""),
      Object.fromEntries(header.slice(1).map((name, i) => [name, row[i + 1]!])),
    ]),
  )
}

// The bullet naming the retried statuses: those in a sentence saying "never" are never retried.
const retryBullet = (lines: Array<string>) => {
  const at = lines.findIndex((line) => line.includes("attempt timeouts"))
  let first = at
  while (first > 0 && !lines[first]!.startsWith("- ")) first--
  const last = lines.findIndex((line, i) => i > first && (line.startsWith("- ") || line.trim() === ""))
  const sentences = lines.slice(first, last).join(" ").split(/\.\s/)
  const statuses = (never: boolean) =>
    sentences
      .filter((sentence) => /never/i.test(sentence) === never)
      .flatMap((sentence) => [...sentence.matchAll(/\b\d{3}\b/g)].map((m) => Number(m[0])))
      .sort((a, b) => a - b)
  return { retried: statuses(false), never: statuses(true) }
}

const READMES = [
  ["README.md", "../../../README.md"],
  ["packages/core/README.md", "../README.md"],
] as const

describe.each(READMES)("%s says what the error table says", (_name, path) => {
  it("in its errors table: every class once, its statuses and when it is retried", () => {
    const expected = Object.fromEntries(
      rows.map((row) => [tagOf(row), { status: statusCell(row), retried: retriedCell(row) }]),
    )
    const table = errorsTable(readme(path))
    const actual = Object.fromEntries(
      Object.entries(table).map(([tag, row]) => [tag, { status: row.status, retried: row.retried }]),
    )
    expect(actual).toEqual(expected)
  })

  it("in its retry bullet", () => {
    const statuses = (retried: boolean) =>
      rules
        .filter(([, rule]) => rule.retried === retried)
        .map(([status]) => Number(status))
        .sort((a, b) => a - b)
    expect(retryBullet(readme(path))).toEqual({ retried: statuses(true), never: statuses(false) })
  })
})

describe("the error table", () => {
  it("gives each status one class and the statuses no row names to one class", () => {
    const named = rows.flatMap(statusesOf)
    expect(new Set(named).size).toBe(named.length)
    expect(rows.filter((row) => row.otherStatuses === "rest")).toHaveLength(1)
    expect(rows.filter((row) => row.statuses !== undefined).every((row) => row.from === "status")).toBe(true)
  })

  it("names each class after its tag, once; the options' error is no request error", () => {
    expect(new Set(rows.map(tagOf)).size).toBe(rows.length)
    expect(LomiErrorClasses.map((c) => c.name)).toEqual(LomiErrorTags)
    for (const row of rows.filter((r) => r.from === "options")) {
      expect(row.common).toBe(false)
      expect(LomiErrorTags).not.toContain(tagOf(row))
      expect(isLomiError(new row.class({ message: "x" } as never))).toBe(false)
    }
  })
})
