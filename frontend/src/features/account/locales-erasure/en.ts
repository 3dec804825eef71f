/** English texts of the account deletion (namespace "accountErasure"); same keys as fr.ts. */
const en = {
  title: "Delete my account",
  intro:
    "Your personal data will be erased: name, e-mail addresses, declared commute, calendar feeds, preferences, notifications and exports. What the law requires us to keep 10 years (invoices, payments, credits, past bookings) is kept under a pseudonym, without your name or address. Your employer, if any, sees that you left. An e-mail confirms it. This cannot be undone.",
  privacyLink: "What we keep and why",
  refused: "Your account cannot be deleted yet:",
  password: "Your password, to confirm",
  confirm: "I understand this cannot be undone",
  submit: "Delete my account for good",
  deleting: "Deleting…",
  done: "Your account is deleted. A confirmation e-mail was sent to your former address.",
};

export default en;
