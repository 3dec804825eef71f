import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type EInvoice = Schemas["EInvoiceOutput"];
export type EInvoicingSettings = Schemas["OperatorEInvoicingOutput"];
export type EInvoiceFilter = {
  status?: Schemas["EInvoiceStatusEnum"];
  lifecycle?: Schemas["EInvoiceLifecycleEnum"];
};

const keys = {
  operators: ["einvoicing", "operators"] as const,
  settings: (operatorId: number) => ["einvoicing", "settings", operatorId] as const,
  list: (operatorId: number) => ["einvoicing", "list", operatorId] as const,
};

/** The operators whose e-invoicing the user manages (all for the network). */
export function useEInvoicingOperators({ enabled = true } = {}) {
  return useQuery({
    queryKey: keys.operators,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/operators/", { params: { query: { page_size: 100 } } }))
        .results,
    enabled,
  });
}

export function useEInvoicingSettings(operatorId: number, { enabled = true } = {}) {
  return useQuery({
    queryKey: keys.settings(operatorId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/operators/{operator_id}/einvoicing/", {
          params: { path: { operator_id: operatorId } },
        }),
      ),
    enabled,
  });
}

export function useUpdateEInvoicingSettings(operatorId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { mandate_given: boolean; platform_identifier: string }) =>
      unwrap(
        await api.PUT("/api/v1/manage/operators/{operator_id}/einvoicing/", {
          params: { path: { operator_id: operatorId } },
          body,
        }),
      ),
    onSuccess: (data) => queryClient.setQueryData(keys.settings(operatorId), data),
  });
}

/** The operator's e-invoices (0: the network's own), newest first, `pageSize` of them. */
export function useEInvoices(operatorId: number, filter: EInvoiceFilter, pageSize: number) {
  return useQuery({
    queryKey: [...keys.list(operatorId), filter, pageSize],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/einvoices/", {
          params: { query: { operator: operatorId, ...filter, page_size: pageSize } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useRetryEInvoice(operatorId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) =>
      unwrap(await api.POST("/api/v1/manage/einvoices/{id}/retry/", { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.list(operatorId) }),
  });
}
