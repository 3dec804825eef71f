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

export type CensusImport = Schemas["CensusImportOutput"];
export type CensusImportDetail = Schemas["CensusImportDetailOutput"];

const censusKeys = {
  all: ["joining", "census"] as const,
  detail: (id: number) => ["joining", "census", id] as const,
};

export function useCensusImports() {
  return useQuery({
    queryKey: censusKeys.all,
    queryFn: async () => unwrap(await api.GET("/api/v1/network/census-imports/")),
  });
}

/** One import; polled every 2 s while the worker checks or applies it. */
export function useCensusImport(id: number | null) {
  return useQuery({
    queryKey: censusKeys.detail(id ?? 0),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/network/census-imports/{id}/", { params: { path: { id: id! } } }),
      ),
    enabled: id !== null,
    refetchInterval: (query) =>
      query.state.data && ["checking", "applying"].includes(query.state.data.status ?? "")
        ? 2000
        : false,
  });
}

export function useUploadCensus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return unwrap(
        await api.POST("/api/v1/network/census-imports/", {
          body: form as unknown as { file: string },
        }),
      );
    },
    onSuccess: (census) => {
      queryClient.setQueryData(censusKeys.detail(census.id), census);
      void queryClient.invalidateQueries({ queryKey: censusKeys.all, exact: true });
    },
  });
}

export function useApplyCensus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) =>
      unwrap(
        await api.POST("/api/v1/network/census-imports/{id}/apply/", { params: { path: { id } } }),
      ),
    onSuccess: (census) => {
      queryClient.setQueryData(censusKeys.detail(census.id), census);
      void queryClient.invalidateQueries({ queryKey: censusKeys.all, exact: true });
    },
  });
}
