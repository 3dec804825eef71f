import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";
import { allauth, type AuthResult } from "./allauth";

/** After any change of who is logged in, refetch the session and /api/v1/me/. */
function refreshIdentity(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.me }),
    queryClient.invalidateQueries({ queryKey: queryKeys.authSession }),
  ]);
}

export function useAuthSession() {
  return useQuery({
    queryKey: queryKeys.authSession,
    queryFn: allauth.getSession,
    staleTime: 5 * 60_000,
  });
}

function useIdentityMutation<Input>(mutationFn: (input: Input) => Promise<AuthResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (result) => {
      if (result.status === 200 || result.status === 401) {
        // The answer is the new session state: use it before refetching anything.
        queryClient.setQueryData(queryKeys.authSession, result);
        queryClient.removeQueries({ queryKey: queryKeys.me });
      }
      if (result.status === 200 || result.status === 401 || result.status === 409) {
        await refreshIdentity(queryClient);
      }
    },
  });
}

export const useLogin = () => useIdentityMutation(allauth.login);
export const useSignup = () => useIdentityMutation(allauth.signup);
export const useVerifyEmail = () => useIdentityMutation(allauth.verifyEmail);
export const useResetPassword = () => useIdentityMutation(allauth.resetPassword);
export const useRequestPasswordReset = () =>
  useMutation({ mutationFn: allauth.requestPasswordReset });

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: allauth.logout,
    onSuccess: async (result) => {
      queryClient.setQueryData(queryKeys.authSession, result);
      queryClient.setQueryData(queryKeys.me, null);
      await refreshIdentity(queryClient);
    },
  });
}
