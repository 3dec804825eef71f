import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { queryKeys } from "@/lib/query-keys";

export async function getServices() {
  return unwrap(await api.GET("/api/v1/directory/services/"));
}

export function servicesQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.services,
    queryFn: getServices,
    staleTime: 60 * 60_000,
  });
}

export function useServices() {
  return useQuery(servicesQueryOptions());
}
