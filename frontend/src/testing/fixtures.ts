/**
 * Test data typed by the generated API schema: if the backend contract changes, these stop
 * compiling before the tests can lie.
 */
import type {
  Department,
  Service,
  SpaceDetail,
  SpaceListItem,
  SpaceListPage,
} from "@/lib/api/types";

export const departments: Department[] = [
  { code: "09", name: "Ariège" },
  { code: "31", name: "Haute-Garonne" },
  { code: "46", name: "Lot" },
  { code: "48", name: "Lozère" },
];

export const services: Service[] = [
  {
    code: "fibre",
    name_fr: "Fibre optique",
    name_en: "Fibre broadband",
    category: "connectivity",
    is_base: true,
  },
  { code: "wifi", name_fr: "Wi-Fi", name_en: "Wi-Fi", category: "connectivity", is_base: true },
  {
    code: "parking",
    name_fr: "Stationnement",
    name_en: "Parking",
    category: "mobility",
    is_base: false,
  },
  {
    code: "kitchen",
    name_fr: "Cuisine partagée",
    name_en: "Shared kitchen",
    category: "amenity",
    is_base: false,
  },
];

export const coworkingToulouse: SpaceListItem = {
  id: 1,
  slug: "la-cantine-toulouse",
  name: "La Cantine",
  kind: "coworking",
  setting: "urban",
  operator: { name: "La Cantine SAS", carrier_kind: "private" },
  commune: { insee_code: "31555", name: "Toulouse", department_code: "31" },
  department_code: "31",
  latitude: 43.6045,
  longitude: 1.4442,
  accepts_network_pass: true,
  services: ["fibre", "wifi", "kitchen"],
  offers_base_set: true,
  day_pass_price: { amount: "15.00", currency: "EUR" },
  distance_km: null,
  thumbnail_url: null,
};

export const fablabFigeac: SpaceListItem = {
  id: 2,
  slug: "fablab-figeac",
  name: "Fablab de Figeac",
  kind: "fablab",
  setting: "rural",
  operator: { name: "Grand-Figeac", carrier_kind: "public" },
  commune: { insee_code: "46102", name: "Figeac", department_code: "46" },
  department_code: "46",
  latitude: 44.6086,
  longitude: 2.0317,
  accepts_network_pass: false,
  services: ["wifi", "parking"],
  offers_base_set: false,
  day_pass_price: null,
  distance_km: null,
  thumbnail_url: null,
};

export const truckListItem: SpaceListItem = {
  id: 3,
  slug: "le-camion-des-causses",
  name: "Le Camion des Causses",
  kind: "itinerant",
  setting: "rural",
  operator: { name: "Causses Numériques", carrier_kind: "private" },
  commune: { insee_code: "48095", name: "Mende", department_code: "48" },
  department_code: "48",
  latitude: 44.5181,
  longitude: 3.5008,
  accepts_network_pass: true,
  services: ["fibre", "wifi", "kitchen"],
  offers_base_set: true,
  day_pass_price: { amount: "12.50", currency: "EUR" },
  distance_km: null,
  thumbnail_url: null,
};

export function page(results: SpaceListItem[], count = results.length): SpaceListPage {
  return { count, next: null, previous: null, results };
}

export const truckDetail: SpaceDetail = {
  ...truckListItem,
  operator: {
    name: "Causses Numériques",
    carrier_kind: "private",
    legal_form: "association",
    website: "https://causses.example.org",
  },
  description_fr: "Un coworking sur roues qui fait étape dans les villages de Lozère.",
  description_en: "A coworking space on wheels stopping in Lozère villages.",
  address: "",
  postal_code: "48000",
  email: "bonjour@camion.example.org",
  phone: "04 66 00 00 00",
  website: "https://camion.example.org",
  accessibility_fr: "Rampe d’accès dépliable.",
  accessibility_en: "Fold-out access ramp.",
  wheelchair_accessible: true,
  timezone: "Europe/Paris",
  photos: [
    {
      url: "/media/truck.jpg",
      alt_fr: "Le camion garé sur une place de village",
      alt_en: "The truck parked in a village square",
    },
  ],
  opening_hours: [],
  closures: [{ start_date: "2026-12-24", end_date: "2027-01-02", reason: "Congés d’hiver" }],
  special_openings: [],
  resources: [
    { id: 31, kind: "desk", name: "Poste 1", capacity: 1 },
    { id: 32, kind: "phone_booth", name: "Cabine", capacity: 1 },
  ],
  prices: [
    {
      resource_kind: "desk",
      unit: "day",
      amount: "12.50",
      member_amount: null,
      currency: "EUR",
    },
  ],
  stops_feed_url: "/ical/public/spaces/le-camion-des-causses/stops.ics",
  upcoming_stops: [
    {
      date: "2026-12-08",
      commune: { insee_code: "48061", name: "Florac Trois Rivières", department_code: "48" },
      latitude: 44.3244,
      longitude: 3.5936,
      opens: "09:00:00",
      closes: "17:00:00",
      location_note: "Esplanade",
    },
    {
      date: "2026-12-07",
      commune: { insee_code: "48092", name: "Marvejols", department_code: "48" },
      latitude: 44.5536,
      longitude: 3.2903,
      opens: "09:30:00",
      closes: "17:30:00",
      location_note: "Place du Foirail",
    },
  ],
};

export const coworkingDetail: SpaceDetail = {
  ...coworkingToulouse,
  operator: { name: "La Cantine SAS", carrier_kind: "private", legal_form: "company", website: "" },
  description_fr: "Un grand plateau au centre de Toulouse.",
  description_en: "",
  address: "27 rue d’Aubuisson",
  postal_code: "31000",
  email: "contact@cantine.example.org",
  phone: "05 61 00 00 00",
  website: "https://cantine.example.org",
  accessibility_fr: "",
  accessibility_en: "",
  wheelchair_accessible: false,
  timezone: "Europe/Paris",
  photos: [],
  opening_hours: [
    { weekday: 0, opens: "09:00:00", closes: "12:30:00" },
    { weekday: 0, opens: "14:00:00", closes: "18:00:00" },
    { weekday: 4, opens: "09:00:00", closes: "17:00:00" },
  ],
  closures: [],
  special_openings: [],
  resources: [{ id: 11, kind: "meeting_room", name: "Salle Garonne", capacity: 8 }],
  prices: [
    {
      resource_kind: "desk",
      unit: "day",
      amount: "15.00",
      member_amount: "11.00",
      currency: "EUR",
    },
    {
      resource_kind: "meeting_room",
      unit: "hour",
      amount: "25.00",
      member_amount: null,
      currency: "EUR",
    },
  ],
  upcoming_stops: [],
  stops_feed_url: null,
};
