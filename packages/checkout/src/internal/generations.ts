// What each generation of lomi.'s routes takes, as data beside each input spec: the fields (and list
// parameters) only one generation takes, and the check that refuses the others' before anything is sent.
// An input spec lists every field of both generations; each route checks it with `takenBy`.

import type { ApiGeneration, Spec } from "@lomi/core"

/** How one field is served: by one generation only, which may spell it otherwise than the other. */
export interface OnlyOn {
  /** The one generation that takes the field. */
  readonly generation: ApiGeneration
  /** What the other generation calls the same thing, when it has it under another name. */
  readonly otherwise?: string
}

/** The fields of an input `T` that only one generation takes; a field not listed is taken by both. */
export type OnlyOnTable<T> = { readonly [K in keyof T & string]?: OnlyOn }

/**
 * A check refusing, each at its own path, the given fields of `table` that `generation` does not take,
 * with a message naming the generation (so a caller learns why, and what the client speaks).
 */
export const takenBy = <T extends object>(
  generation: ApiGeneration,
  table: OnlyOnTable<T>,
): Spec.Check<T> => {
  const entries = Object.entries(table) as ReadonlyArray<readonly [string, OnlyOn]>
  return (value: T) => {
    const issues: Array<{ readonly path: ReadonlyArray<string>; readonly message: string }> = []
    for (const [field, only] of entries) {
      if (only.generation === generation || (value as Record<string, unknown>)[field] === undefined) continue
      const instead = only.otherwise === undefined ? "" : ` (on "${generation}", send "${only.otherwise}")`
      issues.push({
        path: [field],
        message: `Not taken by lomi.'s "${generation}" routes, which this client speaks; only "${only.generation}" takes it${instead}`,
      })
    }
    return issues.length === 0 ? undefined : issues
  }
}

/** A value per generation, e.g. the spec each one checks a body with. */
export type PerGeneration<A> = { readonly [G in ApiGeneration]: A }
