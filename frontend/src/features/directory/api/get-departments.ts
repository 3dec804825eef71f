import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { queryKeys } from "@/lib/query-keys";

export async function getDepartments() {
  return unwrap(await api.GET("/api/v1/directory/departments/"));
}

export function departmentsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.departments,
    queryFn: getDepartments,
    staleTime: 60 * 60_000,
  });
}

export function useDepartments() {
  return useQuery(departmentsQueryOptions());
}
