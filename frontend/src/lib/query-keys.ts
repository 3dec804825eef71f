/**
 * Query keys shared across features (a feature never imports another one: it invalidates
 * through these keys instead).
 */
export const queryKeys = {
  me: ["me"] as const,
  authSession: ["auth", "session"] as const,
  services: ["directory", "services"] as const,
  departments: ["directory", "departments"] as const,
  communes: (q: string) => ["directory", "communes", q] as const,
  spaces: (params: object) => ["directory", "spaces", params] as const,
  space: (slug: string) => ["directory", "space", slug] as const,
  // Booking engine
  availability: (params: object) => ["availability", "search", params] as const,
  availabilityCalendar: (slug: string, params: object) =>
    ["availability", "calendar", slug, params] as const,
  availabilityAll: ["availability"] as const,
  tariffs: ["tariffs"] as const,
  bookings: ["bookings"] as const,
  bookingList: (when: string) => ["bookings", "list", when] as const,
  booking: (id: number) => ["bookings", "detail", id] as const,
  waitlist: ["waitlist"] as const,
  // Payments and credits
  billingConfig: ["billing", "config"] as const,
  paymentMethods: ["billing", "payment-methods"] as const,
  quote: (bookingId: number) => ["billing", "quote", bookingId] as const,
  slotQuote: (params: object) => ["billing", "slot-quote", params] as const,
  cancellationTerms: (bookingId: number) => ["billing", "cancellation", bookingId] as const,
  wallet: ["wallet"] as const,
  walletEntries: ["wallet", "entries"] as const,
  plans: (params: object) => ["plans", params] as const,
  payments: ["payments"] as const,
  invoices: ["invoices"] as const,
  subscriptions: ["subscriptions"] as const,
  // Managers
  managedSpaces: ["manage", "spaces"] as const,
  managerDay: (spaceId: number, date: string) => ["manage", "day", spaceId, date] as const,
  managedResources: (spaceId: number) => ["manage", "resources", spaceId] as const,
  checkInCode: (spaceId: number) => ["manage", "check-in-code", spaceId] as const,
  managedPrices: (spaceId: number) => ["manage", "prices", spaceId] as const,
};
