import type * as Effect from "effect/Effect"
import { describe, expectTypeOf, it } from "vitest"
import type { CommonError, LomiConflictError, LomiNotFoundError } from "../src/Errors.js"
import type { LomiClientService } from "../src/LomiClient.js"
import type { OperationError, OperationInput, OperationSuccess } from "../src/Operation.js"
import type { createSession, deleteSession, listSessions, retrieveSession } from "./support/client.js"

// Checked by `tsc` (the typecheck script covers test/); the runtime assertions are trivially true.
describe("operation types", () => {
  it("infers success types, void for no body", () => {
    expectTypeOf<OperationSuccess<typeof retrieveSession>>().toEqualTypeOf<{
      readonly id: string
      readonly amount: number
    }>()
    expectTypeOf<OperationSuccess<typeof deleteSession>>().toEqualTypeOf<void>()
  })

  it("adds declared errors to the common ones, and nothing else", () => {
    expectTypeOf<OperationError<typeof retrieveSession>>().toEqualTypeOf<CommonError | LomiNotFoundError>()
    expectTypeOf<OperationError<typeof createSession>>().toEqualTypeOf<CommonError | LomiConflictError>()
    expectTypeOf<OperationError<typeof listSessions>>().toEqualTypeOf<CommonError>()
  })

  it("types inputs from the path template and schemas", () => {
    expectTypeOf<OperationInput<typeof retrieveSession>["path"]>().toEqualTypeOf<{
      readonly session_id: string
    }>()
    expectTypeOf<OperationInput<typeof createSession>["body"]>().toMatchTypeOf<{
      readonly amount: number
      readonly currency_code: "XOF" | "USD" | "EUR"
    }>()
    expectTypeOf<{ path: { session_id: "x" } }>().toMatchTypeOf<OperationInput<typeof retrieveSession>>()
    expectTypeOf<{ path: { other: "x" } }>().not.toMatchTypeOf<OperationInput<typeof retrieveSession>>()
  })

  it("gives execute the operation's types", () => {
    type Result = ReturnType<LomiClientService["execute"]>
    expectTypeOf<Result>().toMatchTypeOf<Effect.Effect<unknown, unknown>>()
    const execute = null as unknown as LomiClientService["execute"]
    type R = ReturnType<typeof execute<typeof retrieveSession>>
    expectTypeOf<Effect.Success<R>>().toEqualTypeOf<{ readonly id: string; readonly amount: number }>()
    expectTypeOf<Effect.Error<R>>().toEqualTypeOf<CommonError | LomiNotFoundError>()
  })
})
