/**
 * The employer admin area's calls: one query per screen section, mutations invalidate the
 * employer's keys (everything under ["employers", id]).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { queryKeys } from "@/lib/query-keys";
import type {
  Commute,
  CostCentre,
  EmployerInput,
  Employment,
  OrderMethod,
  Policy,
  PolicyInput,
} from "./types";

export const employerKeys = {
  all: ["employers"] as const,
  list: ["employers", "list"] as const,
  one: (id: number) => ["employers", id] as const,
  part: (id: number, part: string, ...args: unknown[]) => ["employers", id, part, ...args] as const,
};

const path = (employerId: number) => ({ params: { path: { employer_id: employerId } } });

/** DELETE answers 204 with no body: only a failure is unwrapped (it throws). */
function expectOk(result: { error?: unknown; response: Response }) {
  if (!result.response.ok) unwrap({ ...result, data: undefined });
}

export function useEmployers({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: employerKeys.list,
    queryFn: async () => unwrap(await api.GET("/api/v1/employers/")),
    enabled,
  });
}

export function useEmployer(id: number) {
  return useQuery({
    queryKey: employerKeys.one(id),
    queryFn: async () => unwrap(await api.GET("/api/v1/employers/{employer_id}/", path(id))),
  });
}

export function useCreateEmployer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: EmployerInput) =>
      unwrap(await api.POST("/api/v1/employers/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: employerKeys.list }),
  });
}

/** Any change in the employer: its keys, and the list (names, join link). */
function useEmployerChanged(id: number) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: employerKeys.one(id) }),
      queryClient.invalidateQueries({ queryKey: employerKeys.list }),
    ]);
}

export function useUpdateEmployer(id: number) {
  const changed = useEmployerChanged(id);
  return useMutation({
    mutationFn: async (body: Partial<EmployerInput>) =>
      unwrap(await api.PATCH("/api/v1/employers/{employer_id}/", { ...path(id), body })),
    onSuccess: changed,
  });
}

export function useJoinLink(id: number) {
  const changed = useEmployerChanged(id);
  const regenerate = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST("/api/v1/employers/{employer_id}/join-link/", path(id))),
    onSuccess: changed,
  });
  const close = useMutation({
    mutationFn: async () =>
      expectOk(await api.DELETE("/api/v1/employers/{employer_id}/join-link/", path(id))),
    onSuccess: changed,
  });
  return { regenerate, close };
}

// --- admins ------------------------------------------------------------------------------------

export function useAdmins(id: number) {
  return useQuery({
    queryKey: employerKeys.part(id, "admins"),
    queryFn: async () => unwrap(await api.GET("/api/v1/employers/{employer_id}/admins/", path(id))),
  });
}

export function useAdminInvitations(id: number) {
  return useQuery({
    queryKey: employerKeys.part(id, "admin-invitations"),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/employers/{employer_id}/admin-invitations/", path(id))),
  });
}

/** Invites by e-mail: the answer is the same whoever the address is (nobody is added). */
export function useInviteAdmin(id: number) {
  const changed = useEmployerChanged(id);
  return useMutation({
    mutationFn: async (email: string) =>
      unwrap(
        await api.POST("/api/v1/employers/{employer_id}/admins/", { ...path(id), body: { email } }),
      ),
    onSuccess: changed,
  });
}

export function useWithdrawAdminInvitation(id: number) {
  const changed = useEmployerChanged(id);
  return useMutation({
    mutationFn: async (invitationId: number) =>
      expectOk(
        await api.DELETE("/api/v1/employers/{employer_id}/admin-invitations/{invitation_id}/", {
          params: { path: { employer_id: id, invitation_id: invitationId } },
        }),
      ),
    onSuccess: changed,
  });
}

export async function acceptAdminInvitation(token: string) {
  return unwrap(await api.POST("/api/v1/employer-admin-invitations/accept/", { body: { token } }));
}

