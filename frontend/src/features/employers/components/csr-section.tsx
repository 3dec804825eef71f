import { useId, useState } from "react";
import { todayIn } from "@/lib/dates";
import { formatCredits } from "@/lib/format";
import { useCommute } from "../api/employers";
import { useEmployersT } from "../i18n";
import { QueryState } from "./common";

/** The twelve months before the current one (YYYY-MM), the most recent first. */
function closedMonths(today: string): string[] {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, back) => {
    const date = new Date(Date.UTC(year, month - 2 - back, 1));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/**
 * "RSE": commute and CO2 the staff avoided on the days the company funded, per closed month,
 * published once from 5 people on (with noise).
 */
export function CsrSection({ employerId }: { employerId: number }) {
  const { t, language } = useEmployersT();
  const id = useId();
  const months = closedMonths(todayIn("Europe/Paris"));
  const [month, setMonth] = useState(months[0]!);
  const commute = useCommute(employerId, month);
  const number = (value: string | number | null) =>
    value === null ? "—" : formatCredits(String(value), language);
  const data = commute.data;
  return (
    <>
      <p className="section-hint">{t("csr.intro")}</p>
      <div className="field">
        <label htmlFor={`${id}-month`}>{t("csr.month")}</label>
        <select id={`${id}-month`} value={month} onChange={(event) => setMonth(event.target.value)}>
          {months.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      <QueryState query={commute} />
      {data?.suppressed ? (
        <div className="alert alert-info" role="status">
          <p className="alert-title">{t("csr.suppressedTitle")}</p>
          <p>{t("csr.suppressed")}</p>
        </div>
      ) : null}
      {data && !data.suppressed ? (
        <>
          <dl className="contact-list csr-figures">
            <dt>{t("csr.people")}</dt>
            <dd>{number(data.people)}</dd>
            <dt>{t("csr.days")}</dt>
            <dd>{number(data.days)}</dd>
            <dt>{t("csr.km")}</dt>
            <dd>{t("csr.kmValue", { km: number(data.km_avoided) })}</dd>
            <dt>{t("csr.co2")}</dt>
            <dd>{t("csr.co2Value", { kg: number(data.co2_kg_avoided) })}</dd>
          </dl>
          <p className="field-hint">{t("csr.method")}</p>
        </>
      ) : null}
    </>
  );
}
