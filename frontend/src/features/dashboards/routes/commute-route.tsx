import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import { useCommuteDeclaration, useSaveCommute, useWithdrawCommute } from "../api/dashboards";
import { useDashboardsT } from "../i18n";
import "../dashboards.css";

/** The member declares (or withdraws) their home and workplace communes — never addresses. */
export function CommuteRoute() {
  const { t } = useDashboardsT();
  const declaration = useCommuteDeclaration();
  const save = useSaveCommute();
  const withdraw = useWithdrawCommute();
  const [home, setHome] = useState<string | null>(null);
  const [workplace, setWorkplace] = useState<string | null>(null);
  const current = declaration.data;
  const homeValue = home ?? current?.home_commune?.insee_code ?? "";
  const workplaceValue = workplace ?? current?.workplace_commune?.insee_code ?? "";

  if (declaration.isError && isApiError(declaration.error, 403)) {
    return (
      <div className="narrow-page">
        <h1>{t("commute.title")}</h1>
        <p>
          <Link to="/connexion?next=/mon-trajet">{t("common.loginFirst")}</Link>
        </p>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ home_commune: homeValue || null, workplace_commune: workplaceValue || null });
  };
  return (
    <div className="narrow-page">
      <PageTitle title={t("commute.title")} />
      <h1>{t("commute.title")}</h1>
      <p>{t("commute.intro")}</p>
      {declaration.isPending ? <Loading /> : null}
      {current ? (
        <p>
          {current.home_commune || current.workplace_commune
            ? t("commute.current", {
                home: current.home_commune?.name ?? "—",
                workplace: current.workplace_commune?.name ?? "—",
              })
            : t("commute.notDeclared")}
        </p>
      ) : null}
      <form className="stack-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="commute-home">{t("commute.home")}</label>
          <input
            id="commute-home"
            inputMode="numeric"
            maxLength={5}
            value={homeValue}
            onChange={(e) => setHome(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="commute-workplace">{t("commute.workplace")}</label>
          <input
            id="commute-workplace"
            inputMode="numeric"
            maxLength={5}
            value={workplaceValue}
            onChange={(e) => setWorkplace(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={save.isPending}>
          {t("commute.save")}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={withdraw.isPending}
          onClick={() => {
            setHome("");
            setWorkplace("");
            withdraw.mutate();
          }}
        >
          {t("commute.withdraw")}
        </button>
      </form>
      {save.isSuccess ? <SuccessAlert>{t("commute.saved")}</SuccessAlert> : null}
      {withdraw.isSuccess ? <SuccessAlert>{t("commute.withdrawn")}</SuccessAlert> : null}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </div>
  );
}
