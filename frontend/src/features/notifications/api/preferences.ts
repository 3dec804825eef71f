import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type NotificationPreferences = Schemas["NotificationPreferenceOutput"];
export type NotificationPreferencesChange =
  Schemas["PatchedNotificationPreferenceUpdateInputRequest"];
export type DayReminder = Schemas["DayReminderEnum"];

const key = ["notifications", "preferences"] as const;

/** My e-mail choices (the defaults when I never chose). */
export function useNotificationPreferences({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: key,
    queryFn: async () => unwrap(await api.GET("/api/v1/notifications/preferences/")),
    enabled,
  });
}

/** Saves any subset of the choices; the answer (the saved choices) replaces the cache. */
export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: NotificationPreferencesChange) =>
      unwrap(await api.PATCH("/api/v1/notifications/preferences/", { body })),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
}
