import type fr from "./fr";

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** English texts of the network review (same keys as fr.ts). */
const en: Texts<typeof fr> = {
  nav: "Network review",
  title: "Network review: differences and settlements",
  loginRequired: "Log in to open this page.",
  login: "Log in",
  notAllowed: "This page is for the network team and place managers.",
  issues: {
    title: "Stripe reconciliation differences",
    intro:
      "What the hourly reconciliation with Stripe could not repair on its own: review it, then mark it resolved with a note on what was done.",
    status: "Status",
    kind: "Kind of difference",
    all: "All",
    none: "No difference for these filters.",
    count: "Differences shown: {{count}}",
    seen: "Seen on {{first}} (last on {{last}})",
    payment: "Payment: {{description}} — {{amount}} ({{seller}})",
    network: "network",
    disputed: "disputed",
    stripeId: "Stripe object",
    details: "Details",
    resolvedBy: "Resolved on {{at}} by {{who}}: {{note}}",
    resolve: "Mark as resolved",
    note: "Note: what was done",
    noteHint: "Required. Kept with the difference for the team and the accountant.",
    confirm: "Save the resolution",
    cancel: "Cancel",
    resolved: "Difference marked as resolved.",
  },
  issueStatus: { open: "To review", resolved: "Resolved" },
  kinds: {
    unknown_payment: "Payment unknown to Ostal",
    amount_mismatch: "Different amount or currency",
    payment_for_cancelled_booking: "Cancelled booking paid, not refunded",
    unknown_refund: "Refund of an unknown payment",
    refund_exceeds_payment: "Refund beyond what was paid",
    refunded_amount_mismatch: "Different refunded amounts",
    dispute: "Payment dispute (chargeback)",
    unknown_subscription: "Subscription unknown to Ostal",
    unknown_invoice: "Unknown subscription invoice",
    repair_failed: "Repair failed",
  },
  settlements: {
    title: "Monthly settlements with operators",
    intro:
      "Per operator and month: what the network collected on its behalf, network credits used at its places, the commission, and what it is owed. A draft is recomputed daily until it is closed.",
    none: "No statement yet.",
    operator: "Operator",
    month: "Month",
    status: "Status",
    collected: "Collected",
    redemptions: "Credits used",
    commission: "Commission (excl. VAT)",
    due: "Amount due",
    files: "Statement",
    pdf: "PDF",
    csv: "CSV",
    pdfOf: "PDF statement of {{operator}}, {{month}}",
    csvOf: "CSV statement of {{operator}}, {{month}}",
    draft: "Draft",
    closed: "Closed",
  },
};

export default en;
