import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { ApiError, unwrap } from "@/lib/api/errors";

const KEY = ["me", "erasure"] as const;

/** Whether my account can be deleted now, and the reasons if not. */
export function useErasureCheck() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () => unwrap(await api.GET("/api/v1/me/erasure/")),
  });
}

/** Delete my account (with my password); the session ends, so every cached answer goes. */
export function useEraseAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (password: string) => {
      const { error, response } = await api.POST("/api/v1/me/erasure/", { body: { password } });
      if (!response.ok) throw new ApiError(response.status, error);
    },
    onSuccess: () => client.clear(),
  });
}
