import type { JsonObject, ResourceKind } from "./validation.js"

/**
 * A stored resource as the API answers it: a session past `expires_at` reads as `expired`, and both
 * kinds get the `url` of their hosted page on the origin the client used.
 */
export const renderResource = (
  kind: ResourceKind,
  item: JsonObject,
  origin: string,
  at: number,
): JsonObject => {
  if (kind === "checkout_sessions") {
    const expired = item.status === "open" && Date.parse(item.expires_at as string) <= at
    return {
      ...item,
      status: expired ? "expired" : (item.status as string),
      url: `${origin}/checkout/${encodeURIComponent(item.checkout_session_id as string)}`,
    }
  }
  return item.url === undefined
    ? { ...item, url: `${origin}/pay/${encodeURIComponent(item.link_id as string)}` }
    : item
}
