import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { ApiError, localizedMessage } from "@/lib/api/errors";
import { useMe } from "@/lib/current-user";
import { formatInstant } from "@/lib/format";
import {
  useApplyCensus,
  useCensusImport,
  useCensusImports,
  useUploadCensus,
  type CensusImportDetail,
} from "../api/applications";
import { FieldErrors } from "../components/fields";
import { useJoiningT } from "../i18n";
import { joiningPaths } from "../paths";
import "../joining.css";

function CensusReport({ census }: { census: CensusImportDetail }) {
  const { t, language } = useJoiningT();
  const id = useId();
  const apply = useApplyCensus();
  const busy = census.status === "checking" || census.status === "applying";
  const applied = census.status === "applied";
  const text = (messages: string[]) => messages.map((m) => localizedMessage(m, language));
  return (
    <section aria-labelledby={`${id}-title`} className="joining-detail">
      <h2 id={`${id}-title`}>
        {census.original_name}{" "}
        <span className="badge badge-neutral">
          {t(`census.status.${census.status ?? "checking"}`)}
        </span>
      </h2>
      {busy ? (
        <div className="field">
          <label htmlFor={`${id}-progress`}>{t("census.progress")}</label>
          <progress id={`${id}-progress`} max={census.rows_total} value={census.rows_done}>
            {census.rows_done} / {census.rows_total}
          </progress>
          <p aria-live="polite">
            {t("census.rowsDone", { done: census.rows_done, total: census.rows_total })}
          </p>
        </div>
      ) : null}
      {census.error ? <p role="alert">{localizedMessage(census.error, language)}</p> : null}
      {!busy && census.rows.length ? (
        <>
          <p aria-live="polite">
            {t(applied ? "census.reportCounts" : "census.previewCounts", {
              created: census.created_count,
              updated: census.updated_count,
              refused: census.refused_count,
            })}
          </p>
          <div className="joining-table-wrap">
            <table className="joining-table">
              <caption>{applied ? t("census.report") : t("census.preview")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("census.row")}</th>
                  <th scope="col">{t("census.place")}</th>
                  <th scope="col">{t("census.action")}</th>
                  <th scope="col">{t("census.reasons")}</th>
                </tr>
              </thead>
              <tbody>
                {census.rows.map((row) => (
                  <tr key={row.row}>
                    <td>{row.row}</td>
                    <th scope="row">{row.place || "—"}</th>
                    <td>{t(`census.actions.${applied ? "done" : "will"}.${row.action}`)}</td>
                    <td>
                      {[...text(row.reasons), ...text(row.warnings)].map((reason) => (
                        <p
                          key={reason}
                          className={row.reasons.length ? "field-errors" : "field-hint"}
                        >
                          {reason}
                        </p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {census.status === "checked" ? (
        <>
          {apply.isError ? <ErrorAlert error={apply.error} /> : null}
          <div className="action-row">
            <button
              type="button"
              className="button"
              disabled={apply.isPending || census.created_count + census.updated_count === 0}
              onClick={() => apply.mutate(census.id)}
            >
              {t("census.apply", { count: census.created_count + census.updated_count })}
            </button>
          </div>
        </>
      ) : null}
      {applied ? <SuccessAlert>{t("census.applied")}</SuccessAlert> : null}
    </section>
  );
}

function CensusUpload({ onUploaded }: { onUploaded: (id: number) => void }) {
  const { t, language } = useJoiningT();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadCensus();
  const errors =
    upload.error instanceof ApiError
      ? upload.error.fieldErrors.file?.map((m) => localizedMessage(m, language))
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file, { onSuccess: (census) => onUploaded(census.id) });
  };
  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("census.file")}</label>
        <p className="field-hint" id={`${id}-hint`}>
          {t("census.fileHint")}
        </p>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.xlsx,.geojson,.json"
          aria-invalid={errors ? true : undefined}
          aria-describedby={[`${id}-hint`, errors ? `${id}-error` : ""].join(" ").trim()}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <FieldErrors id={`${id}-error`} errors={errors} />
      </div>
      {upload.isError && !errors ? <ErrorAlert error={upload.error} /> : null}
      <div className="action-row">
        <button type="submit" className="button" disabled={!file || upload.isPending}>
          {upload.isPending ? t("census.checking") : t("census.check")}
        </button>
      </div>
    </form>
  );
}

/** /reseau/recensement: the network imports its existing census (preview, then import). */
export function CensusRoute() {
  const { t, language } = useJoiningT();
  const me = useMe();
  const [openId, setOpenId] = useState<number | null>(null);
  const imports = useCensusImports();
  const current = useCensusImport(openId);
  return (
    <div className="joining-page joining-page-wide">
      <PageTitle title={t("census.title")} />
      <h1>{t("census.title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("pipeline.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(joiningPaths.census)}`}>
            {t("pipeline.login")}
          </Link>
        </p>
      ) : null}
      {me.data && !me.data.is_network_admin ? <p role="alert">{t("pipeline.notAllowed")}</p> : null}
      {me.data?.is_network_admin ? (
        <>
          <p>{t("census.intro")}</p>
          <CensusUpload onUploaded={setOpenId} />
          {current.data ? <CensusReport census={current.data} /> : null}
          {current.isError ? <ErrorAlert error={current.error} /> : null}
          <h2>{t("census.history")}</h2>
          {imports.data?.length ? (
            <ul className="joining-list">
              {imports.data.map((census) => (
                <li key={census.id}>
                  <button
                    type="button"
                    className="button-link"
                    onClick={() => setOpenId(census.id)}
                  >
                    {census.original_name}
                  </button>{" "}
                  — {formatInstant(census.created_at, "Europe/Paris", language)} —{" "}
                  {t(`census.status.${census.status ?? "checking"}`)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("census.none")}</p>
          )}
        </>
      ) : null}
    </div>
  );
}
