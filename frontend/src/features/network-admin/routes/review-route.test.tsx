import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Me } from "@/lib/api/types";
import { loggedInSession, managerMe, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import type { Issue, Settlement } from "../api/review";

/** The first render loads the page's code on demand: slower on a busy machine. */
const LOADED = { timeout: 10_000 };
const adminMe: Me = { ...memberMe, id: 9, email: "nina@example.org", is_network_admin: true };

const dispute: Issue = {
  id: 4,
  kind: "dispute",
  kind_label: "contestation de paiement (chargeback)",
  stripe_id: "du_1Qcurrent0001",
  status: "open",
  details: { status: "needs_response", amount: "150.00", currency: "EUR", reason: "fraudulent" },
  payment: {
    reference: "0a1b2c3d-0000-4000-8000-000000000002",
    description: "Pass 10 crédits",
    amount: "150.00",
    currency: "EUR",
    status: "succeeded",
    is_disputed: true,
    seller_name: "",
  },
  first_seen_at: "2026-11-25T09:00:00Z",
  last_seen_at: "2026-11-26T08:00:00Z",
  resolved_at: null,
  resolved_by_email: "",
  resolution_note: "",
};

const march: Settlement = {
  id: 12,
  operator: { id: 3, name: "Coopérative Cy" },
  year: 2026,
  month: 3,
  status: "closed",
  currency: "EUR",
  total_collected: "30.00",
  total_redemptions: "15.00",
  commission_rate: "10.000",
  commission_net: "3.75",
  commission_vat: "0.75",
  amount_due: "40.50",
  content_hash: "abc",
  generated_at: "2026-04-01T04:00:00Z",
  closed_at: "2026-04-06T04:00:00Z",
  has_pdf: true,
  has_csv: true,
};

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

function reviewApi(me: Me, issues: () => Issue[] = () => [dispute], extra = {}) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(me),
    "GET /api/v1/me/": json(me),
    "GET /api/v1/network/reconciliation-issues/": () => json(page(issues())),
    "GET /api/v1/manage/settlements/": json(page([march])),
    ...extra,
  });
}

describe("Revue du réseau", { timeout: 30_000 }, () => {
  it("is in the user menu of a network admin only", async () => {
    reviewApi(adminMe);
    const { unmount } = renderApp("/");
    const nav = await screen.findByRole("navigation", { name: "Navigation principale" });
    expect(
      await within(nav).findByRole("link", { name: "Revue du réseau" }, LOADED),
    ).toHaveAttribute("href", "/reseau/revue");
    unmount();

    reviewApi(managerMe);
    renderApp("/");
    const managerNav = await screen.findByRole("navigation", { name: "Navigation principale" });
    await within(managerNav).findByText("cy@example.org", {}, LOADED);
    expect(within(managerNav).queryByRole("link", { name: "Revue du réseau" })).toBeNull();
  });

  it("lists open differences and resolves one with a note", async () => {
    let resolved = false;
    const notes: unknown[] = [];
    reviewApi(
      adminMe,
      () =>
        resolved
          ? [
              {
                ...dispute,
                status: "resolved",
                resolved_at: "2026-11-26T10:00:00Z",
                resolved_by_email: "nina@example.org",
                resolution_note: "Preuves envoyées",
              },
            ]
          : [dispute],
      {
        "POST /api/v1/network/reconciliation-issues/{id}/resolve/": async (request: Request) => {
          notes.push(await request.json());
          resolved = true;
          return json({ ...dispute, status: "resolved" });
        },
      },
    );
    renderApp("/reseau/revue");
    const user = userEvent.setup();

    const item = await screen.findByRole(
      "listitem",
      { name: /Contestation de paiement \(chargeback\)/ },
      LOADED,
    );
    expect(within(item).getByText("du_1Qcurrent0001")).toBeInTheDocument();
    expect(item).toHaveTextContent("Pass 10 crédits — 150,00 €");
    expect(item).toHaveTextContent("status: needs_response");

    await user.click(within(item).getByRole("button", { name: "Marquer comme résolu" }));
    await user.type(within(item).getByLabelText("Note : ce qui a été fait"), "Preuves envoyées");
    await user.click(within(item).getByRole("button", { name: "Enregistrer la résolution" }));

    expect(await screen.findByText("Écart marqué comme résolu.")).toBeInTheDocument();
    expect(notes).toEqual([{ note: "Preuves envoyées" }]);
  });

  it("filters differences by status and kind", async () => {
    const mock = reviewApi(adminMe);
    renderApp("/reseau/revue");
    const user = userEvent.setup();
    await screen.findByRole("listitem", { name: /Contestation/ }, LOADED);

    await user.selectOptions(screen.getByLabelText("État"), "resolved");
    await user.selectOptions(screen.getByLabelText("Type d’écart"), "dispute");

    const last = mock.calls("GET", "/api/v1/network/reconciliation-issues/").at(-1)!;
    const query = new URL(last.url).searchParams;
    expect([query.get("status"), query.get("kind")]).toEqual(["resolved", "dispute"]);
  });

  it("shows a manager their statements with PDF and CSV links, without differences", async () => {
    const mock = reviewApi(managerMe);
    renderApp("/reseau/revue");

    const table = await screen.findByRole("table", { name: /Reversements mensuels/ }, LOADED);
    const row = within(table).getByRole("row", { name: /Coopérative Cy/ });
    expect(row).toHaveTextContent("mars 2026");
    expect(row).toHaveTextContent("Clos");
    expect(row).toHaveTextContent("40,50 €");
    expect(
      within(row).getByRole("link", { name: "Relevé PDF de Coopérative Cy, mars 2026" }),
    ).toHaveAttribute("href", "/api/v1/manage/settlements/12/pdf/");
    expect(
      within(row).getByRole("link", { name: "Relevé CSV de Coopérative Cy, mars 2026" }),
    ).toHaveAttribute("href", "/api/v1/manage/settlements/12/csv/");
    expect(screen.queryByRole("heading", { name: /rapprochement/ })).toBeNull();
    expect(mock.calls("GET", "/api/v1/network/reconciliation-issues/")).toHaveLength(0);
  });

  it("tells a member the page is not for them", async () => {
    const mock = reviewApi(memberMe);
    renderApp("/reseau/revue");
    expect(
      await screen.findByText(/réservée à l’équipe du réseau et aux gestionnaires/, {}, LOADED),
    ).toBeInTheDocument();
    expect(mock.calls("GET", "/api/v1/manage/settlements/")).toHaveLength(0);
  });
});
