import type fr from "./fr";

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** English texts of the e-invoicing screens (namespace "einvoicing"); same keys as fr.ts. */
const en: Texts<typeof fr> = {
  nav: "E-invoicing",
  chooseTitle: "E-invoicing",
  title: "E-invoicing — {{operator}}",
  networkTitle: "E-invoicing — the network’s invoices",
  chooseIntro: "Choose the organisation whose e-invoicing you manage.",
  networkOwn: "The network’s invoices (passes, network carnets, employers)",
  noOperator: "You manage no organisation.",
  loginRequired: "Log in to reach this page.",
  login: "Log in",
  notAllowed: "This page is for the organisation’s managers and the network’s staff.",
  intro:
    "Since France’s e-invoicing reform, invoices between businesses (and to public buyers) go through an accredited platform, which files them, passes them on to the buyer and reports their status. Ostal issues your invoices in your name; with your mandate, the network also transmits them for you.",
  settings: {
    title: "Mandate and identifier",
    siret: "Organisation’s SIRET: {{siret}}",
    noSiret: "No SIRET on record: enter it before giving the mandate.",
    mandate:
      "I give the network the mandate to transmit our business invoices to the accredited platform in our name",
    mandateHint:
      "Applies to invoices issued from now on. Sales to consumers are not concerned (they are e-reported).",
    mandateGiven: "Mandate given on {{date}} by {{email}}.",
    noMandate: "No mandate: you transmit your invoices yourself (Factur-X PDF to download below).",
    identifier: "Identifier in the directory (e-invoicing address)",
    identifierHint:
      "Your SIREN, optionally followed by _SIRET or _routing code, as your receiving platform registered it. Leave empty to use the SIREN.",
    platform: "Accredited platform the network uses: {{name}}",
    noPlatform:
      "No accredited platform is configured yet: invoices wait in the queue and leave as soon as one is.",
    save: "Save",
    saving: "Saving…",
    saved: "Settings saved.",
  },
  list: {
    title: "Transmitted invoices",
    intro: "Every business invoice Ostal transmits, with the statuses the platform reports.",
    filter: "Show",
    all: "All",
    pending: "Waiting to be transmitted",
    submitted: "Transmitted",
    failed: "Failed",
    refused: "Refused by the buyer",
    rejected: "Rejected by the platform",
    none: "No e-invoice yet.",
    caption: "E-invoices and their status",
    number: "Number",
    date: "Issued on",
    buyer: "Buyer",
    total: "Total incl. VAT",
    status: "Status",
    history: "History",
    historyOf: "History of {{number}}",
    creditNote: "credit note",
    attempts: "Attempts: {{count}}",
    nextAttempt: "Next attempt on {{date}}",
    error: "Last error: {{error}}",
    retry: "Retry",
    retryOf: "Retry transmitting {{number}}",
    retried: "{{number}} is on its way to the platform again.",
    pdf: "PDF",
    download: "Download {{number}}",
    more: "Show more",
  },
};

export default en;
