import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { SpaceListQuery } from "@/lib/api/types";
import { queryKeys } from "@/lib/query-keys";

export async function getSpaces(query: SpaceListQuery) {
  return unwrap(await api.GET("/api/v1/directory/spaces/", { params: { query } }));
}

export function spacesQueryOptions(query: SpaceListQuery) {
  return queryOptions({
    queryKey: queryKeys.spaces(query),
    queryFn: () => getSpaces(query),
    // Keep showing the previous results while new filters load.
    placeholderData: keepPreviousData,
  });
}

export function useSpaces(query: SpaceListQuery) {
  return useQuery(spacesQueryOptions(query));
}
