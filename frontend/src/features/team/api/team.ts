import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

type Schemas = components["schemas"];
export type Team = Schemas["TeamOutput"];
export type TeamMember = Schemas["TeamMemberOutput"];
export type TeamInvitation = Schemas["TeamInvitationOutput"];
export type TeamRole = Schemas["TeamInviteInputRequest"]["role"];
export type InvitationPreview = Schemas["TeamInvitationPreviewOutput"];
export type Operator = Schemas["OperatorManage"];

const keys = {
  team: (operatorId: number) => ["team", operatorId] as const,
  operators: ["team", "operators"] as const,
  invitation: (token: string) => ["team", "invitation", token] as const,
};

/** The operators whose team the user sees (all for the network, their own for a manager). */
export function useTeamOperators({ enabled = true } = {}) {
  return useQuery({
    queryKey: keys.operators,
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/manage/operators/", { params: { query: { page_size: 100 } } }))
        .results,
    enabled,
  });
}

export function useTeam(operatorId: number) {
  return useQuery({
    queryKey: keys.team(operatorId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/manage/operators/{operator_id}/team/", {
          params: { path: { operator_id: operatorId } },
        }),
      ),
  });
}

function useTeamMutation<T>(operatorId: number, mutationFn: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.team(operatorId) }),
  });
}

export function useInvite(operatorId: number) {
  return useTeamMutation(operatorId, async (body: { email: string; role: TeamRole }) =>
    unwrap(
      await api.POST("/api/v1/manage/operators/{operator_id}/team/invitations/", {
        params: { path: { operator_id: operatorId } },
        body,
      }),
    ),
  );
}

export function useRevokeInvitation(operatorId: number) {
  return useTeamMutation(operatorId, async (invitationId: number) => {
    const result = await api.DELETE(
      "/api/v1/manage/operators/{operator_id}/team/invitations/{invitation_id}/",
      { params: { path: { operator_id: operatorId, invitation_id: invitationId } } },
    );
    if (!result.response.ok) unwrap(result);
  });
}

export function useRemoveMember(operatorId: number) {
  return useTeamMutation(
    operatorId,
    async ({ userId, role }: { userId: number; role: TeamRole }) => {
      const path = { operator_id: operatorId, user_id: userId };
      const result =
        role === "manager"
          ? await api.DELETE("/api/v1/manage/operators/{operator_id}/team/managers/{user_id}/", {
              params: { path },
            })
          : await api.DELETE("/api/v1/manage/operators/{operator_id}/team/front-desk/{user_id}/", {
              params: { path },
            });
      if (!result.response.ok) unwrap(result);
    },
  );
}

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: keys.invitation(token),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/team-invitations/{token}/", { params: { path: { token } } })),
    retry: false,
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) =>
      unwrap(await api.POST("/api/v1/team-invitations/accept/", { body: { token } })),
    // The person's roles changed: /me says so.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
