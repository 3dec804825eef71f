/** Dashboard payloads typed by the generated schema (tests only). */
import type { ManagerDashboard, ManagerToday, NetworkDashboard } from "./api/types";

const zero = {
  open_minutes: 0,
  booked_minutes: 0,
  bookings: 0,
  cancellations: 0,
  no_shows: 0,
  checked_in: 0,
  occupancy_rate: null,
  cancellation_rate: null,
  no_show_rate: null,
};

export const managerDashboard: ManagerDashboard = {
  places: [{ id: 7, name: "La Fabrique", slug: "la-fabrique", timezone: "Europe/Paris" }],
  period: { date_from: "2026-03-27", date_to: "2026-03-28" },
  previous_period: { date_from: "2026-03-25", date_to: "2026-03-26" },
  granularity: "day",
  kpis: {
    ...zero,
    open_minutes: 1620,
    booked_minutes: 870,
    bookings: 4,
    cancellations: 1,
    checked_in: 1,
    occupancy_rate: 0.537,
    cancellation_rate: 0.25,
    no_show_rate: 0,
    revenue: [{ amount: "25.00", currency: "EUR" }],
    credits_redeemed: "1.50",
    pass_credits_redeemed: "1.00",
  },
  previous_kpis: {
    ...zero,
    revenue: [{ amount: "0.00", currency: "EUR" }],
    credits_redeemed: "0.00",
  },
  by_kind: [
    {
      ...zero,
      resource_kind: "desk",
      open_minutes: 1080,
      booked_minutes: 780,
      occupancy_rate: 0.7222,
    },
    {
      ...zero,
      resource_kind: "meeting_room",
      open_minutes: 540,
      booked_minutes: 90,
      occupancy_rate: 0.1667,
    },
  ],
  series: [
    {
      ...zero,
      start: "2026-03-27",
      end: "2026-03-27",
      open_minutes: 1620,
      booked_minutes: 870,
      bookings: 4,
      occupancy_rate: 0.537,
      by_kind: [
        {
          ...zero,
          resource_kind: "desk",
          open_minutes: 1080,
          booked_minutes: 780,
          occupancy_rate: 0.7222,
        },
      ],
      revenue: [{ amount: "25.00", currency: "EUR" }],
      credits_redeemed: "1.50",
    },
    {
      ...zero,
      start: "2026-03-28",
      end: "2026-03-28",
      by_kind: [],
      revenue: [{ amount: "0.00", currency: "EUR" }],
      credits_redeemed: "0.00",
    },
  ],
  by_resource: [
    {
      ...zero,
      resource_id: 1,
      resource_name: "D1",
      resource_kind: "desk",
      space_id: 7,
      space_name: "La Fabrique",
      open_minutes: 540,
      booked_minutes: 540,
      occupancy_rate: 1,
    },
  ],
  heatmap: [
    { weekday: 4, hour: 9, open_minutes: 180, booked_minutes: 120, occupancy_rate: 0.6667 },
    { weekday: 4, hour: 10, open_minutes: 180, booked_minutes: 150, occupancy_rate: 0.8333 },
  ],
  busiest_days: [
    {
      date: "2026-03-27",
      occupancy_rate: 0.537,
      open_minutes: 1620,
      booked_minutes: 870,
      bookings: 4,
    },
  ],
  emptiest_days: [
    {
      date: "2026-03-27",
      occupancy_rate: 0.537,
      open_minutes: 1620,
      booked_minutes: 870,
      bookings: 4,
    },
  ],
};

export const managerToday: ManagerToday = [
  {
    space_id: 7,
    space_name: "La Fabrique",
    date: "2026-04-15",
    is_open: true,
    by_kind: [
      {
        resource_kind: "desk",
        resources: 2,
        open_minutes: 1080,
        booked_minutes: 240,
        occupancy_rate: 0.2222,
        in_now: 1,
      },
    ],
    people: [
      {
        booking_id: 3,
        name: "Ada Lovelace",
        resource_name: "D1",
        resource_kind: "desk",
        part: "morning",
        start: "2026-04-15T07:00:00Z",
        end: "2026-04-15T11:00:00Z",
        status: "checked_in",
      },
    ],
  },
];

const group = {
  ...zero,
  places: 1,
  members: null,
  suppressed: true,
};

export const networkDashboard: NetworkDashboard = {
  period: { date_from: "2025-05-01", date_to: "2026-04-30" },
  members_period: { date_from: "2025-05-01", date_to: "2026-04-30" },
  places: 2,
  totals: { ...zero, open_minutes: 6000, booked_minutes: 1500, occupancy_rate: 0.25 },
  totals_suppressed: false,
  active_members: 12,
  active_members_suppressed: false,
  active_employers: 2,
  by_department: [
    { ...group, key: "46", open_minutes: 3000, booked_minutes: 600, occupancy_rate: 0.2 },
    { ...group, key: "31", members: 9, suppressed: false, occupancy_rate: 0.3 },
  ],
  by_setting: [{ ...group, key: "urban", members: 12, suppressed: false }],
  by_carrier_kind: [{ ...group, key: "private", members: 12, suppressed: false }],
  pass_redemptions: [],
  unmet_demand: { by_department: [], empty_searches: 3, waitlist_entries: null },
  commute: {
    months: { date_from: "2025-05-01", date_to: "2026-04-01" },
    declarations: 6,
    people: 5,
    days: 15,
    km_avoided: "4119.9",
    co2_kg_avoided: "898.1",
    suppressed: false,
    by_department: [
      {
        department_code: "48",
        people: 5,
        days: 15,
        km_avoided: "4119.9",
        co2_kg_avoided: "898.1",
        suppressed: false,
      },
      {
        department_code: "46",
        people: null,
        days: null,
        km_avoided: null,
        co2_kg_avoided: null,
        suppressed: true,
      },
    ],
  },
};
