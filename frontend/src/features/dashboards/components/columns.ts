import type { ReactNode } from "react";
import { formatHours, formatRate } from "../format";
import type { DashboardsKey } from "../i18n";
import type { Column } from "./data-table";

type Translate = (key: DashboardsKey) => string;
type Occupancy = { open_minutes: number; booked_minutes: number; occupancy_rate: number | null };

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
      cell: (row) => formatHours(row.open_minutes, language),
    },
    {
      key: "booked",
      header: t("manager.bookedHours"),
      numeric: true,
      cell: (row) => formatHours(row.booked_minutes, language),
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
