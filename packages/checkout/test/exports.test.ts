// `@lomi/checkout` is the only package users install: both entries re-export every error class of
// `@lomi/core`. (From source both are core's own classes; in the build, the Promise entry bundles its copy.)
import { LomiConfigError, LomiErrorClasses, LomiErrorTags } from "@lomi/core"
import { describe, expect, it } from "vitest"
import * as EffectEntry from "../src/effect.js"
import * as PromiseEntry from "../src/index.js"

describe.each([
  ["@lomi/checkout", PromiseEntry],
  ["@lomi/checkout/effect", EffectEntry],
])("re-exports of %s", (_name, entry) => {
  it("every error class of @lomi/core, under its tag", () => {
    const exported = entry as Record<string, unknown>
    expect(LomiErrorTags.map((tag) => exported[tag])).toEqual(LomiErrorClasses)
    expect(exported.LomiConfigError).toBe(LomiConfigError)
  })
})