export function useRemoveAdmin(id: number) {
  const changed = useEmployerChanged(id);
  return useMutation({
    mutationFn: async (userId: number) =>
      expectOk(
        await api.DELETE("/api/v1/employers/{employer_id}/admins/{user_id}/", {
          params: { path: { employer_id: id, user_id: userId } },
        }),
      ),
    onSuccess: changed,
  });
}

// --- cost centres and policies -----------------------------------------------------------------

export function useCostCentres(id: number) {
  return useQuery({
    queryKey: employerKeys.part(id, "cost-centres"),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/employers/{employer_id}/cost-centres/", path(id))),
  });
}

export function useSaveCostCentre(id: number) {
  const changed = useEmployerChanged(id);
  return useMutation({
    mutationFn: async ({ id: centreId, ...body }: Omit<CostCentre, "id"> & { id?: number }) =>
      centreId === undefined
        ? unwrap(
            await api.POST("/api/v1/employers/{employer_id}/cost-centres/", { ...path(id), body }),
          )
        : unwrap(
            await api.PATCH("/api/v1/employers/{employer_id}/cost-centres/{cost_centre_id}/", {
              params: { path: { employer_id: id, cost_centre_id: centreId } },
              body,
            }),
          ),
    onSuccess: changed,
  });
}

export function useDeleteCostCentre(id: number) {
  const changed = useEmployerChanged(id);
  return useMutation({
    mutationFn: async (centreId: number) =>
      expectOk(
        await api.DELETE("/api/v1/employers/{employer_id}/cost-centres/{cost_centre_id}/", {
          params: { path: { employer_id: id, cost_centre_id: centreId } },
        }),
      ),
    onSuccess: changed,
  });
}

export function usePolicies(id: number) {
  return useQuery({
    queryKey: employerKeys.part(id, "policies"),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/employers/{employer_id}/policies/", path(id))) as Policy[],
  });
}

