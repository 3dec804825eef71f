import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

export type Coverage = components["schemas"]["CoverageOutput"];
export type CoverageParams = { date?: string; radius: 10 | 20 | 30; stops: number };

export function useCoverage(params: CoverageParams) {
  return useQuery({
    queryKey: ["coverage", params],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/network/coverage/", {
          params: { query: { ...params, date: params.date || undefined } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
