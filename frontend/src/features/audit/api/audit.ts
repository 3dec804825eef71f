import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components, operations } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type AuditEntry = Schemas["AuditEntryOutput"];
export type AuditCategory = Schemas["AuditCategoryEnum"];
export type AuditAction = Schemas["AuditActionEnum"];
export type AuditFilters = NonNullable<operations["audit_entries_list"]["parameters"]["query"]>;

export const AUDIT_CATEGORIES: AuditCategory[] = [
  "prices",
  "rules",
  "places",
  "roles",
  "refunds",
  "invoices",
  "settlements",
  "credits",
  "employers",
];
export const AUDIT_ACTIONS: AuditAction[] = ["create", "update", "delete"];

/** One page of the journal; the previous page stays on screen while the next one loads. */
export function useAuditEntries(filters: AuditFilters) {
  return useQuery({
    queryKey: ["audit", "entries", filters] as const,
    queryFn: async () => unwrap(await api.GET("/api/v1/audit/", { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

/** The operators the journal may be filtered by (the API scopes them to the reader). */
export function useAuditOperators(enabled: boolean) {
  return useQuery({
    queryKey: ["audit", "operators"] as const,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/operators/", { params: { query: { page_size: 200 } } })),
    enabled,
  });
}
