import type { JsonObject } from "./json-value.js"
import type { ResourceKind } from "./kinds.js"
import { withDescriptions } from "./resources.js"

/** A session's status at `at`: an open session past `expires_at` reads as `expired`. */
export const sessionStatus = (item: JsonObject, at: number): string =>
  item.status === "open" && Date.parse(item.expires_at as string) <= at ? "expired" : (item.status as string)

/**
 * A stored resource as the 1.1.0 document answers it: a session past `expires_at` reads as `expired`,
 * both kinds get the `url` of their hosted page on the origin the client used, and `description` and
 * `public_description` are both answered, equal.
 */
export const renderResource = (
  kind: ResourceKind,
  item: JsonObject,
  origin: string,
  at: number,
): JsonObject => {
  const described = withDescriptions(item)
  if (kind === "checkout_sessions") {
    return {
      ...described,
      status: sessionStatus(item, at),
      url: `${origin}/checkout/${encodeURIComponent(item.checkout_session_id as string)}`,
    }
  }
  return described.url === undefined
    ? { ...described, url: `${origin}/pay/${encodeURIComponent(item.link_id as string)}` }
    : described
}

// What production's create fills in when a body leaves it out (lomi. `checkout-sessions.service.ts` at
// 363dc989, `payment-links.service.ts` at 700515a6): today's answers always carry these fields.
const DEFAULTS_2025: Readonly<Record<ResourceKind, JsonObject>> = {
  checkout_sessions: {
    allow_coupon_code: false,
    allow_quantity: false,
    quantity: 1,
    require_billing_address: false,
  },
  payment_links: { allow_coupon_code: false, allow_quantity: false, require_billing_address: true },
}

/**
 * A stored resource as today's routes answer it, per lomi.'s response DTOs: `description` (never
 * `public_description`, which its database has no column for), the defaults production fills in, and
 * for a session `checkout_url` (what lomi.'s own quick start reads) instead of `url`.
 */
export const renderToday = (kind: ResourceKind, item: JsonObject, origin: string, at: number): JsonObject => {
  const { public_description: _alias, url, ...rest } = renderResource(kind, item, origin, at)
  const answered: JsonObject = rest
  for (const [name, value] of Object.entries(DEFAULTS_2025[kind])) answered[name] ??= value
  if (kind === "checkout_sessions") answered.checkout_url = url as string
  else answered.url = url as string
  return answered
}
