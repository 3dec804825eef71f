import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { QueryClientProvider } from "@tanstack/react-query";
import type { components } from "@/lib/api/schema";
import { json, mockApi } from "@/testing/mock-api";
import { createTestQueryClient } from "@/testing/render";
import { EmployerPayChoice } from "./employer-pay-choice";

type Eligibility = components["schemas"]["EligibilityOutput"];

const myEmployer = {
  employer_name: "Acme",
  cost_centre: null,
  week: { limit: "2.0", used: "0.0", left: "2.0" },
  month: { limit: null, used: "0.0", left: null },
  bundle_available: true,
  policy: { id: 1, cost_centre: 0, company_share_percent: 80, may_pay_personally: true },
};

const eligible: Eligibility = {
  eligible: true,
  already_paid: false,
  code: null,
  message: null,
  may_pay_personally: true,
  company_share_percent: 80,
  employee_share_credits: "0.20",
  employee_share_amount: "3.00",
  currency: "EUR",
};

function show(eligibility: Eligibility, employer: object | null = myEmployer) {
  const onPaid = vi.fn(async () => undefined);
  const mock = mockApi({
    "GET /api/v1/me/employer/": employer ? json(employer) : { status: 204 },
    "GET /api/v1/me/employer/eligibility/": json(eligibility),
    "POST /api/v1/me/employer/checkout/": json({
      booking_id: 5,
      booking_status: "confirmed",
      company_credits: "0.80",
      employee_credits: "0.20",
      employee_amount: "0.00",
      payment: null,
    }),
  });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <EmployerPayChoice
        bookingId={5}
        onPaid={onPaid}
        personal={<button type="button">Payer avec 1 crédit</button>}
      />
    </QueryClientProvider>,
  );
  return { mock, onPaid };
}

test("the employer pays first, the employee's share with their credits, in one keyboard-reachable form", async () => {
  const user = userEvent.setup();
  const { mock, onPaid } = show(eligible);

  const byEmployer = await screen.findByRole("radio", { name: "Payé par mon employeur (Acme)" });
  expect(byEmployer).toBeChecked();
  expect(byEmployer).toHaveAccessibleDescription("Acme paie 80 % de cette réservation.");
  expect(screen.getAllByRole("radio")[0]).toBe(byEmployer);
  expect(screen.getByText("Votre part : 0,2 crédit / 3,00 €.")).toBeVisible();
  expect(screen.getByRole("radio", { name: "Avec mes crédits" })).toBeChecked();
  expect(screen.queryByRole("button", { name: "Payer avec 1 crédit" })).not.toBeInTheDocument();

  await user.click(screen.getByRole("button", { name: "Confirmer, payé par Acme" }));
  expect(onPaid).toHaveBeenCalledOnce();
  const sent = (await mock
    .calls("POST", "/api/v1/me/employer/checkout/")[0]!
    .clone()
    .json()) as object;
  expect(sent).toEqual({
    booking: 5,
    employee_method: "credits",
    payment_method: "",
    save_card: false,
  });

  // Paying personally is offered too (the policy allows it).
  await user.click(screen.getByRole("radio", { name: "Je paie moi-même" }));
  expect(screen.getByRole("button", { name: "Payer avec 1 crédit" })).toBeVisible();
});

test("a refusal shows the API's exact reason, and no personal payment when the employer forbids it", async () => {
  show({
    ...eligible,
    eligible: false,
    code: "policy_place",
    message:
      "Ce lieu ne fait pas partie des lieux choisis par votre employeur. / This place is not one of the places your employer chose.",
    may_pay_personally: false,
  });
  const byEmployer = await screen.findByRole("radio", { name: "Payé par mon employeur (Acme)" });
  expect(byEmployer).toBeDisabled();
  expect(screen.getByRole("alert")).toHaveTextContent(
    "Pas pris en charge par AcmeCe lieu ne fait pas partie des lieux choisis par votre employeur.",
  );
  expect(screen.queryByRole("radio", { name: "Je paie moi-même" })).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Payer avec 1 crédit" })).not.toBeInTheDocument();
  expect(
    screen.getByText(
      "Acme ne permet pas de réserver à vos frais au-delà de ce qu’il prend en charge.",
    ),
  ).toBeVisible();
});

test("someone without an employer sees only the personal payment", async () => {
  show(eligible, null);
  expect(await screen.findByRole("button", { name: "Payer avec 1 crédit" })).toBeVisible();
  expect(screen.queryByRole("radio", { name: /employeur/ })).not.toBeInTheDocument();
});

test("a booking paid already says so and offers no payment", async () => {
  show({ ...eligible, eligible: false, already_paid: true });

  expect(await screen.findByText("Cette réservation est déjà réglée.")).toBeVisible();
  expect(screen.queryByRole("radio")).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Payer avec 1 crédit" })).not.toBeInTheDocument();
});
