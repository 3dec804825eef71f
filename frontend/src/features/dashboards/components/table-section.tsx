import type { ReactNode } from "react";
import { DataTable, type Column } from "./data-table";

type TableSectionProps<Row> = {
  title: string;
  /** A sentence under the title. */
  intro?: ReactNode;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
  csvHref?: string;
};

/** A dashboard section made of one titled table (the title is also the table's caption). */
export function TableSection<Row>({ title, intro, ...table }: TableSectionProps<Row>) {
  return (
    <section className="dashboard-section">
      <h2>{title}</h2>
      {intro ? <p>{intro}</p> : null}
      <DataTable caption={title} {...table} />
    </section>
  );
}
