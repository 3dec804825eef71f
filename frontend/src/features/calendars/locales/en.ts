import type fr from "./fr";

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** English texts of the calendars feature (same keys as fr.ts). */
const en: Texts<typeof fr> = {
  nav: {
    myAgenda: "My calendar",
  },
  copy: {
    copy: "Copy",
    copied: "Copied",
    failed: "Could not copy: select the address and copy it.",
  },
  agenda: {
    title: "My calendar",
    intro:
      "Subscribe your calendar (Google, Outlook, Apple, Thunderbird) to all your bookings across the network: new, changed and cancelled bookings show up by themselves.",
    loginRequired: "Log in to subscribe your calendar.",
    loading: "Loading your subscription…",
    none: "You have no subscription address yet.",
    create: "Create my subscription address",
    creating: "Creating…",
    active: "Subscription active, created on {{date}}.",
    lastUsed: "Last read by a calendar app: {{date}}.",
    neverUsed: "No calendar app has read it yet.",
    hiddenAddress:
      "For your safety the address is shown only once. Lost it? Generate a new one: the old one will stop working.",
    regenerate: "Generate a new address",
    regenerateConfirm:
      "The current address will stop working at once: subscribed calendars will need the new one. Continue?",
    revoke: "Delete the subscription",
    revokeConfirm:
      "The address will stop working at once and your calendars will no longer receive your bookings. Delete the subscription?",
    revoked: "Subscription deleted: the address no longer works.",
    confirm: "Confirm",
    cancel: "Cancel",
    downloadHint: "For a single booking, use “Add to my calendar” in My bookings.",
    myBookingsLink: "My bookings",
  },
  links: {
    title: "Your subscription address",
    secret:
      "Keep it to yourself: anyone who knows it sees the bookings it contains. It is shown only now.",
    webcal: "Subscription link (webcal://)",
    https: "https address",
    subscribe: "Subscribe in my calendar app",
    howTo: "How to subscribe",
    google:
      "Google Calendar (on a computer): “Other calendars” → “+” → “From URL”, paste the https address, then “Add calendar”. Google reads it again every few hours.",
    outlook:
      "Outlook: “Add calendar” → “Subscribe from web”, paste the https address, give it a name, then “Import”.",
    apple:
      "Apple Calendar (Mac, iPhone): tap the webcal:// link, or “File” → “New Calendar Subscription” and paste the address.",
    thunderbird:
      "Thunderbird: “New Calendar” → “On the Network”, paste the https address, then “Find Calendars” and “Subscribe”.",
  },
  manage: {
    title: "Place calendars",
    back: "Back to management",
    linkFromManage: "Calendars: subscriptions and imported calendars",
    place: "Place",
    feedsTitle: "Subscribe to occupancy",
    feedsIntro:
      "A private address per place or per resource: your calendar shows the bookings (people's first name and initial, never their e-mail).",
    wholePlace: "The whole place",
    target: "For",
    createFeed: "Create an address",
    feedList: "Your addresses for this place",
    noFeeds: "No address for this place.",
    externalTitle: "Imported calendars",
    externalIntro:
      "Ostal imports these calendars every 15 minutes as blocked times (bookings made elsewhere, town hall closures…).",
    noExternal: "No imported calendar for this place.",
    add: "Add a calendar",
    name: "Name",
    url: "Address of the .ics file (https:// or webcal://)",
    resource: "Blocks",
    save: "Save",
    edit: "Edit",
    delete: "Delete",
    deleteConfirm: "Stop importing “{{name}}” and remove every time it blocked?",
    deleted: "Calendar deleted.",
    importNow: "Import now",
    importing: "Importing…",
    status: "Status",
    lastImport: "Last successful import: {{date}}.",
    lastAttempt: "Last attempt: {{date}}.",
    neverImported: "Not imported yet: it will be within minutes.",
    events: "{{count}} event(s) imported.",
    problems: "Events not imported",
    statuses: {
      never: "Waiting",
      ok: "Imported",
      partial: "Partly imported",
      error: "Failed",
    },
  },
};

export default en;
