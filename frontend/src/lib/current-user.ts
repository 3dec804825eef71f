import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { Me } from "@/lib/api/types";
import { queryKeys } from "@/lib/query-keys";

/** The logged-in user, or null for an anonymous visitor (401/403). */
export async function getMe(): Promise<Me | null> {
  const result = await api.GET("/api/v1/me/");
  if (result.response.status === 401 || result.response.status === 403) return null;
  return unwrap(result);
}

export function meQueryOptions() {
  return queryOptions({ queryKey: queryKeys.me, queryFn: getMe, staleTime: 5 * 60_000 });
}

/** `enabled: false` skips the call (e.g. while the auth session says nobody is logged in). */
export function useMe({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...meQueryOptions(), enabled });
}

/** Managers of at least one operator, and the network's staff, see the manager screens. */
export function isManager(me: Me | null | undefined): boolean {
  return Boolean(me && (me.is_network_admin || me.managed_operator_ids.length > 0));
}

/** At the front desk of at least one operator: sees its places' day and checks people in. */
export function isFrontDesk(me: Me | null | undefined): boolean {
  return Boolean(me && (me.front_desk_operator_ids ?? []).length > 0);
}
