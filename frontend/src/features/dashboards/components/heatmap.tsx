import type { HeatmapCell } from "../api/types";
import { formatHours, formatRate, weekdayShort } from "../format";
import { useDashboardsT } from "../i18n";

type HeatmapProps = { cells: HeatmapCell[]; caption: string };

/** Shade of a rate, from white (0 %) to the accent colour (100 %), readable text on top. */
function shade(rate: number | null): { background: string; color: string } {
  if (rate === null) return { background: "transparent", color: "inherit" };
  const alpha = Math.max(0.05, Math.min(1, rate));
  return {
    background: `rgba(31, 111, 92, ${alpha.toFixed(2)})`,
    color: alpha > 0.55 ? "#fff" : "#1b1b1b",
  };
}

/**
 * Weekday x hour occupancy as a table whose cells are shaded by their rate: the heatmap and its
 * accessible equivalent are the same element (each cell also says its rate and hours).
 */
export function Heatmap({ cells, caption }: HeatmapProps) {
  const { t, language } = useDashboardsT();
  const open = cells.filter((cell) => cell.open_minutes > 0 || cell.booked_minutes > 0);
  if (open.length === 0) return <p>{t("common.none")}</p>;
  const hours = open.map((cell) => cell.hour);
  const first = Math.min(...hours);
  const last = Math.max(...hours);
  const columns = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  const byKey = new Map(open.map((cell) => [`${cell.weekday}:${cell.hour}`, cell]));
  const weekdays = [0, 1, 2, 3, 4, 5, 6].filter((day) => open.some((c) => c.weekday === day));
  return (
    <div className="dashboard-table-scroll">
      <table className="heatmap">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {columns.map((hour) => (
              <th key={hour} scope="col">
                {`${hour}h`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weekdays.map((day) => (
            <tr key={day}>
              <th scope="row">{weekdayShort(day, language)}</th>
              {columns.map((hour) => {
                const cell = byKey.get(`${day}:${hour}`);
                const rate = cell?.occupancy_rate ?? null;
                const label = cell
                  ? `${formatRate(rate, language)} (${formatHours(cell.booked_minutes, language)} / ${formatHours(cell.open_minutes, language)} h)`
                  : "";
                return (
                  <td key={hour} style={shade(rate)} title={label}>
                    {cell ? formatRate(rate, language) : ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
