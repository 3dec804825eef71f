import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";
import { queryKeys } from "@/lib/query-keys";

type Schemas = components["schemas"];
export type ApplicationSubmit = Schemas["ApplicationSubmitInputRequest"];
export type ApplicationListItem = Schemas["ApplicationListOutput"];
export type ApplicationDetail = Schemas["ApplicationDetailOutput"];
export type ApplicationStatus = Schemas["ApplicationStatusEnum"];
export type ApplicationCounts = Schemas["ApplicationCountsOutput"];
export type Need = Schemas["NeedsEnum"];

const keys = {
  all: ["joining", "applications"] as const,
  list: (status: string) => ["joining", "applications", "list", status] as const,
  detail: (id: number) => ["joining", "applications", "detail", id] as const,
  counts: ["joining", "applications", "counts"] as const,
};

/** The network's services (for the checkboxes of the form). */
export function useServiceCatalogue() {
  return useQuery({
    queryKey: queryKeys.services,
    queryFn: async () => unwrap(await api.GET("/api/v1/directory/services/")),
    staleTime: 60 * 60 * 1000,
  });
}

/** Sends the application as multipart form data (documents included). */
export function useSubmitApplication() {
  return useMutation({
    mutationFn: async ({ fields, documents }: { fields: ApplicationSubmit; documents: File[] }) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) {
        if (Array.isArray(value)) value.forEach((item) => form.append(name, String(item)));
        else if (value !== undefined && value !== null) form.append(name, String(value));
      }
      documents.forEach((file) => form.append("documents", file, file.name));
      return unwrap(
        await api.POST("/api/v1/joining/applications/", {
          body: form as unknown as ApplicationSubmit,
        }),
      );
    },
  });
}

export function useApplications(status: ApplicationStatus | "") {
  return useQuery({
    queryKey: keys.list(status),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/network/applications/", {
          params: { query: status ? { status } : {} },
        }),
      ),
  });
}

export function useApplication(id: number | null) {
  return useQuery({
    queryKey: keys.detail(id ?? 0),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/network/applications/{id}/", { params: { path: { id: id! } } }),
      ),
    enabled: id !== null,
  });
}

export function useApplicationCounts() {
  return useQuery({
    queryKey: keys.counts,
    queryFn: async () => unwrap(await api.GET("/api/v1/network/applications/observatory/")),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.all });
}

export function useTransition(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: Schemas["ApplicationTransitionInputRequest"]) =>
      unwrap(
        await api.POST("/api/v1/network/applications/{id}/transition/", {
          params: { path: { id } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useAddNote(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: string) =>
      unwrap(
        await api.POST("/api/v1/network/applications/{id}/notes/", {
          params: { path: { id } },
          body: { body },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useSendMessage(id: number) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: string) =>
      unwrap(
        await api.POST("/api/v1/network/applications/{id}/messages/", {
          params: { path: { id } },
          body: { body },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function documentUrl(applicationId: number, documentId: number): string {
  return `/api/v1/network/applications/${applicationId}/documents/${documentId}/`;
}
