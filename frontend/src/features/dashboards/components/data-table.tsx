import type { ReactNode } from "react";
import { useDashboardsT } from "../i18n";

export type Column<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
};

type DataTableProps<Row> = {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
  /** Address of the same table as CSV (the API's export). */
  csvHref?: string;
  /** Said in place of rows when there are none (default: no data for this period). */
  emptyText?: ReactNode;
};

/** A plain, accessible table of figures, with its CSV download. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  csvHref,
  emptyText,
}: DataTableProps<Row>) {
  const { t } = useDashboardsT();
  return (
    <div className="dashboard-table">
      <div className="dashboard-table-scroll">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" className={column.numeric ? "numeric" : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{emptyText ?? t("common.none")}</td>
              </tr>
            ) : (
              rows.map((row, index) => (
                <tr key={rowKey(row, index)}>
                  {columns.map((column, position) =>
                    position === 0 ? (
                      <th key={column.key} scope="row">
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td key={column.key} className={column.numeric ? "numeric" : undefined}>
                        {column.cell(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {csvHref ? (
        <a className="button button-secondary button-small" href={csvHref} download>
          {t("common.downloadCsv")}
        </a>
      ) : null}
    </div>
  );
}
