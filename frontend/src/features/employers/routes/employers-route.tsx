import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { Loading } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { useCreateEmployer, useEmployers } from "../api/employers";
import { QueryState, Section } from "../components/common";
import { EmployerForm } from "../components/employer-form";
import { useEmployersT } from "../i18n";
import { employerPath, employersPaths } from "../paths";
import "../employers.css";

/** "Espace employeur": the employers I administer, or create one. */
export function EmployersRoute() {
  const { t } = useEmployersT();
  const navigate = useNavigate();
  const me = useMe();
  const employers = useEmployers({ enabled: Boolean(me.data) });
  const create = useCreateEmployer();
  const [creating, setCreating] = useState(false);
  const list = employers.data ?? [];

  return (
    <div className="employer-page">
      <PageTitle title={t("area.title")} />
      <h1>{t("area.title")}</h1>
      <p className="page-intro">{t("area.intro")}</p>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("common.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(employersPaths.area)}`}>
            {t("common.login")}
          </Link>
        </p>
      ) : null}
      {me.data ? (
        <>
          <Section title={t("area.mine")}>
            <QueryState query={employers} />
            {employers.data && list.length === 0 ? <p>{t("area.none")}</p> : null}
            {list.length ? (
              <ul className="plain-list employer-list">
                {list.map((employer) => (
                  <li key={employer.id}>
                    <Link to={employerPath(employer.id)}>{employer.name}</Link>{" "}
                    <span className="field-hint">
                      {employer.legal_name} · {t(`kind.${employer.kind ?? "company"}`)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>
          <Section title={t("area.create")} intro={t("area.createIntro")}>
            {employers.data && (list.length === 0 || creating) ? (
              <EmployerForm
                submitLabel={t("area.createSubmit")}
                busy={create.isPending}
                error={create.error}
                onSubmit={(values) =>
                  create.mutate(values, {
                    onSuccess: (employer) => void navigate(employerPath(employer.id)),
                  })
                }
              />
            ) : employers.data ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setCreating(true)}
              >
                {t("area.createAnother")}
              </button>
            ) : null}
          </Section>
        </>
      ) : null}
    </div>
  );
}
