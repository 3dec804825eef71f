/**
 * Booking, payment and manager test data, typed by the generated API schema.
 * The week of Monday 23 November 2026 at "La Cantine" (Toulouse, Europe/Paris: UTC+1).
 */
import type {
  AvailabilityCalendar,
  AvailabilityDay,
  AvailabilityResult,
  Booking,
  BookingQuote,
  Invoice,
  ManagedBooking,
  ManagerDay,
  Me,
  Plan,
  Wallet,
} from "@/lib/api/types";
import { json } from "./mock-api";

export const memberMe: Me = {
  id: 7,
  email: "lea@example.org",
  first_name: "Léa",
  last_name: "Martin",
  language: "fr",
  is_network_admin: false,
  managed_operator_ids: [],
  front_desk_operator_ids: [],
};

export const managerMe: Me = {
  ...memberMe,
  id: 8,
  email: "cy@example.org",
  managed_operator_ids: [3],
};

export const loggedInSession = (me: Me = memberMe) =>
  json({
    status: 200,
    data: { user: { id: me.id, email: me.email, display: me.first_name }, methods: [] },
    meta: { is_authenticated: true },
  });

export const anonymousSession = json(
  { status: 401, data: { flows: [{ id: "login" }] }, meta: { is_authenticated: false } },
  401,
);

export const cantineRef = {
  id: 1,
  slug: "la-cantine-toulouse",
  name: "La Cantine",
  kind: "coworking" as const,
  commune: { insee_code: "31555", name: "Toulouse", department_code: "31" as const },
  latitude: 43.6045,
  longitude: 1.4442,
  timezone: "Europe/Paris" as const,
  accepts_network_pass: true,
};

/** An open day 09:00–18:00 local (08:00–17:00Z in winter) with `free` desks per part. */
export function deskDay(date: string, free: { day: number; morning: number; afternoon: number }) {
  const ids = (count: number) => Array.from({ length: count }, (_, index) => 100 + index);
  return {
    date,
    is_open: true,
    closed_reason: null,
    opens_at: `${date}T08:00:00Z`,
    closes_at: `${date}T17:00:00Z`,
    stop: null,
    free: free.day,
    slots: [
      {
        key: "day",
        start: `${date}T08:00:00Z`,
        end: `${date}T17:00:00Z`,
        free: free.day,
        free_resource_ids: ids(free.day),
      },
      {
        key: "morning",
        start: `${date}T08:00:00Z`,
        end: `${date}T12:00:00Z`,
        free: free.morning,
        free_resource_ids: ids(free.morning),
      },
      {
        key: "afternoon",
        start: `${date}T12:00:00Z`,
        end: `${date}T17:00:00Z`,
        free: free.afternoon,
        free_resource_ids: ids(free.afternoon),
      },
    ],
  } satisfies AvailabilityDay;
}

export function closedDay(date: string): AvailabilityDay {
  return {
    date,
    is_open: false,
    closed_reason: "closed",
    opens_at: null,
    closes_at: null,
    stop: null,
    free: 0,
    slots: [],
  };
}

export function deskCalendar(requiresPayment = false): AvailabilityCalendar {
  return {
    space: cantineRef,
    resource_kind: "desk",
    policy: {
      sale_unit: "half_day",
      min_duration_minutes: null,
      max_duration_minutes: null,
      min_notice_minutes: 0,
      max_advance_days: 90,
      cancellation_deadline_minutes: 60,
      no_show_grace_minutes: 60,
      max_active_bookings_per_member: 30,
      max_bookings_per_member_per_day: 1,
      requires_payment: requiresPayment,
      hold_minutes: 15,
    },
    total: 5,
    resources: [],
    days: [
      deskDay("2026-11-23", { day: 5, morning: 5, afternoon: 5 }),
      deskDay("2026-11-24", { day: 5, morning: 5, afternoon: 5 }),
      deskDay("2026-11-25", { day: 5, morning: 5, afternoon: 5 }),
      deskDay("2026-11-26", { day: 5, morning: 5, afternoon: 5 }),
      deskDay("2026-11-27", { day: 3, morning: 4, afternoon: 0 }),
      closedDay("2026-11-28"),
      closedDay("2026-11-29"),
    ],
  };
}

