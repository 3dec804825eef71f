import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Me } from "@/lib/api/types";
import { loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";
import type { ApplicationDetail, ApplicationListItem } from "../api/applications";

const LOADED = { timeout: 10_000 };
const adminMe: Me = { ...memberMe, id: 9, email: "nina@example.org", is_network_admin: true };

const row: ApplicationListItem = {
  id: 3,
  reference: "0b6d7a62-1b1c-4bd2-9a4e-3c1f3f8a2b11",
  status: "in_review",
  applicant_kind: "project",
  stage: "creation",
  carrier_name: "Les Causses Connectées",
  place_name: "La Grange numérique",
  place_kind: "rural_multiservice",
  commune: "48095",
  commune_name: "Mende",
  department_code: "48",
  needs: ["financing"],
  expected_opening: "2027-09-01",
  contact_name: "Léa Martin",
  document_count: 1,
  created_at: "2026-12-01T09:00:00Z",
};

const detail: ApplicationDetail = {
  ...row,
  next_statuses: ["accepted", "refused"],
  legal_form: "association",
  carrier_kind: "private",
  siret: "73282932000074",
  services: ["fibre"],
  description: "Une grange.",
  contact_email: "lea@causses.example",
  contact_phone: "",
  decided_at: null,
  operator: null,
  operator_name: null,
  space_id: null,
  documents: [
    {
      id: 5,
      original_name: "statuts.pdf",
      content_type: "application/pdf",
      size: 2048,
      created_at: "2026-12-01T09:00:00Z",
    },
  ],
  notes: [],
  messages: [
    {
      id: 1,
      kind: "received",
      body: "",
      status: "sent",
      sent_at: "2026-12-01T09:01:00Z",
      author_email: null,
      created_at: "2026-12-01T09:00:00Z",
    },
  ],
};

function pipelineApi(me: Me, transitions: Record<string, unknown>[] = []) {
  return mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(me),
    "GET /api/v1/me/": json(me),
    "GET /api/v1/network/applications/": json([row]),
    "GET /api/v1/network/applications/observatory/": json({
      total: 12,
      min_group_size: 5,
      by_department: [
        { key: "48", label: "48 Lozère", count: 7 },
        { key: "other", label: "Autres / Others", count: 5 },
      ],
      by_stage: [{ key: "creation", label: "Création", count: 12 }],
      by_need: [],
    }),
    // After the observatory: "{id}" would match "observatory" too.
    "GET /api/v1/network/applications/{id}/": json(detail),
    "POST /api/v1/network/applications/{id}/transition/": async (request) => {
      transitions.push((await request.json()) as Record<string, unknown>);
      return json({ ...detail, status: "accepted", next_statuses: [] });
    },
  });
}

describe("Candidatures au réseau", { timeout: 30_000 }, () => {
  it("is for the network's team only", async () => {
    pipelineApi(memberMe);
    renderApp("/reseau/candidatures");
    expect(await screen.findByRole("alert", {}, LOADED)).toHaveTextContent(
      "réservée à l’équipe du réseau",
    );
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("opens an application and accepts it with a message", async () => {
    const transitions: Record<string, unknown>[] = [];
    pipelineApi(adminMe, transitions);
    renderApp("/reseau/candidatures");
    const user = userEvent.setup();

    const table = await screen.findByRole("table", {}, LOADED);
    expect(
      within(table).getByRole("rowheader", { name: /La Grange numérique/ }),
    ).toBeInTheDocument();
    await user.click(within(table).getByRole("button", { name: /Ouvrir/ }));

    expect(await screen.findByRole("link", { name: "statuts.pdf" }, LOADED)).toHaveAttribute(
      "href",
      "/api/v1/network/applications/3/documents/5/",
    );
    await user.type(screen.getByLabelText("Message joint à l’e-mail (facultatif)"), "Bienvenue !");
    await user.click(screen.getByRole("button", { name: "Passer à « Accepté »" }));

    expect(
      await screen.findByText("Candidature passée à « Accepté ».", {}, LOADED),
    ).toBeInTheDocument();
    expect(transitions).toEqual([
      { status: "accepted", message: "Bienvenue !", operator_name: "" },
    ]);
  });

  it("shows the observatory as tables", async () => {
    pipelineApi(adminMe);
    renderApp("/reseau/candidatures");
    const byDepartment = await screen.findByRole("table", { name: "Par département" }, LOADED);
    expect(within(byDepartment).getByRole("row", { name: "48 Lozère 7" })).toBeInTheDocument();
    expect(within(byDepartment).getByRole("row", { name: "Autres 5" })).toBeInTheDocument();
    expect(screen.getByText("Candidatures reçues : 12")).toBeInTheDocument();
  });
});
