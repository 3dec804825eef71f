import { useState } from "react";
import { Link, useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { useOperator, useUpdateOperator } from "../api/operators";
import { OperatorForm } from "../components/operator-form";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths } from "../paths";

/** /reseau/structures/:id — an operator's identity (network admins), and its team's page. */
export function OperatorRoute() {
  const { t } = useNetworkAdminT();
  const id = Number(useParams().id);
  const me = useMe();
  const isAdmin = Boolean(me.data?.is_network_admin);
  return (
    <div className="narrow-page">
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(`/reseau/structures/${id}`)}`}>
            {t("login")}
          </Link>
        </p>
      ) : null}
      {me.data && !isAdmin ? <p role="alert">{t("adminOnly")}</p> : null}
      {isAdmin ? <OperatorEdit id={id} /> : null}
    </div>
  );
}

function OperatorEdit({ id }: { id: number }) {
  const { t } = useNetworkAdminT();
  const operator = useOperator(id);
  const update = useUpdateOperator(id);
  const [saved, setSaved] = useState(false);
  if (operator.isPending) return <Loading />;
  if (operator.error) {
    return <ErrorAlert error={operator.error} onRetry={() => void operator.refetch()} />;
  }
  const data = operator.data;
  return (
    <>
      <PageTitle title={data.name} />
      <p>
        <Link to={networkAdminPaths.operators}>{t("operators.back")}</Link>
      </p>
      <h1>{data.name}</h1>
      <p>
        <Link className="button button-secondary" to={`/equipe/${data.id}`}>
          {t("operators.team", { count: data.managers.length })}
        </Link>
      </p>
      <h2>{t("operators.identity")}</h2>
      <div aria-live="polite">
        {saved && !update.isPending && !update.error ? (
          <SuccessAlert>{t("operators.saved")}</SuccessAlert>
        ) : null}
      </div>
      <OperatorForm
        key={data.id}
        initial={data}
        submitLabel={t("operators.save")}
        pending={update.isPending}
        error={update.error}
        onSubmit={(input) => {
          setSaved(false);
          update.mutate(input, {
            onSuccess: () => {
              setSaved(true);
              void operator.refetch();
            },
          });
        }}
      />
    </>
  );
}
