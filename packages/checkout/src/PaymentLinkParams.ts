/**
 * The parameters of each payment link call: the documented interfaces users write, the specs that
 * check them before anything is sent, tied so they cannot drift, and which fields each generation of
 * lomi.'s routes takes. The link itself is in `PaymentLink.ts`, which re-exports this module.
 */

import { Spec } from "@lomi/core"
import { documented } from "./internal/documented.js"
import {
  AmountInput,
  type Currency,
  CurrencyInput,
  DateTimeInput,
  HttpUrlInput,
  LineInput,
  MetadataInput,
  NonEmptyInput,
  QuantityInput,
  TextInput,
  UuidInput,
} from "./internal/fields.js"
import { type OnlyOnTable, type PerGeneration, takenBy } from "./internal/generations.js"
import { ListQuery, nonEmptyUpdate, requireFields } from "./internal/params.js"
import type { JsonObject } from "./Json.js"

/** The kinds of payment link: `product` sells a product of your catalogue, `instant` a fixed amount. */
export const PAYMENT_LINK_TYPES = ["product", "instant"] as const

/** A kind of payment link: `product` (a product of your catalogue, priced by it) or `instant` (an amount). */
export type PaymentLinkType = (typeof PAYMENT_LINK_TYPES)[number]

/**
 * The fields a merchant sets on a payment link, on create and update (update exists on the `"v1"` routes
 * only); all optional here. Fields marked "`v1` only" are refused on create by a client of the
 * `"2025-12"` routes, with a `LomiValidationError` that says so.
 */
export interface PaymentLinkWritableFields {
  /**
   * The title shown on the payment page (one line). Required on create: on `"v1"` unless `link_type` is
   * `product`, always on `"2025-12"`.
   */
  readonly title?: string
  /**
   * The price, an integer in the smallest unit of `currency_code`: `2500` for 25.00 EUR or USD (cents),
   * `15000` for 15 000 XOF (the franc has no minor unit). Required on create unless `link_type` is
   * `product` (which refuses it on `"2025-12"`).
   */
  readonly amount?: number
  /**
   * The currency of `amount`: `XOF` (West African CFA franc), `USD` or `EUR`. Required on create: on `"v1"`
   * unless `link_type` is `product`, always on `"2025-12"`.
   */
  readonly currency_code?: Currency
  /**
   * The kind of link: `product` (priced by the product in `product_id`) or `instant` (an `amount`).
   * Required on create on `"2025-12"`, where it must be one of these two.
   */
  readonly link_type?: string
  /**
   * The description shown on the payment page (today's name for `public_description`; give either, or on
   * `"v1"` both with the same text).
   */
  readonly description?: string
  /**
   * The description shown on the payment page, as the 1.1.0 generation names it; line breaks allowed.
   * `v1` only: the `"2025-12"` routes take `description`.
   */
  readonly public_description?: string
  /** A description for your own records, not shown to customers. `v1` only. */
  readonly private_description?: string
  /**
   * The id of the product to sell, from your lomi. catalogue (e.g. `prod_1234567890abcdef`). On
   * `"2025-12"`, required for a `product` link and refused for an `instant` one.
   */
  readonly product_id?: string
  /** The id of the product's price to charge. */
  readonly price_id?: string
  /** How many units a payment buys, an integer >= 1. `v1` only. */
  readonly quantity?: number
  /** Whether the customer may change `quantity` on the payment page. */
  readonly allow_quantity?: boolean
  /** Whether the payment page accepts a coupon code. */
  readonly allow_coupon_code?: boolean
  /** The payment providers the page offers, as one string in lomi.'s notation (one line). `v1` only. */
  readonly allowed_providers?: string
  /** Where the customer lands after paying: an absolute http(s) URL. */
  readonly success_url?: string
  /** Where the customer lands after cancelling: an absolute http(s) URL. */
  readonly cancel_url?: string
  /** The page's URL, an absolute http(s) URL; on create, lomi. makes one when absent. `v1` only. */
  readonly url?: string
  /**
   * When the link stops accepting payments: an ISO 8601 date-time with a zone, e.g.
   * `2026-12-01T12:00:00Z`. Absent: never.
   */
  readonly expires_at?: string
  /** Whether the link accepts payments; `false` turns its page off without deleting it. `v1` only. */
  readonly is_active?: boolean
  /**
   * Your own key-value pairs, a plain JSON object (a campaign, a reference), returned as given. An update
   * replaces the whole object.
   */
  readonly metadata?: JsonObject
}

