import type { ReactNode } from "react";
import { formatHours, formatRate } from "../format";
import type { DashboardsKey } from "../i18n";
import type { Column } from "./data-table";

type Translate = (key: DashboardsKey) => string;
/** Null minutes: a published group of fewer than 5 people, whose figures are hidden ("< 5"). */
type Occupancy = {
  open_minutes: number | null;
  booked_minutes: number | null;
  occupancy_rate: number | null;
};

const hours = (minutes: number | null, language: string) =>
  minutes === null ? "< 5" : formatHours(minutes, language);

/** Open hours, booked hours and occupancy rate: the three columns of every occupancy table. */
export function occupancyColumns<Row extends Occupancy>(
  t: Translate,
  language: string,
  rateHeader: DashboardsKey = "manager.rate",
): Column<Row>[] {
  return [
    {
      key: "open",
      header: t("manager.openHours"),
      numeric: true,
      cell: (row) => hours(row.open_minutes, language),
    },
    {
      key: "booked",
      header: t("manager.bookedHours"),
      numeric: true,
      cell: (row) => hours(row.booked_minutes, language),
    },
    {
      key: "rate",
      header: t(rateHeader),
      numeric: true,
      cell: (row) => formatRate(row.occupancy_rate, language),
    },
  ];
}

/** A right-aligned column of figures. */
export function figureColumn<Row>(
  key: string,
  header: ReactNode,
  cell: (row: Row) => ReactNode,
): Column<Row> {
  return { key, header, numeric: true, cell };
}
