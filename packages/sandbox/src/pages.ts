import type { JsonObject } from "./validation.js"

const escapeHtml = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  )

const layout = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111}.amount{font-size:2rem;font-weight:600}.status{display:inline-block;padding:.1rem .5rem;border-radius:.5rem;background:#eee}button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}small{color:#666}</style></head><body>${body}<p><small>lomi. sandbox: no real payment is made.</small></p></body></html>`

const amountOf = (item: JsonObject): string =>
  item.amount === undefined ? "" : `${escapeHtml(item.amount)} ${escapeHtml(item.currency_code ?? "")}`

/** The hosted checkout page of a session: its amount, status, and buttons to simulate the payer. */
export const checkoutPage = (session: JsonObject): string => {
  const id = encodeURIComponent(String(session.checkout_session_id))
  const open = session.status === "open"
  const actions = open
    ? `<form method="post" action="/checkout/${id}/complete"><button type="submit" name="outcome" value="succeeded">Pay</button><button type="submit" name="outcome" value="failed">Fail payment</button><button type="submit" name="outcome" value="canceled">Cancel</button></form>`
    : ""
  return layout(
    "lomi. checkout",
    `<h1>${escapeHtml(session.title ?? "Checkout")}</h1><p class="amount">${amountOf(session)}</p>${
      session.public_description === undefined ? "" : `<p>${escapeHtml(session.public_description)}</p>`
    }<p>Status: <span class="status" data-status="${escapeHtml(session.status)}">${escapeHtml(session.status)}</span></p>${actions}`,
  )
}

/** The page of a payment link, with a button that opens a checkout session for it. */
export const paymentLinkPage = (link: JsonObject): string => {
  const id = encodeURIComponent(String(link.link_id))
  const action =
    link.is_active === false
      ? "<p>This payment link is no longer active.</p>"
      : `<form method="post" action="/pay/${id}"><button type="submit">Continue to payment</button></form>`
  return layout(
    "lomi. payment link",
    `<h1>${escapeHtml(link.title ?? "Payment")}</h1><p class="amount">${amountOf(link)}</p>${
      link.public_description === undefined ? "" : `<p>${escapeHtml(link.public_description)}</p>`
    }${action}`,
  )
}

/** A short page for hosted-page outcomes (not found, already paid, ...). */
export const messagePage = (title: string, message: string): string =>
  layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`)
