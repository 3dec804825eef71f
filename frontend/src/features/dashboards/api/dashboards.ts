import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { queryKeys } from "@/lib/query-keys";
import type { Me, ManagerDashboardQuery, NetworkDashboardQuery } from "./types";

const keys = {
  manager: (query: ManagerDashboardQuery) => ["dashboards", "manager", query] as const,
  today: (space?: number) => ["dashboards", "today", space ?? "all"] as const,
  network: (query: NetworkDashboardQuery) => ["dashboards", "network", query] as const,
  commute: ["dashboards", "commute"] as const,
};

export async function getManagerDashboard(query: ManagerDashboardQuery) {
  return unwrap(await api.GET("/api/v1/analytics/manager/dashboard/", { params: { query } }));
}

export function managerDashboardQueryOptions(query: ManagerDashboardQuery) {
  return queryOptions({
    queryKey: keys.manager(query),
    queryFn: () => getManagerDashboard(query),
  });
}

export function useManagerDashboard(query: ManagerDashboardQuery) {
  return useQuery(managerDashboardQueryOptions(query));
}

export function useManagerToday(space?: number) {
  return useQuery({
    queryKey: keys.today(space),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/analytics/manager/today/", {
          params: { query: space ? { space } : {} },
        }),
      ),
  });
}

/** Rebuilds today's rollups, then refetches every dashboard query. */
export function useRefreshToday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (space?: number) =>
      unwrap(
        await api.POST("/api/v1/analytics/manager/refresh/", { body: space ? { space } : {} }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["dashboards"] }),
  });
}

export function useNetworkDashboard(query: NetworkDashboardQuery) {
  return useQuery({
    queryKey: keys.network(query),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/analytics/network/dashboard/", { params: { query } })),
  });
}

/**
 * The logged-in user as cached under the shared `me` key (the header's user menu fetches it
 * when someone is logged in); this never fetches by itself, so visitors cause no 403.
 */
export function useCachedMe(): Me | null | undefined {
  const me = useQuery<Me | null>({
    queryKey: queryKeys.me,
    queryFn: async () => {
      const result = await api.GET("/api/v1/me/");
      if (result.response.status === 401 || result.response.status === 403) return null;
      return unwrap(result);
    },
    enabled: false,
  });
  return me.data;
}

export function useCommuteDeclaration() {
  return useQuery({
    queryKey: keys.commute,
    queryFn: async () => unwrap(await api.GET("/api/v1/me/commute/")),
  });
}

export function useSaveCommute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { home_commune: string | null; workplace_commune: string | null }) =>
      unwrap(await api.PUT("/api/v1/me/commute/", { body })),
    onSuccess: (data) => queryClient.setQueryData(keys.commute, data),
  });
}

export function useWithdrawCommute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const result = await api.DELETE("/api/v1/me/commute/");
      if (!result.response.ok) throw new Error(`HTTP ${result.response.status}`);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.commute }),
  });
}

/** Address of a CSV export of a dashboard table, with the dashboard's own parameters. */
export function csvUrl(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
