import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type Operator = Schemas["OperatorManage"];
export type OperatorInput = Schemas["OperatorManageRequest"];
export type LegalForm = Schemas["LegalFormEnum"];
export type CarrierKind = Schemas["CarrierKindEnum"];
export type VatStatus = Schemas["VatStatusEnum"];

const keys = {
  operators: ["network-admin", "operators"] as const,
  operator: (id: number) => ["network-admin", "operators", id] as const,
};

export function useOperators() {
  return useQuery({
    queryKey: keys.operators,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/operators/", { params: { query: { page_size: 100 } } })),
  });
}

export function useOperator(id: number) {
  return useQuery({
    queryKey: keys.operator(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/operators/{id}/", { params: { path: { id } } })),
  });
}

export function useCreateOperator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: OperatorInput) =>
      unwrap(await api.POST("/api/v1/manage/operators/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.operators }),
  });
}

export function useUpdateOperator(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Partial<OperatorInput>) =>
      unwrap(await api.PATCH("/api/v1/manage/operators/{id}/", { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.operators }),
  });
}
