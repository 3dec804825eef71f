/**
 * Names for the API shapes the UI uses, derived from the generated `schema.d.ts`
 * (never written by hand: `npm run gen:api` regenerates the source of truth).
 */
import type { components, paths } from "./schema";

type JsonBody<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: infer R } };
}
  ? JsonBody<R>
  : never;

export type SpaceListPage = Ok<"/api/v1/directory/spaces/">;
export type SpaceListItem = SpaceListPage["results"][number];
export type SpaceListQuery = NonNullable<
  paths["/api/v1/directory/spaces/"]["get"]["parameters"]["query"]
>;
export type SpaceDetail = Ok<"/api/v1/directory/spaces/{slug}/">;
export type SpaceKind = SpaceListItem["kind"];
export type SpaceSetting = SpaceListItem["setting"];
export type CarrierKind = SpaceListItem["operator"]["carrier_kind"];
export type OpeningHours = SpaceDetail["opening_hours"][number];
export type Closure = SpaceDetail["closures"][number];
export type SpecialOpening = SpaceDetail["special_openings"][number];
export type Resource = SpaceDetail["resources"][number];
export type Price = SpaceDetail["prices"][number];
export type ItineraryStop = SpaceDetail["upcoming_stops"][number];
export type Photo = SpaceDetail["photos"][number];
export type Money = NonNullable<SpaceListItem["day_pass_price"]>;

export type Service = Ok<"/api/v1/directory/services/">[number];
export type Department = Ok<"/api/v1/directory/departments/">[number];
export type Commune = Ok<"/api/v1/directory/communes/">[number];
export type Me = Ok<"/api/v1/me/">;

/** The error body of the API's exception handler: `{code, message, fields}`. */
export type ApiErrorBody = {
  code?: string;
  message?: string;
  fields?: Record<string, string[] | undefined>;
};

type Schemas = components["schemas"];

// Booking engine
export type ResourceKind = Schemas["ResourceKindEnum"];
export type DayPart = Schemas["DayPartEnum"];
export type BookingPart = Schemas["BookingPartEnum"];
export type BookingStatus = Schemas["BookingStatusEnum"];
export type AvailabilityQuery = NonNullable<
  paths["/api/v1/availability/"]["get"]["parameters"]["query"]
>;
export type AvailabilitySearch = Schemas["AvailabilitySearchOutput"];
export type AvailabilityResult = Schemas["AvailabilitySpaceOutput"];
export type AvailabilityDay = Schemas["AvailabilityDayOutput"];
export type AvailabilitySlot = Schemas["AvailabilitySlotOutput"];
export type AvailabilityCalendar = Schemas["AvailabilityCalendarOutput"];
export type BookingPolicyPublic = Schemas["BookingPolicyPublicOutput"];
export type Booking = Schemas["BookingOutput"];
export type BookingCreateInput = Schemas["BookingCreateInputRequest"];
export type BookingChangeInput = Schemas["PatchedBookingChangeInputRequest"];
export type BookingSeriesInput = Schemas["BookingSeriesCreateInputRequest"];
export type BookingSeries = Schemas["BookingSeriesOutput"];
export type SeriesOccurrence = Schemas["SeriesOccurrenceOutput"];
export type WaitlistEntry = Schemas["WaitlistEntryOutput"];
export type Tariff = Schemas["NetworkTariffOutput"];

// Managers
export type ManagedSpace = Schemas["SpaceManage"];
export type ManagerDay = Schemas["ManagerDayOutput"];
export type ManagedBooking = Schemas["BookingManageOutput"];
export type ManagerBookingInput = Schemas["ManagerBookingCreateInputRequest"];
export type ResourceBlock = Schemas["ResourceBlockOutput"];
export type ManagedResource = Schemas["ResourceManage"];
export type ManagedPrice = Schemas["PriceManage"];
export type CheckInCode = Schemas["CheckInCodeOutput"];

// Payments and credits
export type BillingConfig = Schemas["BillingConfigOutput"];
export type PaymentMethod = Schemas["PaymentMethodOutput"];
export type SetupIntent = Schemas["SetupIntentOutput"];
export type PaymentStarted = Schemas["PaymentStartedOutput"];
export type Payment = Schemas["PaymentOutput"];
export type BookingQuote = Schemas["BookingQuoteOutput"];
export type SlotQuote = Schemas["SlotQuoteOutput"];
export type SlotQuoteQuery = paths["/api/v1/billing/quote/"]["get"]["parameters"]["query"];
export type CancellationTerms = Schemas["CancellationTermsOutput"];
export type Checkout = Schemas["CheckoutOutput"];
export type Plan = Schemas["PlanOutput"];
export type Wallet = Schemas["WalletOutput"];
export type CreditLot = Schemas["CreditLotOutput"];
export type CreditEntry = Schemas["CreditEntryOutput"];
export type Invoice = Schemas["InvoiceOutput"];
export type Subscription = Schemas["SubscriptionOutput"];
