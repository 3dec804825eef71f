/** English texts of the privacy page (namespace "privacy"); same keys as fr.ts. */
const en = {
  link: "Privacy",
  title: "Privacy and personal data",
  intro:
    "The network of tiers-lieux of Occitanie, which runs Ostal, is the controller of the processing below; each operator is the controller of what its managers do with the bookings of its places. For each processing: the data, the purpose, the legal basis, how long it is kept and who can see it.",
  registerCaption: "Register of processing",
  columns: {
    processing: "Processing",
    data: "Data",
    purpose: "Purpose",
    basis: "Legal basis",
    retention: "Kept",
    who: "Who sees it",
  },
  rows: {
    accounts: {
      processing: "Accounts",
      data: "e-mail, name, language, password hash, sign-up and login dates",
      purpose: "log in, be contacted about bookings",
      basis: "contract",
      retention:
        "while the account exists; an address never verified nor used: deleted after 30 days",
      who: "you; the network's staff (support)",
    },
    bookings: {
      processing: "Bookings",
      data: "place, desk or room, times, status, check-in",
      purpose: "provide the service, manage capacity",
      basis: "contract",
      retention: "10 years when invoiced (accounting), else with the account",
      who: "you; the place's managers; your employer: days and department only, never the place or date",
    },
    money: {
      processing: "Payments, invoices, refunds, credits, settlements",
      data: "amounts, payment method (Stripe ids), buyer identity on invoices",
      purpose: "pay, invoice, account for credits",
      basis: "legal obligation (French commercial and tax codes)",
      retention: "10 years",
      who: "you; the selling operator's managers; the network's staff",
    },
    employer: {
      processing: "Employer link",
      data: "employer, cost centre, status, dates; days, credits and cost funded per month",
      purpose: "the employer pays its staff's days",
      basis: "contract (employee); legitimate interest (employer)",
      retention:
        "during employment, then with the invoiced days (10 years); invitation never accepted: 90 days",
      who: "you; the employer's admins (per employee: days, credits, cost)",
    },
    commute: {
      processing: "Declared commute",
      data: "home and usual workplace communes (never an address)",
      purpose: "commutes and CO₂ avoided, employers' distance rules",
      basis: "consent (withdrawable any time)",
      retention: "until withdrawn, or 13 months without a booking",
      who: "nobody individually: published only in groups of at least 5 people",
    },
    feeds: {
      processing: "Calendar feeds",
      data: "feed kind, token hash",
      purpose: "subscribe to one's bookings",
      basis: "contract",
      retention: "until revoked or the account is deleted",
      who: "you",
    },
    notifications: {
      processing: "Notifications",
      data: "kind, related booking, sending status",
      purpose: "confirmations, reminders, billing notices",
      basis: "contract",
      retention: "13 months after sending",
      who: "you",
    },
    searches: {
      processing: "Searches that found nothing",
      data: "department, kind and date searched (no account, no IP address)",
      purpose: "network statistics (unmet demand)",
      basis: "legitimate interest",
      retention: "25 months",
      who: "the network's staff, aggregated",
    },
    figures: {
      processing: "Published figures",
      data: "aggregates: groups of at least 5 people, with noise",
      purpose: "observatory, employers' CSR, open data",
      basis: "legitimate interest; the network's public task",
      retention: "published months are kept",
      who: "the network's staff, employers (their staff), the public",
    },
    exports: {
      processing: "Exports of your data",
      data: "a copy of all the above",
      purpose: "right of access and portability (art. 15 and 20)",
      basis: "legal obligation",
      retention: "7 days after it is ready",
      who: "you only",
    },
    audit: {
      processing: "Audit log",
      data: "who (account), when, from where (IP address), what changed on prices, rules, places, roles, refunds, invoices, settlements, credits, employer policies",
      purpose: "accountability, tracing errors and fraud",
      basis: "legitimate interest; legal obligation for money",
      retention: "10 years, unchangeable; the IP address cleared after 1 year",
      who: "the network's staff (with addresses); an operator's managers (its entries, no address)",
    },
    logs: {
      processing: "Technical logs",
      data: "request id, path, status (no content)",
      purpose: "operate and secure the service",
      basis: "legitimate interest",
      retention: "per the hosting's log rotation",
      who: "the platform's operators",
    },
  },
  rightsTitle: "Your rights",
  rights: {
    access:
      "Access and portability: from your account, « My data » prepares a file of everything we hold on you.",
    rectification: "Rectification: your profile and commute are edited from your account.",
    consent: "Withdrawing consent: your declared commute can be deleted any time.",
    erasure:
      "Erasure: « Delete my account », from « My data ». What the law requires us to keep is kept under a pseudonym.",
    recipients:
      "Recipients: Stripe (payments) and our e-mail provider, as processors; no other transfer.",
    complaint:
      "Complaint: you may refer to the CNIL (www.cnil.fr) if you think your rights are not respected.",
  },
  myData: "My data",
};

export default en;