/**
 * The body of `create`, checked before sending with a `LomiValidationError` naming each problem. On `"v1"`,
 * `title`, `amount` and `currency_code` are required unless `link_type` is `product`. On `"2025-12"`,
 * `link_type` (`product` or `instant`), `title` and `currency_code` are required, and an `instant` link
 * needs `amount` (no `product_id`), a `product` link `product_id` (no `amount`). Fields marked "`v1` only"
 * or "`2025-12` only" are refused by a client of the other generation.
 */
export interface PaymentLinkCreateParams extends PaymentLinkWritableFields {
  /** An id of your choosing for the link (a UUID); lomi. makes one when absent. `v1` only. */
  readonly link_id?: string
  /** Whether the payment page asks for a billing address (default `true`). `2025-12` only. */
  readonly require_billing_address?: boolean
}

/**
 * The body of `update`: the fields given replace the stored ones (a `metadata` object replaces the old
 * one whole); absent fields are untouched. At least one field is required.
 */
export interface PaymentLinkUpdateParams extends PaymentLinkWritableFields {}

/** The orders `list` sorts by: a field, then `:asc` or `:desc`. */
export type PaymentLinkSort = `${"created_at" | "updated_at" | "amount" | "title" | "expires_at"}:${
  | "asc"
  | "desc"}`

/**
 * The query of `list`. `limit` and `offset` work on both generations; `sort` only on `"v1"`, `link_type`
 * and `is_active` only on `"2025-12"`: the other generation refuses them with a `LomiValidationError` before
 * anything is sent.
 */
export interface PaymentLinkListParams {
  /** How many links per page, an integer from 1 to 100. Default 20. */
  readonly limit?: number
  /** How many links to skip, an integer >= 0. Default 0. */
  readonly offset?: number
  /**
   * The order, e.g. `created_at:desc` (the default; ties are broken by id). `v1` only: the `"2025-12"`
   * routes list newest first.
   */
  readonly sort?: PaymentLinkSort
  /** Only links of this kind. `2025-12` only (sent as `linkType`). */
  readonly link_type?: PaymentLinkType
  /** Only active (`true`) or inactive (`false`) links. `2025-12` only (sent as `isActive`). */
  readonly is_active?: boolean
}

/** Fields a merchant may set on a payment link, as the API document lists them. */
const writableFields = {
  title: Spec.optional(NonEmptyInput),
  amount: Spec.optional(AmountInput),
  currency_code: Spec.optional(CurrencyInput),
  link_type: Spec.optional(NonEmptyInput),
  // Later API versions renamed `public_description` to `description`; both are accepted.
  description: Spec.optional(TextInput),
  public_description: Spec.optional(TextInput),
  private_description: Spec.optional(TextInput),
  product_id: Spec.optional(NonEmptyInput),
  price_id: Spec.optional(NonEmptyInput),
  quantity: Spec.optional(QuantityInput),
  allow_quantity: Spec.optional(Spec.boolean),
  allow_coupon_code: Spec.optional(Spec.boolean),
  allowed_providers: Spec.optional(LineInput),
  success_url: Spec.optional(HttpUrlInput),
  cancel_url: Spec.optional(HttpUrlInput),
  url: Spec.optional(HttpUrlInput),
  expires_at: Spec.optional(DateTimeInput),
  is_active: Spec.optional(Spec.boolean),
  metadata: Spec.optional(MetadataInput),
}

/**
 * Checks the fields of `create_payment_link`'s body before it is sent: every field of both generations, each
 * by its own rule. The route of the client's generation adds that generation's rules (required fields, the
 * other generation's fields refused), see `paymentLinkCreateChecks`.
 */
export const PaymentLinkCreateParamsSpec = /*#__PURE__*/ documented<PaymentLinkCreateParams>()(
  Spec.struct({
    ...writableFields,
    link_id: Spec.optional(UuidInput),
    require_billing_address: Spec.optional(Spec.boolean),
  }),
)

const V1_ONLY = { generation: "v1" } as const
const TODAY_ONLY = { generation: "2025-12" } as const

// The 1.1.0 document's create fields against lomi.'s create DTO today
// (`apps/api/src/core/payment-links/dto/create-payment-link.dto.ts` at b83ef01f).
const CREATE_ONLY_ON: OnlyOnTable<PaymentLinkCreateParams> = {
  link_id: V1_ONLY,
  url: V1_ONLY,
  public_description: { generation: "v1", otherwise: "description" },
  private_description: V1_ONLY,
  quantity: V1_ONLY,
  allowed_providers: V1_ONLY,
  is_active: V1_ONLY,
  require_billing_address: TODAY_ONLY,
}

