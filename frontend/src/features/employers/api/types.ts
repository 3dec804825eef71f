/** Names for the employers API shapes, derived from the generated schema (never by hand). */
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];

export type Employer = Schemas["Employer"];
export type EmployerInput = Schemas["EmployerRequest"];
export type EmployerKind = Schemas["EmployerKindEnum"];
export type EmployerAdmin = Schemas["Admin"];
export type CostCentre = Schemas["CostCentre"];
/** The API sends `cost_centre: null` for the company's default policy. */
export type Policy = Omit<Schemas["Policy"], "cost_centre"> & { cost_centre: number | null };
export type PolicyInput = Schemas["PolicyRequest"];
export type Department = Schemas["AllowedDepartmentsEnum"];
export type ResourceKind = Schemas["ResourceKindEnum"];
/** `cost_centre` is null when the employee has none. */
export type Employment = Omit<Schemas["Employment"], "cost_centre"> & {
  cost_centre: number | null;
};
export type EmploymentStatus = Schemas["EmploymentStatusEnum"];
export type Bundle = Schemas["BundleOutput"];
export type BundleOrder = Schemas["BundleOrder"];
export type OrderMethod = Schemas["BundleOrderMethodEnum"];
export type OrderStatus = Schemas["BundleOrderStatusEnum"];
export type Usage = Schemas["UsageOutput"];
export type UsageRow =
  Schemas["EmployeeUsage"] | Schemas["CostCentreUsage"] | Schemas["DepartmentUsage"];
export type EmployerInvoice = Schemas["EmployerInvoice"];
export type Commute = Schemas["EmployerCommuteOutput"];
export type Plan = Schemas["PlanOutput"];
export type UsageBy = "employee" | "cost_centre" | "department";
