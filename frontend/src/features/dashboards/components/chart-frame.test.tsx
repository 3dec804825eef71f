import { render, screen, within } from "@testing-library/react";
import "../i18n";
import { RateBarChart } from "./bar-chart";
import { ChartFrame } from "./chart-frame";
import { DataTable } from "./data-table";

const rows = [
  { day: "27 mars", rate: 0.537 },
  { day: "28 mars", rate: 0.25 },
];

function Example() {
  return (
    <ChartFrame
      title="Taux d’occupation"
      chart={(width) => (
        <RateBarChart
          data={rows}
          category="day"
          width={width}
          format={(value) => `${Math.round(value * 100)} %`}
          series={[{ key: "rate", label: "Taux", color: "#1f6f5c" }]}
        />
      )}
      table={
        <DataTable
          caption="Taux d’occupation"
          rows={rows}
          rowKey={(row) => row.day}
          csvHref="/api/v1/analytics/manager/dashboard/series.csv?from=2026-03-27"
          columns={[
            { key: "day", header: "Jour", cell: (row) => row.day },
            { key: "rate", header: "Taux", numeric: true, cell: (row) => `${row.rate * 100} %` },
          ]}
        />
      }
    />
  );
}

test("draws the chart in SVG, hidden from assistive technologies", () => {
  const { container } = render(<Example />);

  const drawing = container.querySelector(".dashboard-chart-drawing");
  expect(drawing).toHaveAttribute("aria-hidden", "true");
  expect(drawing?.querySelector("svg")).not.toBeNull();
  expect(drawing?.querySelectorAll(".recharts-bar-rectangle").length).toBe(2);
});

test("gives the same figures as an accessible table, with its CSV download", () => {
  render(<Example />);

  const table = screen.getByRole("table", { name: "Taux d’occupation", hidden: true });
  const cells = within(table)
    .getAllByRole("row", { hidden: true })
    .map((row) => row.textContent);
  expect(cells).toEqual(["JourTaux", "27 mars53.7 %", "28 mars25 %"]);
  expect(screen.getByText("Données du graphique (tableau)")).toBeInTheDocument();
  expect(screen.getByRole("link", { name: "Télécharger en CSV", hidden: true })).toHaveAttribute(
    "href",
    "/api/v1/analytics/manager/dashboard/series.csv?from=2026-03-27",
  );
});

test("an empty table says so", () => {
  render(
    <DataTable
      caption="Vide"
      rows={[]}
      rowKey={() => "x"}
      columns={[{ key: "a", header: "A", cell: () => "" }]}
    />,
  );

  expect(screen.getByText("Aucune donnée pour cette période.")).toBeInTheDocument();
});

/** The labels of the vertical (value) axis, bottom to top. */
function axisLabels(container: HTMLElement) {
  return Array.from(
    container.querySelectorAll('text.recharts-cartesian-axis-tick-value[orientation="left"]'),
  ).map((tick) => tick.textContent);
}

const percent = (value: number) => `${Math.round(value * 100)} %`;

test("an empty period's occupancy axis runs from 0 % to 100 %, never beyond", () => {
  // Issue 16: with no booking yet every rate is 0, and the axis read 0 % … 400 %.
  const { container } = render(
    <RateBarChart
      data={[
        { day: "1 déc.", rate: 0 },
        { day: "2 déc.", rate: 0 },
        { day: "3 déc.", rate: null },
      ]}
      category="day"
      width={600}
      format={percent}
      series={[{ key: "rate", label: "Taux", color: "#1f6f5c" }]}
    />,
  );

  expect(axisLabels(container)).toEqual(["0 %", "25 %", "50 %", "75 %", "100 %"]);
});

test("a full day and a rate above 100 % keep the axis at 100 %", () => {
  const { container } = render(
    <RateBarChart
      data={[
        { day: "1 déc.", rate: 1 },
        { day: "2 déc.", rate: 1.35 },
      ]}
      category="day"
      width={600}
      format={percent}
      series={[{ key: "rate", label: "Taux", color: "#1f6f5c" }]}
    />,
  );

  expect(axisLabels(container).at(-1)).toBe("100 %");
  expect(axisLabels(container)).not.toContain("200 %");
});
