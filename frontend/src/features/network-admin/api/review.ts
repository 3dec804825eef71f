import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type Issue = Schemas["ReconciliationIssueOutput"];
export type IssueKind = Schemas["ReconciliationIssueOutputKindEnum"];
export type IssueStatus = Schemas["ReconciliationIssueOutputStatusEnum"];
export type Settlement = Schemas["SettlementOutput"];
export type IssueFilters = { status?: IssueStatus; kind?: IssueKind };

const keys = {
  issues: ["network-admin", "issues"] as const,
  issueList: (filters: IssueFilters) => ["network-admin", "issues", filters] as const,
  settlements: ["network-admin", "settlements"] as const,
};

/** Reconciliation differences (network admins only), newest first. */
export function useIssues(filters: IssueFilters, { enabled = true } = {}) {
  return useQuery({
    queryKey: keys.issueList(filters),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/network/reconciliation-issues/", {
          params: { query: { ...filters, page_size: 100 } },
        }),
      ),
    enabled,
  });
}

export function useResolveIssue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, note }: { id: number; note: string }) =>
      unwrap(
        await api.POST("/api/v1/network/reconciliation-issues/{id}/resolve/", {
          params: { path: { id } },
          body: { note },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.issues }),
  });
}

/** Monthly statements: all operators' for the network, one's own operators' for a manager. */
export function useSettlements({ enabled = true } = {}) {
  return useQuery({
    queryKey: keys.settlements,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/settlements/", { params: { query: { page_size: 100 } } }),
      ),
    enabled,
  });
}

/** Where the browser downloads a statement (same origin, session cookie). */
export function settlementFileUrl(id: number, kind: "pdf" | "csv"): string {
  return `/api/v1/manage/settlements/${id}/${kind}/`;
}
