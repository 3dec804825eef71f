import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { queryKeys } from "@/lib/query-keys";

export async function getSpace(slug: string) {
  return unwrap(await api.GET("/api/v1/directory/spaces/{slug}/", { params: { path: { slug } } }));
}

export function spaceQueryOptions(slug: string) {
  return queryOptions({ queryKey: queryKeys.space(slug), queryFn: () => getSpace(slug) });
}

export function useSpace(slug: string) {
  return useQuery(spaceQueryOptions(slug));
}
