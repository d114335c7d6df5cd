/**
 * The four example request bodies of the lomi. API reference (CheckoutApi.md), verbatim: the bodies a
 * first integration sends, exported so tests and demos can send exactly what the documentation shows.
 */
export const REFERENCE_EXAMPLES = {
  /** The body of `create_checkout_session` in the reference. */
  createCheckoutSession: {
    /** 15 000 XOF. */
    amount: 15000,
    /** West African CFA franc. */
    currency_code: "XOF",
    /** A reference id as the document writes them. */
    product_id: "prod_1234567890abcdef",
    /** Where the payer lands after paying. */
    success_url: "https://example.com/success",
    /** Where the payer lands after cancelling. */
    cancel_url: "https://example.com/cancel",
    /** The payer's e-mail address. */
    customer_email: "customer@example.com",
  },
  /** The body of `create_payment_link` in the reference. */
  createPaymentLink: {
    /** The page's title. */
    title: "Premium Membership",
    /** 50 000 XOF. */
    amount: 50000,
    /** West African CFA franc. */
    currency_code: "XOF",
    /** The page's description (the 1.1.0 document's name for it). */
    description: "Annual premium membership",
    /** A reference id as the document writes them. */
    product_id: "prod_1234567890abcdef",
  },
  /** The body of `update_checkout_session` in the reference. */
  updateCheckoutSession: {
    /** Replaces the session's metadata. */
    metadata: {
      /** When the update was made. */
      updated_at: "2025-11-21T12:46:27.078Z",
      /** Why. */
      updated_reason: "Administrative update",
    },
  },
  /** The body of `update_payment_link` in the reference. */
  updatePaymentLink: {
    /** Replaces the link's metadata. */
    metadata: {
      /** When the update was made. */
      updated_at: "2025-11-21T12:46:27.079Z",
      /** Why. */
      updated_reason: "Administrative update",
    },
  },
} as const
