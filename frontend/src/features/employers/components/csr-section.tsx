import { useId, useState } from "react";
import { todayIn } from "@/lib/dates";
import { formatCredits } from "@/lib/format";
import { useCommute } from "../api/employers";
import { useEmployersT } from "../i18n";
import { QueryState } from "./common";

/** "RSE": commute and CO2 the staff avoided in a year, published from 5 people on. */
export function CsrSection({ employerId }: { employerId: number }) {
  const { t, language } = useEmployersT();
  const id = useId();
  const thisYear = Number(todayIn("Europe/Paris").slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const commute = useCommute(employerId, year);
  const number = (value: string | number | null) =>
    value === null ? "—" : formatCredits(String(value), language);
  const data = commute.data;
  return (
    <>
      <p className="section-hint">{t("csr.intro")}</p>
      <div className="field">
        <label htmlFor={`${id}-year`}>{t("csr.year")}</label>
        <select
          id={`${id}-year`}
          value={year}
          onChange={(event) => setYear(Number(event.target.value))}
        >
          {[0, 1, 2, 3].map((back) => (
            <option key={back} value={thisYear - back}>
              {thisYear - back}
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
