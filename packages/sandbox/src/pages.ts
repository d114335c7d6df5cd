import { formatAmount } from "./amounts.js"
import type { JsonObject } from "./json-value.js"

const escapeHtml = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  )

const layout = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111}.amount{font-size:2rem;font-weight:600;white-space:nowrap}.status{display:inline-block;padding:.1rem .5rem;border-radius:.5rem;background:#eee}button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}small{color:#666}</style></head><body>${body}<p><small>lomi. sandbox: no real payment is made.</small></p></body></html>`

const amountOf = (item: JsonObject): string =>
  item.amount === undefined
    ? ""
    : `<p class="amount" data-testid="amount">${escapeHtml(formatAmount(item.amount, item.currency_code))}</p>`

/** The hosted checkout page of a session: its amount, status, and buttons to simulate the payer. */
export const checkoutPage = (session: JsonObject): string => {
  const id = encodeURIComponent(String(session.checkout_session_id))
  const open = session.status === "open"
  const actions = open
    ? `<form method="post" action="/checkout/${id}/complete"><button type="submit" name="outcome" value="succeeded" data-testid="pay">Pay</button><button type="submit" name="outcome" value="failed" data-testid="fail">Fail payment</button><button type="submit" name="outcome" value="canceled" data-testid="cancel">Cancel</button></form>`
    : ""
  return layout(
    "lomi. checkout",
    `<h1 data-testid="title">${escapeHtml(session.title ?? "Checkout")}</h1>${amountOf(session)}${
      session.public_description === undefined ? "" : `<p>${escapeHtml(session.public_description)}</p>`
    }<p>Status: <span class="status" data-testid="status" data-status="${escapeHtml(session.status)}">${escapeHtml(session.status)}</span></p>${actions}`,
  )
}

/** The page of a payment link, with a button that opens a checkout session for it. */
export const paymentLinkPage = (link: JsonObject): string => {
  const id = encodeURIComponent(String(link.link_id))
  const action =
    link.is_active === false
      ? "<p>This payment link is no longer active.</p>"
      : `<form method="post" action="/pay/${id}"><button type="submit" data-testid="continue">Continue to payment</button></form>`
  return layout(
    "lomi. payment link",
    `<h1 data-testid="title">${escapeHtml(link.title ?? "Payment")}</h1>${amountOf(link)}${
      link.public_description === undefined ? "" : `<p>${escapeHtml(link.public_description)}</p>`
    }${action}`,
  )
}

/** A short page for hosted-page outcomes (not found, already paid, ...), with an optional link onwards. */
export const messagePage = (
  title: string,
  message: string,
  link?: { readonly href: string; readonly label: string },
): string =>
  layout(
    title,
    `<h1 data-testid="title">${escapeHtml(title)}</h1><p data-testid="message">${escapeHtml(message)}</p>${
      link === undefined
        ? ""
        : `<p><a href="${escapeHtml(link.href)}" data-testid="back">${escapeHtml(link.label)}</a></p>`
    }`,
  )
