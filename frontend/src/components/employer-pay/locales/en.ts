import type fr from "./fr";

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** English texts of the employee's side of the employer bundle (same keys as fr.ts). */
const en: Texts<typeof fr> = {
  who: "Who pays?",
  byEmployer: "Paid by my employer ({{employer}})",
  byMe: "I pay myself",
  alreadyPaid: "This booking is paid already.",
  checking: "Checking what your employer pays for…",
  share: "{{employer}} pays {{percent}}% of this booking.",
  shareAll: "{{employer}} pays for all of this booking.",
  myShare: "Your share: {{share}}.",
  myShareCredits: "{{credits}} credits",
  myShareCredits_one: "{{credits}} credit",
  myShareMethod: "Pay my share",
  myShareWithCredits: "With my credits",
  myShareByCard: "By card ({{amount}})",
  confirm: "Confirm, paid by {{employer}}",
  payMyShare: "Pay my share ({{amount}})",
  paying: "Paying…",
  refusedTitle: "Not paid for by {{employer}}",
  notAllowed: "{{employer}} does not allow booking at your own cost beyond what it pays for.",
  cardFailed: "The payment of your share failed.",
  panelTitle: "My employer",
  panelIntro: "{{employer}} pays for your days in tiers-lieux under its policy.",
  costCentre: "Cost centre: {{name}}.",
  week: "This week",
  month: "This month",
  left: "{{left}} days left of {{limit}}",
  left_one: "{{left}} day left of {{limit}}",
  unlimited: "No limit ({{used}} used)",
  bundleEmpty: "Your employer's bundle is used up for now: your bookings cannot be paid for by it.",
  companyShare: "Share paid by your employer: {{percent}}%.",
  mayPay: "Beyond that, you may book at your own cost.",
  mayNotPay: "Beyond that, your employer does not allow booking at your own cost.",
};

export default en;
