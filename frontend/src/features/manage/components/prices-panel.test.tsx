import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ManagedPrice } from "@/lib/api/types";
import { loggedInSession, managerMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTestQueryClient } from "@/testing/render";
import { PricesPanel } from "./prices-panel";

function renderPanel() {
  return render(
    <QueryClientProvider client={createTestQueryClient()}>
      <PricesPanel spaceId={1} />
    </QueryClientProvider>,
  );
}

const dayPrice: ManagedPrice = {
  id: 4,
  resource_kind: "desk",
  unit: "day",
  amount: "18.00",
  member_amount: null,
  currency: "EUR",
};

function api(onPatch: (body: unknown) => ReturnType<typeof json>) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(managerMe),
    "GET /api/v1/me/": json(managerMe),
    "GET /api/v1/manage/spaces/{space_id}/prices/": json([dayPrice]),
    "PATCH /api/v1/manage/spaces/{space_id}/prices/{id}/": async (request) =>
      onPatch(await request.clone().json()),
    "POST /api/v1/manage/spaces/{space_id}/prices/": async (request) =>
      json({ id: 5, currency: "EUR", ...(await request.clone().json()) }, 201),
  });
}

describe("prices of a place", () => {
  it("sets a member price next to the public price", async () => {
    const user = userEvent.setup();
    const mock = api((body) => json({ ...dayPrice, ...(body as object) }));
    renderPanel();

    const form = await screen.findByRole("form", { name: "Poste de travail, la journée" });
    // Written as in French (issue 16 item 10: « 18.00 » read as an English number).
    expect(within(form).getByLabelText("Prix public (€ TTC)")).toHaveValue("18,00");
    await user.type(within(form).getByLabelText("Prix membre (€ TTC)"), "12,50");
    await user.click(within(form).getByRole("button", { name: /Enregistrer/ }));

    expect(await within(form).findByText("Tarif enregistré.")).toBeInTheDocument();
    const [patch] = mock.calls("PATCH", "/api/v1/manage/spaces/1/prices/4/");
    expect(await (patch as Request).json()).toEqual({ amount: "18.00", member_amount: "12.50" });
  });

  it("shows the API's refusal of a member price above the public price", async () => {
    const user = userEvent.setup();
    api(() =>
      json(
        {
          code: "invalid",
          message:
            "Le prix membre ne peut dépasser le prix public / the member price cannot exceed the public price.",
          fields: { member_amount: ["Le prix membre ne peut dépasser le prix public"] },
        },
        400,
      ),
    );
    renderPanel();

    const form = await screen.findByRole("form", { name: "Poste de travail, la journée" });
    await user.type(within(form).getByLabelText("Prix membre (€ TTC)"), "19");
    await user.click(within(form).getByRole("button", { name: /Enregistrer/ }));

    expect(await within(form).findByRole("alert")).toHaveTextContent(/ne peut dépasser/);
    expect(within(form).getByLabelText("Prix membre (€ TTC)")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });

  it("adds a price with an empty member price (members pay the public price)", async () => {
    const user = userEvent.setup();
    const mock = api(() => json(dayPrice));
    renderPanel();

    const form = await screen.findByRole("form", { name: "Nouveau tarif" });
    await user.selectOptions(within(form).getByLabelText("Type d’espace"), "meeting_room");
    await user.selectOptions(within(form).getByLabelText("Durée"), "hour");
    await user.type(within(form).getByLabelText("Prix public (€ TTC)"), "25");
    await user.click(within(form).getByRole("button", { name: "Ajouter le tarif" }));

    await screen.findByText("Tarif enregistré.");
    const [post] = mock.calls("POST", "/api/v1/manage/spaces/1/prices/");
    expect(await (post as Request).json()).toEqual({
      resource_kind: "meeting_room",
      unit: "hour",
      amount: "25",
      member_amount: null,
    });
  });
});