// The DTO's rule on `amount` and `product_id`: each is required for one kind of link and refused for the other.
const TODAY_KINDS: Readonly<Record<PaymentLinkType, { readonly needs: string; readonly refuses: string }>> = {
  instant: { needs: "amount", refuses: "product_id" },
  product: { needs: "product_id", refuses: "amount" },
}

const todaysLinkRules: Spec.Check<PaymentLinkCreateParams> = (params) => {
  const issues: Array<{ readonly path: ReadonlyArray<string>; readonly message: string }> = []
  for (const field of ["link_type", "title", "currency_code"] as const)
    if (params[field] === undefined)
      issues.push({ path: [field], message: "Missing key (required by lomi.'s 2025-12 routes)" })
  const kind = params.link_type
  if (kind !== undefined && !Object.hasOwn(TODAY_KINDS, kind))
    issues.push({
      path: ["link_type"],
      message: `Expected "product" or "instant" on lomi.'s 2025-12 routes, got ${JSON.stringify(kind)}`,
    })
  else if (kind !== undefined) {
    const { needs, refuses } = TODAY_KINDS[kind as PaymentLinkType]
    const given = params as Readonly<Record<string, unknown>>
    if (given[needs] === undefined)
      issues.push({
        path: [needs],
        message: `Missing key (required for ${kind} links on lomi.'s 2025-12 routes)`,
      })
    if (given[refuses] !== undefined)
      issues.push({ path: [refuses], message: `Not allowed for ${kind} links on lomi.'s 2025-12 routes` })
  }
  return issues.length === 0 ? undefined : issues
}

// The 1.1.0 routes store one description under two names: given both, they must say the same.
const oneDescription: Spec.Check<PaymentLinkWritableFields> = (params) =>
  params.description !== undefined &&
  params.public_description !== undefined &&
  params.description !== params.public_description
    ? {
        path: ["description"],
        message: "Must equal public_description when both are given (one text on lomi.'s v1 routes)",
      }
    : undefined

/** How each generation's create route checks its body: the fields it takes, and its required ones. */
export const paymentLinkCreateChecks: PerGeneration<typeof PaymentLinkCreateParamsSpec> = {
  v1: /*#__PURE__*/ Spec.check(
    PaymentLinkCreateParamsSpec,
    takenBy("v1", CREATE_ONLY_ON),
    requireFields<PaymentLinkWritableFields>(
      ["title", "currency_code", "amount"],
      (params) => params.link_type === "product",
      'required unless link_type is "product"',
    ),
    oneDescription,
  ),
  "2025-12": /*#__PURE__*/ Spec.check(
    PaymentLinkCreateParamsSpec,
    takenBy("2025-12", CREATE_ONLY_ON),
    todaysLinkRules,
  ),
}

/** Checks the body of `update_payment_link` before it is sent. */
export const PaymentLinkUpdateParamsSpec = /*#__PURE__*/ documented<PaymentLinkUpdateParams>()(
  Spec.struct(writableFields, { checks: [nonEmptyUpdate, oneDescription] }),
)

/** Checks the query of `list_payment_links` before it is sent (both generations' parameters). */
export const PaymentLinkListParamsSpec = /*#__PURE__*/ documented<PaymentLinkListParams>()(
  Spec.struct({
    ...ListQuery(["created_at", "updated_at", "amount", "title", "expires_at"]),
    link_type: Spec.optional(Spec.literals(PAYMENT_LINK_TYPES)),
    is_active: Spec.optional(Spec.boolean),
  }),
)

// `sort` is the document's; the filters are today's controller's (`payment-links.controller.ts` at 700515a6).
const LIST_ONLY_ON: OnlyOnTable<PaymentLinkListParams> = {
  sort: V1_ONLY,
  link_type: TODAY_ONLY,
  is_active: TODAY_ONLY,
}

/** How each generation's list route checks its query. */
export const paymentLinkListChecks: PerGeneration<typeof PaymentLinkListParamsSpec> = {
  v1: /*#__PURE__*/ Spec.check(PaymentLinkListParamsSpec, takenBy("v1", LIST_ONLY_ON)),
  "2025-12": /*#__PURE__*/ Spec.check(PaymentLinkListParamsSpec, takenBy("2025-12", LIST_ONLY_ON)),
}

/** The wire names of list parameters the `"2025-12"` routes spell in camelCase. */
export const PAYMENT_LINK_LIST_WIRE_NAMES = { link_type: "linkType", is_active: "isActive" } as const
