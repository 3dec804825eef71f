/** Typed API answers for the employers feature's tests. */
import type { components } from "@/lib/api/schema";
import { loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json } from "@/testing/mock-api";
import type { Bundle, CostCentre, Employer, Employment, Plan, Policy, Usage } from "./api/types";

type Schemas = components["schemas"];

export const acme: Employer = {
  id: 7,
  name: "Acme",
  legal_name: "Acme SAS",
  kind: "company",
  siret: "73282932000074",
  vat_number: "FR44732829320",
  address_line1: "1 rue du Lac",
  address_line2: "",
  postal_code: "31000",
  city: "Toulouse",
  invoice_email: "compta@acme.fr",
  email_domain: "acme.fr",
  chorus_service_code: "",
  chorus_service_code_required: false,
  chorus_engagement_required: false,
  join_url: "/rejoindre/tok123",
};

export const networkCarnet: Plan = {
  id: 3,
  kind: "network_carnet",
  name: "Carnet réseau 10 jours",
  description: "",
  space: null,
  seller_name: "Réseau des tiers-lieux",
  credits: "10.00",
  validity_days: 365,
  price: "150.00",
  currency: "EUR",
  is_recurring: false,
  is_active: true,
};

export const emptyBundle: Bundle = { credits: "0.00", lots: [], orders: [] };

export const sales: CostCentre = { id: 11, name: "Ventes", code: "V01" };

export const defaultPolicy: Policy = {
  id: 1,
  cost_centre: null,
  days_per_week: "2.0",
  days_per_month: null,
  allowed_spaces: [],
  allowed_departments: ["31"],
  max_distance_km: null,
  allowed_weekdays: [],
  allowed_resource_kinds: ["desk"],
  secure_places_only: false,
  may_pay_personally: true,
  company_share_percent: 100,
  invoice_overage: false,
};

export function employment(overrides: Partial<Employment> = {}): Employment {
  return {
    id: 21,
    email: "ada@acme.fr",
    name: "Ada Lovelace",
    status: "active",
    cost_centre: null,
    invited_at: "2026-11-02T09:00:00Z",
    joined_at: "2026-11-03T09:00:00Z",
    left_at: null,
    ...overrides,
  };
}

const row = {
  days: "1.0",
  credits: "1.00",
  overage_credits: "0.00",
  company_amount: "15.00",
  employee_credits: "0.00",
  employee_amount: "0.00",
  bookings: 1,
};

export const usage: Usage = {
  month: "2026-11",
  employees: [
    {
      ...row,
      employment_id: 21,
      name: "Ada Lovelace",
      email: "ada@acme.fr",
      status: "active",
      cost_centre: "",
    },
  ],
  cost_centres: [{ ...row, cost_centre: "", employees: 1 }],
  departments: [{ ...row, department_code: "31", employees: 1 }],
};

export const myEmployer: Schemas["MyEmployerOutput"] = {
  employer_name: "Acme",
  cost_centre: null,
  week: { limit: "2.0", used: "1.0", left: "1.0" },
  month: { limit: null, used: "1.0", left: null },
  bundle_available: true,
  policy: defaultPolicy as Schemas["Policy"],
};

/** The API of an employer admin looking at Acme (add or override routes per test). */
export const adminRoutes = {
  "GET /_allauth/browser/v1/auth/session": loggedInSession(),
  "GET /api/v1/me/": json(memberMe),
  "GET /api/v1/employers/": json([acme]),
  "GET /api/v1/employers/{employer_id}/": json(acme),
  "GET /api/v1/employers/{employer_id}/bundle/": json(emptyBundle),
  "GET /api/v1/employers/{employer_id}/cost-centres/": json([sales]),
  "GET /api/v1/employers/{employer_id}/admins/": json([
    { id: 7, email: memberMe.email, name: "Léa Martin" },
  ]),
  "GET /api/v1/employers/{employer_id}/admin-invitations/": json([]),
  "GET /api/v1/plans/": json([networkCarnet]),
  "GET /api/v1/directory/departments/": json([{ code: "31", name: "Haute-Garonne" }]),
} as const;

/** The first look at a page loaded on demand may wait for its code. */
export const LAZY = { timeout: 8000 };