/** `scope`: "default" (the company's policy) or a cost centre id. */
export function useSavePolicy(id: number) {
  const changed = useEmployerChanged(id);
  return useMutation({
    mutationFn: async ({ scope, body }: { scope: string; body: PolicyInput }) =>
      unwrap(
        await api.PUT("/api/v1/employers/{employer_id}/policies/{scope}/", {
          params: { path: { employer_id: id, scope } },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

export function useDeletePolicy(id: number) {
  const changed = useEmployerChanged(id);
  return useMutation({
    mutationFn: async (scope: string) =>
      expectOk(
        await api.DELETE("/api/v1/employers/{employer_id}/policies/{scope}/", {
          params: { path: { employer_id: id, scope } },
        }),
      ),
    onSuccess: changed,
  });
}

// --- employees ---------------------------------------------------------------------------------

export function useEmployees(id: number) {
  return useQuery({
    queryKey: employerKeys.part(id, "employees"),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/employers/{employer_id}/employees/", path(id))) as Employment[],
  });
}

export function useInvite(id: number) {
  const changed = useEmployerChanged(id);
  return useMutation({
    mutationFn: async (body: { email: string; cost_centre: number | null }) =>
      unwrap(await api.POST("/api/v1/employers/{employer_id}/employees/", { ...path(id), body })),
    onSuccess: changed,
  });
}

const employmentPath = (id: number, employmentId: number) => ({
  params: { path: { employer_id: id, employment_id: employmentId } },
});

export function useEmploymentActions(id: number) {
  const changed = useEmployerChanged(id);
  const setCostCentre = useMutation({
    mutationFn: async ({ employment, centre }: { employment: number; centre: number | null }) =>
      unwrap(
        await api.PATCH("/api/v1/employers/{employer_id}/employees/{employment_id}/", {
          ...employmentPath(id, employment),
          body: { cost_centre: centre },
        }),
      ),
    onSuccess: changed,
  });
  const end = useMutation({
    mutationFn: async (employment: number) =>
      unwrap(
        await api.POST(
          "/api/v1/employers/{employer_id}/employees/{employment_id}/end/",
          employmentPath(id, employment),
        ),
      ),
    onSuccess: changed,
  });
  const resend = useMutation({
    mutationFn: async (employment: number) =>
      unwrap(
        await api.POST(
          "/api/v1/employers/{employer_id}/employees/{employment_id}/resend/",
          employmentPath(id, employment),
        ),
      ),
    onSuccess: changed,
  });
  return { setCostCentre, end, resend };
}

// --- bundle, orders, invoices ------------------------------------------------------------------

export function useBundle(id: number) {
  return useQuery({
    queryKey: employerKeys.part(id, "bundle"),
    queryFn: async () => unwrap(await api.GET("/api/v1/employers/{employer_id}/bundle/", path(id))),
  });
}

export function useNetworkCarnets() {
  const query = { kind: "network_carnet" } as const;
  return useQuery({
    queryKey: queryKeys.plans(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/plans/", { params: { query } })),
  });
}

export type OrderInput = {
  plan: number;
  quantity: number;
  method: OrderMethod;
  purchase_order: string;
  service_code?: string;
  payment_method?: string;
};

export async function createOrder(id: number, input: OrderInput) {
  return unwrap(
    await api.POST("/api/v1/employers/{employer_id}/orders/", {
      ...path(id),
      body: { payment_method: "", save_card: false, service_code: "", ...input },
    }),
  );
}

export function useRefreshEmployer(id: number) {
  return useEmployerChanged(id);
}

export function useEmployerInvoices(id: number) {
  return useQuery({
    queryKey: employerKeys.part(id, "invoices"),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/employers/{employer_id}/invoices/", path(id))),
  });
}

// --- usage and CSR -----------------------------------------------------------------------------

export function useUsage(id: number, month: string) {
  return useQuery({
    queryKey: employerKeys.part(id, "usage", month),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/employers/{employer_id}/usage/", {
          params: { path: { employer_id: id }, query: { month } },
        }),
      ),
  });
}

export function usageCsvUrl(id: number, month: string, by: string): string {
  const query = new URLSearchParams({ month, by });
  return `/api/v1/employers/${id}/usage.csv?${query.toString()}`;
}

/** The CSR figures of a closed month (YYYY-MM): published once, then unchanged. */
export function useCommute(id: number, month: string) {
  return useQuery({
    queryKey: employerKeys.part(id, "commute", month),
    queryFn: async (): Promise<Commute> =>
      unwrap(
        await api.GET("/api/v1/employers/{employer_id}/commute/", {
          params: { path: { employer_id: id }, query: { month } },
        }),
      ),
  });
}

// --- directory (policy pickers) ----------------------------------------------------------------

export function useDepartments() {
  return useQuery({
    queryKey: queryKeys.departments,
    queryFn: async () => unwrap(await api.GET("/api/v1/directory/departments/")),
    staleTime: Infinity,
  });
}

export function useSpaceSearch(q: string) {
  const query = { q, page_size: 8 };
  return useQuery({
    queryKey: queryKeys.spaces(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/directory/spaces/", { params: { query } })),
    enabled: q.trim().length >= 2,
  });
}

/** The names of the places a policy lists (ids → names, looked up once). */
export function useSpaceNames(ids: number[]) {
  const query = { page_size: 200 };
  return useQuery({
    queryKey: queryKeys.spaces(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/directory/spaces/", { params: { query } })),
    enabled: ids.length > 0,
    select: (page) => new Map(page.results.map((space) => [space.id, space.name])),
  });
}

// --- the employee's side -----------------------------------------------------------------------

export async function acceptInvitation(token: string) {
  return unwrap(await api.POST("/api/v1/employer-invitations/accept/", { body: { token } }));
}

export function useJoinInfo(token: string) {
  return useQuery({
    queryKey: ["employer-join", token],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/employer-join/{token}/", { params: { path: { token } } })),
    retry: false,
  });
}

export async function joinWithLink(token: string) {
  return unwrap(await api.POST("/api/v1/employer-join/", { body: { token } }));
}
