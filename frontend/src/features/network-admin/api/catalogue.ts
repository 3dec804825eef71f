import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type CatalogueService = Schemas["ServiceManage"];
export type ServiceInput = Schemas["ServiceManageRequest"];
export type ServiceCategory = Schemas["CategoryEnum"];
export type Tariff = Schemas["NetworkTariffOutput"];
export type TariffUnit = Schemas["TariffUnitEnum"];
export type ResourceKind = Schemas["ResourceKindEnum"];
export type PassPlace = Schemas["PassSpaceOutput"];

const keys = {
  services: ["network-admin", "services"] as const,
  tariffs: ["network-admin", "tariffs"] as const,
  passPlaces: ["network-admin", "pass-places"] as const,
};

/** The service catalogue (with the base set), for the network. */
export function useCatalogue() {
  return useQuery({
    queryKey: keys.services,
    queryFn: async () => unwrap(await api.GET("/api/v1/manage/services/")),
  });
}

export function useCreateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ServiceInput) =>
      unwrap(await api.POST("/api/v1/manage/services/", { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.services }),
  });
}

export function useUpdateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: number; is_base: boolean }) =>
      unwrap(await api.PATCH("/api/v1/manage/services/{id}/", { params: { path: { id } }, body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.services }),
  });
}

export function useDeleteService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      const result = await api.DELETE("/api/v1/manage/services/{id}/", {
        params: { path: { id } },
      });
      if (!result.response.ok) unwrap(result);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.services }),
  });
}

/** The pass tariff grid: credits per resource kind and unit. */
export function useTariffs() {
  return useQuery({
    queryKey: keys.tariffs,
    queryFn: async () => unwrap(await api.GET("/api/v1/network/tariffs/")),
  });
}

export function useSetTariff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { resource_kind: ResourceKind; unit: TariffUnit; credits: string }) =>
      unwrap(await api.PUT("/api/v1/network/tariffs/", { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.tariffs }),
  });
}

export function useDeleteTariff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      const result = await api.DELETE("/api/v1/network/tariffs/{tariff_id}/", {
        params: { path: { tariff_id: id } },
      });
      if (!result.response.ok) unwrap(result);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.tariffs }),
  });
}

/** Every place and whether it accepts the pass (the network has about 120: one page). */
export function usePassPlaces() {
  return useQuery({
    queryKey: keys.passPlaces,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/network/pass-spaces/", { params: { query: { page_size: 200 } } }),
      ),
  });
}

export function useSetPassAcceptance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, accepts }: { id: number; accepts: boolean }) =>
      unwrap(
        await api.PATCH("/api/v1/network/pass-spaces/{space_id}/", {
          params: { path: { space_id: id } },
          body: { accepts_network_pass: accepts },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.passPlaces }),
  });
}
