import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";

const KEY = ["me", "data-exports"] as const;

/** My data exports; polled every 2 s while one is being prepared by the worker. */
export function useDataExports() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () => unwrap(await api.GET("/api/v1/me/data-exports/")),
    refetchInterval: (query) =>
      query.state.data?.some((item) => item.status === "pending" || item.status === "running")
        ? 2000
        : false,
  });
}

export function useRequestDataExport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/me/data-exports/")),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
