import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test } from "vitest";
import { loggedInSession, memberMe } from "@/testing/booking-fixtures";
import { json, mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render";

const ready = {
  reference: "5b0c7e4e-7a43-4a4b-9d3e-3f6f1d2c9a10",
  status: "ready",
  progress: 100,
  requested_at: "2026-12-08T09:00:00Z",
  ready_at: "2026-12-08T09:00:05Z",
  expires_at: "2026-12-15T09:00:05Z",
};

test("a member asks for an export of their data, follows it, then downloads it", async () => {
  const user = userEvent.setup();
  let calls = 0;
  const mock = mockApi({
    "GET /_allauth/browser/v1/auth/session": loggedInSession(),
    "GET /api/v1/me/": json(memberMe),
    "GET /api/v1/me/data-exports/": () => {
      calls += 1;
      if (calls === 1) return json([]);
      if (calls === 2) return json([{ ...ready, status: "running", progress: 40 }]);
      return json([ready]);
    },
    "POST /api/v1/me/data-exports/": json({ ...ready, status: "pending", progress: 0 }, 202),
  });
  renderApp("/compte/donnees");

  const ask = await screen.findByRole(
    "button",
    { name: "Préparer l’export de mes données" },
    { timeout: 8000 },
  );
  await user.click(ask);

  expect(await screen.findByLabelText("Préparation en cours")).toHaveValue(40);
  const json_ = await screen.findByRole(
    "link",
    { name: "fichier complet (JSON)" },
    { timeout: 8000 },
  );
  expect(json_).toHaveAttribute("href", `/api/v1/me/data-exports/${ready.reference}/download/`);
  expect(screen.getByRole("link", { name: "résumé lisible" })).toHaveAttribute(
    "href",
    `/api/v1/me/data-exports/${ready.reference}/summary/`,
  );
  expect(screen.getByText(/disponible jusqu’au 15 décembre 2026/)).toBeVisible();
  expect(mock.calls("POST", "/api/v1/me/data-exports/")).toHaveLength(1);
}, 30_000);
