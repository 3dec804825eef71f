import { render, screen, within } from "@testing-library/react";
import "../i18n";
import { Heatmap } from "./heatmap";

test("shows weekday x hour rates as a shaded table", () => {
  render(
    <Heatmap
      caption="Occupation par jour et heure"
      cells={[
        { weekday: 0, hour: 9, open_minutes: 120, booked_minutes: 120, occupancy_rate: 1 },
        { weekday: 0, hour: 10, open_minutes: 120, booked_minutes: 30, occupancy_rate: 0.25 },
        { weekday: 6, hour: 10, open_minutes: 0, booked_minutes: 0, occupancy_rate: null },
      ]}
    />,
  );

  const table = screen.getByRole("table", { name: "Occupation par jour et heure" });
  const rows = within(table).getAllByRole("row");
  const text = (node: Element) => (node.textContent ?? "").replace(/[\u00a0\u202f]/g, " ");
  expect(rows.map(text)).toEqual(["9h10h", "lun.100 %25 %"]);
  const full = within(table)
    .getAllByRole("cell")
    .find((cell) => text(cell) === "100 %");
  expect(full!).toHaveStyle({ background: "rgba(31, 111, 92, 1.00)", color: "#fff" });
  expect(text(full!).length).toBeGreaterThan(0);
  expect(full!.getAttribute("title")?.replace(/[\u00a0\u202f]/g, " ")).toBe("100 % (2 / 2 h)");
});

test("says when there is nothing to show", () => {
  render(<Heatmap caption="Vide" cells={[]} />);

  expect(screen.getByText("Aucune donnée pour cette période.")).toBeInTheDocument();
});