export const searchResult: AvailabilityResult = {
  space: cantineRef,
  resource_kind: "desk",
  sale_unit: "half_day",
  total: 5,
  distance_km: 2.4,
  days: [deskDay("2026-11-27", { day: 3, morning: 4, afternoon: 0 })],
  prices: [
    { unit: "day", amount: "12.50", currency: "EUR" },
    { unit: "half_day", amount: "7.50", currency: "EUR" },
  ],
};

export function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 42,
    reference: "6f1c2d3e-4b5a-4c6d-8e7f-901234567890",
    status: "confirmed",
    source: "member",
    space: {
      id: 1,
      slug: "la-cantine-toulouse",
      name: "La Cantine",
      timezone: "Europe/Paris",
      address: "27 rue d’Aubuisson",
      commune: cantineRef.commune,
    },
    stop: null,
    resource: { id: 101, name: "Poste 2", kind: "desk", capacity: 1 },
    resource_kind: "desk",
    date: "2026-11-27",
    part: "day",
    start: "2026-11-27T08:00:00Z",
    end: "2026-11-27T17:00:00Z",
    timezone: "Europe/Paris",
    local_start_time: "09:00",
    local_end_time: "18:00",
    attendees: 1,
    expires_at: null,
    checked_in_at: null,
    cancelled_at: null,
    no_show_at: null,
    series: null,
    booked_by_manager: false,
    cancellation_deadline: "2026-11-27T07:00:00Z",
    qr_code_url: "/api/v1/bookings/42/qr.svg",
    sequence: 0,
    created_at: "2026-11-20T10:00:00Z",
    updated_at: "2026-11-20T10:00:00Z",
    ...overrides,
  };
}

export const quote: BookingQuote = {
  amount: "15.00",
  is_member_price: false,
  currency: "EUR",
  credits: "1.00",
  covered_by_subscription: false,
  credits_available: "10.00",
};

export const wallet: Wallet = {
  total_credits: "10.00",
  network_credits: "0.00",
  space_credits: [{ space_id: 1, credits: "10.00" }],
  lots: [
    {
      id: 5,
      scope: "space",
      space: { id: 1, name: "La Cantine", slug: "la-cantine-toulouse" },
      credits_granted: "10.00",
      balance: "10.00",
      valid_from: "2026-11-01T10:00:00Z",
      expires_at: "2027-04-30T10:00:00Z",
      is_valid_now: true,
      source: "purchase",
      plan_name: "Carnet 10 journées",
    },
  ],
};

export const carnet: Plan = {
  id: 9,
  kind: "place_carnet",
  name: "Carnet 10 journées",
  description: "",
  space: { id: 1, name: "La Cantine", slug: "la-cantine-toulouse" },
  seller_name: "La Cantine SAS",
  credits: "10.00",
  validity_days: 180,
  price: "120.00",
  currency: "EUR",
  is_recurring: false,
  is_active: true,
};

export const invoice: Invoice = {
  reference: "0a1b2c3d-0000-4000-8000-000000000001",
  doc_type: "invoice",
  number: "F-2026-000123",
  issued_at: "2026-11-01T10:00:00Z",
  service_date: "2026-11-01",
  seller_name: "La Cantine SAS",
  on_behalf_of: false,
  is_business: false,
  currency: "EUR",
  total_net: "100.00",
  total_vat: "20.00",
  total_gross: "120.00",
  vat_mentions: [],
  payment_terms: "",
  paid_at: "2026-11-01T10:00:00Z",
  credited_invoice_number: null,
  payment_reference: "0a1b2c3d-0000-4000-8000-000000000002",
  lines: [],
  vat_breakdown: [],
  pdf_url: "/api/v1/invoices/0a1b2c3d-0000-4000-8000-000000000001/pdf/",
  einvoice: null,
};

export function managedBooking(overrides: Partial<ManagedBooking> = {}): ManagedBooking {
  return {
    ...booking({ date: "2026-11-26", start: "2026-11-26T08:00:00Z", end: "2026-11-26T17:00:00Z" }),
    member: { id: 7, email: "ada@example.org", first_name: "Ada", last_name: "Lovelace" },
    booked_by: null,
    no_show_due_at: null,
    ...overrides,
  };
}

export function managerDay(bookings: ManagedBooking[]): ManagerDay {
  return {
    space: booking().space,
    date: "2026-11-26",
    summary: { active: bookings.length, checked_in: 0, no_show: 0, cancelled: 0 },
    bookings,
    blocks: [],
  };
}
