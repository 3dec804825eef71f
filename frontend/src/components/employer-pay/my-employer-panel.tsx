import { useId } from "react";
import { formatCredits } from "@/lib/format";
import { useMyEmployer, type MyEmployer } from "./api";
import { useEmployerPayT } from "./i18n";

function Allowance({ label, allowance }: { label: string; allowance: MyEmployer["week"] }) {
  const { t, language } = useEmployerPayT();
  const number = (value: string) => formatCredits(value, language);
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {allowance.limit !== null && allowance.left !== null
          ? t("left", {
              count: Number(allowance.left),
              left: number(allowance.left),
              limit: number(allowance.limit),
            })
          : t("unlimited", { used: number(allowance.used) })}
      </dd>
    </>
  );
}

/**
 * "Mon employeur": who pays for my bookings and the allowance left this week and month.
 * Renders nothing for someone no employer pays for.
 */
export function MyEmployerPanel({ enabled = true }: { enabled?: boolean }) {
  const { t } = useEmployerPayT();
  const id = useId();
  const myEmployer = useMyEmployer({ enabled });
  const data = myEmployer.data;
  if (!data) return null;
  const name = data.employer_name;
  return (
    <section className="space-section" aria-labelledby={id}>
      <h2 id={id}>{t("panelTitle")}</h2>
      <p>
        {t("panelIntro", { employer: name })}{" "}
        {data.cost_centre ? t("costCentre", { name: data.cost_centre }) : null}
      </p>
      <dl className="contact-list">
        <Allowance label={t("week")} allowance={data.week} />
        <Allowance label={t("month")} allowance={data.month} />
      </dl>
      {!data.bundle_available ? (
        <div className="alert alert-warning" role="status">
          <p>{t("bundleEmpty")}</p>
        </div>
      ) : null}
      <p className="field-hint">
        {t("companyShare", { percent: data.policy.company_share_percent ?? 100 })}{" "}
        {data.policy.may_pay_personally === false ? t("mayNotPay") : t("mayPay")}
      </p>
    </section>
  );
}
