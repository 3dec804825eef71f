import { useId, useState, type ReactNode } from "react";
import { todayIn } from "@/lib/dates";
import { formatCredits, formatMoney } from "@/lib/format";
import { useDepartments, usageCsvUrl, useUsage } from "../api/employers";
import type { UsageBy, UsageRow } from "../api/types";
import { useEmployersT } from "../i18n";
import { QueryState, Section } from "./common";

const MONTH_RE = /^\d{4}-\d{2}$/;

function Figures({ row }: { row: UsageRow }) {
  const { t, language } = useEmployersT();
  const money = (amount: string) => formatMoney(amount, "EUR", language);
  return (
    <>
      <td className="numeric">{formatCredits(row.days, language)}</td>
      <td className="numeric">
        {formatCredits(row.credits, language)}
        {Number(row.overage_credits) > 0 ? (
          <span className="cell-detail">+{formatCredits(row.overage_credits, language)}</span>
        ) : null}
      </td>
      <td className="numeric">{money(row.company_amount)}</td>
      <td className="numeric">
        {Number(row.employee_credits) > 0
          ? `${t("usage.creditsAbbr", {
              count: Number(row.employee_credits),
              credits: formatCredits(row.employee_credits, language),
            })} · `
          : ""}
        {money(row.employee_amount)}
      </td>
    </>
  );
}

function UsageTable({
  caption,
  firstColumns,
  rows,
  csv,
}: {
  caption: string;
  firstColumns: string[];
  rows: { key: string; cells: ReactNode; row: UsageRow }[];
  csv: string;
}) {
  const { t } = useEmployersT();
  return (
    <Section title={caption} level={3}>
      {rows.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {firstColumns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
                <th scope="col" className="numeric">
                  {t("usage.days")}
                </th>
                <th scope="col" className="numeric">
                  {t("usage.credits")}
                </th>
                <th scope="col" className="numeric">
                  {t("usage.cost")}
                </th>
                <th scope="col" className="numeric">
                  {t("usage.employeeShare")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ key, cells, row }) => (
                <tr key={key}>
                  {cells}
                  <Figures row={row} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("usage.empty")}</p>
      )}
      <p>
        <a href={csv} download>
          {t("usage.csv")} <span className="visually-hidden">— {caption}</span>
        </a>
      </p>
    </Section>
  );
}

/** "Usage": a month of the bundle per employee, cost centre and department; CSV exports. */
export function UsageSection({ employerId }: { employerId: number }) {
  const { t } = useEmployersT();
  const id = useId();
  const [month, setMonth] = useState(() => todayIn("Europe/Paris").slice(0, 7));
  const usage = useUsage(employerId, month);
  const departments = useDepartments();
  const departmentName = (code: string) =>
    departments.data?.find((department) => department.code === code)?.name ?? code;
  const csv = (by: UsageBy) => usageCsvUrl(employerId, month, by);
  const data = usage.data;
  return (
    <>
      <div className="alert alert-info privacy-note">
        <p className="alert-title">{t("usage.privacyTitle")}</p>
        <p>{t("usage.privacy")}</p>
      </div>
      <div className="field month-field">
        <label htmlFor={`${id}-month`}>{t("usage.month")}</label>
        <p className="field-hint" id={`${id}-month-hint`}>
          {t("usage.monthHint")}
        </p>
        <input
          id={`${id}-month`}
          type="month"
          value={month}
          aria-describedby={`${id}-month-hint`}
          onChange={(event) => {
            if (MONTH_RE.test(event.target.value)) setMonth(event.target.value);
          }}
        />
      </div>
      <QueryState query={usage} />
      {data ? (
        <>
          <UsageTable
            caption={t("usage.byEmployee")}
            firstColumns={[t("usage.employee"), t("usage.costCentre")]}
            csv={csv("employee")}
            rows={data.employees.map((row) => ({
              key: String(row.employment_id),
              row,
              cells: (
                <>
                  <th scope="row">
                    {row.name || row.email}
                    {row.name ? <span className="cell-detail">{row.email}</span> : null}
                  </th>
                  <td>{row.cost_centre || "—"}</td>
                </>
              ),
            }))}
          />
          <UsageTable
            caption={t("usage.byCostCentre")}
            firstColumns={[t("usage.costCentre"), t("usage.employees")]}
            csv={csv("cost_centre")}
            rows={data.cost_centres.map((row) => ({
              key: row.cost_centre || "-",
              row,
              cells: (
                <>
                  <th scope="row">{row.cost_centre || t("usage.noCostCentre")}</th>
                  <td className="numeric">{row.employees}</td>
                </>
              ),
            }))}
          />
          <UsageTable
            caption={t("usage.byDepartment")}
            firstColumns={[t("usage.department"), t("usage.employees")]}
            csv={csv("department")}
            rows={data.departments.map((row) => ({
              key: row.department_code,
              row,
              cells: (
                <>
                  <th scope="row">
                    {departmentName(row.department_code)} ({row.department_code})
                  </th>
                  <td className="numeric">{row.employees}</td>
                </>
              ),
            }))}
          />
        </>
      ) : null}
    </>
  );
}
