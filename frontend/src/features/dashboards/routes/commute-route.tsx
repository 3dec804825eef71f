import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { CommuneAutocomplete } from "@/components/commune-autocomplete/commune-autocomplete";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import { useCommuteDeclaration, useSaveCommute, useWithdrawCommute } from "../api/dashboards";
import { useDashboardsT } from "../i18n";
import "../dashboards.css";

type CommuneRef = { insee_code: string; name: string };

/** One commune field: the commune chosen in the list and the text typed in the box. */
function useCommuneChoice(declared: CommuneRef | null | undefined) {
  const [chosen, setChosen] = useState<CommuneRef | null | undefined>(undefined);
  const [text, setText] = useState<string | undefined>(undefined);
  const [invalid, setInvalid] = useState(false);
  const commune = chosen === undefined ? (declared ?? null) : chosen;
  const typed = (text ?? commune?.name ?? "").trim();
  return {
    commune,
    /** A name typed but not chosen from the list cannot be saved. */
    isValid: typed === "" || typed === commune?.name,
    code: typed === "" ? null : (commune?.insee_code ?? null),
    invalid,
    setInvalid,
    select: (value: CommuneRef | null) => {
      setChosen(value);
      setInvalid(false);
    },
    type: (value: string) => {
      setText(value);
      setInvalid(false);
    },
    reset: () => {
      setChosen(null);
      setText("");
      setInvalid(false);
    },
  };
}

/** The member declares (or withdraws) their home and workplace communes — never addresses. */
export function CommuteRoute() {
  const { t } = useDashboardsT();
  const declaration = useCommuteDeclaration();
  const save = useSaveCommute();
  const withdraw = useWithdrawCommute();
  const current = declaration.data;
  const home = useCommuneChoice(current?.home_commune);
  const workplace = useCommuneChoice(current?.workplace_commune);

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
    for (const field of [home, workplace]) field.setInvalid(!field.isValid);
    if (!home.isValid || !workplace.isValid) return;
    save.mutate({ home_commune: home.code, workplace_commune: workplace.code });
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
        {(
          [
            ["home", home],
            ["workplace", workplace],
          ] as const
        ).map(([key, field]) => (
          <CommuneAutocomplete
            key={key}
            fieldLabel={t(`commute.${key}`)}
            code={field.commune?.insee_code ?? ""}
            label={field.commune?.name ?? ""}
            onSelect={field.select}
            onTextChange={field.type}
            error={field.invalid ? t("commute.chooseFromList") : undefined}
          />
        ))}
        <button type="submit" className="button" disabled={save.isPending}>
          {t("commute.save")}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={withdraw.isPending}
          onClick={() => {
            home.reset();
            workplace.reset();
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
