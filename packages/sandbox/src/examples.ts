/**
 * The four example request bodies of the lomi. API reference (CheckoutApi.md), verbatim: the bodies a
 * first integration sends, exported so tests and demos can send exactly what the documentation shows.
 */
export const REFERENCE_EXAMPLES = {
  /** The body of `create_checkout_session` in the reference. */
  createCheckoutSession: {
    amount: 15000,
    currency_code: "XOF",
    product_id: "prod_1234567890abcdef",
    success_url: "https://example.com/success",
    cancel_url: "https://example.com/cancel",
    customer_email: "customer@example.com",
  },
  /** The body of `create_payment_link` in the reference. */
  createPaymentLink: {
    title: "Premium Membership",
    amount: 50000,
    currency_code: "XOF",
    description: "Annual premium membership",
    product_id: "prod_1234567890abcdef",
  },
  /** The body of `update_checkout_session` in the reference. */
  updateCheckoutSession: {
    metadata: { updated_at: "2025-11-21T12:46:27.078Z", updated_reason: "Administrative update" },
  },
  /** The body of `update_payment_link` in the reference. */
  updatePaymentLink: {
    metadata: { updated_at: "2025-11-21T12:46:27.079Z", updated_reason: "Administrative update" },
  },
} as const
