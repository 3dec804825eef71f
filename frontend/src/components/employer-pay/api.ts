/**
 * The employee's side of the employer's bundle: what it pays for and what is left
 * (GET /me/employer/, 204 when nobody pays for me), whether it pays for a booking, and paying.
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import type { components } from "@/lib/api/schema";

export type MyEmployer = components["schemas"]["MyEmployerOutput"];
export type Eligibility = components["schemas"]["EligibilityOutput"];

export const myEmployerKey = ["me", "employer"] as const;

export function useMyEmployer({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: myEmployerKey,
    queryFn: async (): Promise<MyEmployer | null> => {
      const result = await api.GET("/api/v1/me/employer/");
      if (result.response.status === 204) return null;
      return unwrap(result);
    },
    enabled,
  });
}

export function useEligibility(bookingId: number, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...myEmployerKey, "eligibility", bookingId] as const,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/me/employer/eligibility/", {
          params: { query: { booking: bookingId } },
        }),
      ),
    enabled,
    staleTime: 0,
  });
}

export async function employerCheckout(body: {
  booking: number;
  employee_method: "credits" | "card" | "";
  payment_method: string;
}) {
  return unwrap(
    await api.POST("/api/v1/me/employer/checkout/", { body: { ...body, save_card: false } }),
  );
}
