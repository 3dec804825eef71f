import type fr from "./fr";

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** English texts of the notification settings (same keys as fr.ts). */
const en: Texts<typeof fr> = {
  title: "My e-mails and reminders",
  intro: "Choose which optional e-mails you receive and when you are reminded of your bookings.",
  always:
    "E-mails about your own bookings, payments and waiting-list offers (confirmation, change, cancellation, no-show, expired offer) are always sent.",
  loginRequired: "Log in to choose your e-mails.",
  login: "Log in",
  reminders: {
    legend: "Booking reminders",
    enabled: "Send me a reminder before each booking",
    dayLegend: "Full-day or half-day bookings",
    eveningBefore: "The evening before at 6 pm (the place's time)",
    hoursBefore: "A few hours before the start",
    hours: "Hours before the start",
    hoursHint: "Between 1 and 168 hours (one week).",
    roomMinutes: "Rooms and time slots: minutes before the start",
    roomMinutesHint: "Between 5 and 2,880 minutes (two days). Default: 60.",
  },
  others: {
    legend: "Other e-mails",
    creditsExpiring: "My credits will expire soon",
    renewalUpcoming: "My plan is about to renew",
    adminSummaries: "Daily summary of the payment reconciliation (network team)",
  },
  save: "Save my choices",
  saving: "Saving…",
  saved: "Your choices are saved. Reminders already planned follow the new lead time.",
  backToAccount: "Back to my account",
};

export default en;
