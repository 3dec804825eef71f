import { useId, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { formatInstant } from "@/lib/format";
import { useApplications, type ApplicationStatus } from "../api/applications";
import { ApplicationDetailPanel } from "../components/application-detail";
import { Observatory } from "../components/observatory";
import { useJoiningT } from "../i18n";
import { joiningPaths } from "../paths";
import "../joining.css";

const STATUSES: ApplicationStatus[] = ["new", "in_review", "accepted", "refused"];

function Pipeline() {
  const { t, language } = useJoiningT();
  const { t: common } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<ApplicationStatus | "">("new");
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useApplications(status);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t("pipeline.title")}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t("pipeline.filter")}</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(event) => setStatus(event.target.value as ApplicationStatus | "")}
        >
          <option value="">{t("pipeline.all")}</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <p>{t("pipeline.none")}</p> : null}
      {list.data && list.data.length > 0 ? (
        <div className="joining-table-wrap">
          <table className="joining-table">
            <thead>
              <tr>
                <th scope="col">{t("pipeline.place")}</th>
                <th scope="col">{t("pipeline.carrier")}</th>
                <th scope="col">{t("pipeline.commune")}</th>
                <th scope="col">{t("pipeline.stage")}</th>
                <th scope="col">{t("pipeline.received")}</th>
                <th scope="col">{t("pipeline.statusCol")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("pipeline.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.place_name}
                    <br />
                    <span className="field-hint">{common(`kind.${row.place_kind}`)}</span>
                  </th>
                  <td>{row.carrier_name}</td>
                  <td>
                    {row.commune_name} ({row.department_code})
                  </td>
                  <td>{t(`apply.${row.stage}`)}</td>
                  <td>{formatInstant(row.created_at, "Europe/Paris", language)}</td>
                  <td>{t(`status.${row.status ?? "new"}`)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={openId === row.id}
                      onClick={() => setOpenId(openId === row.id ? null : row.id)}
                    >
                      {openId === row.id ? t("pipeline.close") : t("pipeline.open")}
                      <span className="visually-hidden"> {row.place_name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {openId !== null ? (
        <ApplicationDetailPanel id={openId} onClose={() => setOpenId(null)} />
      ) : null}
    </section>
  );
}

/** /reseau/candidatures: the network works applications and reads the observatory. */
export function ApplicationsRoute() {
  const { t } = useJoiningT();
  const me = useMe();
  return (
    <div className="joining-page joining-page-wide">
      <PageTitle title={t("pipeline.title")} />
      <h1>{t("pipeline.title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.isError ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data === null ? (
        <p>
          {t("pipeline.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(joiningPaths.applications)}`}>
            {t("pipeline.login")}
          </Link>
        </p>
      ) : null}
      {me.data && !me.data.is_network_admin ? <p role="alert">{t("pipeline.notAllowed")}</p> : null}
      {me.data?.is_network_admin ? (
        <>
          <p>
            <Link to={joiningPaths.census}>{t("census.nav")}</Link>
          </p>
          <Pipeline />
          <Observatory />
        </>
      ) : null}
    </div>
  );
}
