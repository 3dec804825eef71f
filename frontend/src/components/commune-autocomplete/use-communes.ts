import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { queryKeys } from "@/lib/query-keys";

export const COMMUNE_MIN_CHARS = 2;

export async function getCommunes(q: string) {
  return unwrap(await api.GET("/api/v1/directory/communes/", { params: { query: { q } } }));
}

export function communesQueryOptions(q: string) {
  return queryOptions({
    queryKey: queryKeys.communes(q),
    queryFn: () => getCommunes(q),
    enabled: q.trim().length >= COMMUNE_MIN_CHARS,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useCommunes(q: string) {
  return useQuery(communesQueryOptions(q.trim()));
}
