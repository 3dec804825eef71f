import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { useCreateOperator, useOperators } from "../api/operators";
import { OperatorForm } from "../components/operator-form";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths, operatorPath } from "../paths";

/** /reseau/structures — the network's operators, and a form to create one (network admins). */
export function OperatorsRoute() {
  const { t } = useNetworkAdminT();
  const me = useMe();
  const isAdmin = Boolean(me.data?.is_network_admin);
  return (
    <div className="narrow-page">
      <PageTitle title={t("operators.title")} />
      <h1>{t("operators.title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(networkAdminPaths.operators)}`}>
            {t("login")}
          </Link>
        </p>
      ) : null}
      {me.data && !isAdmin ? <p role="alert">{t("adminOnly")}</p> : null}
      {isAdmin ? <OperatorsAdmin /> : null}
    </div>
  );
}

function OperatorsAdmin() {
  const { t } = useNetworkAdminT();
  const navigate = useNavigate();
  const operators = useOperators();
  const create = useCreateOperator();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <p>{t("operators.intro")}</p>
      {operators.isPending ? <Loading /> : null}
      {operators.error ? (
        <ErrorAlert error={operators.error} onRetry={() => void operators.refetch()} />
      ) : null}
      {operators.data ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t("operators.count", { count: operators.data.count })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("operators.name")}</th>
                <th scope="col">{t("operators.legalForm")}</th>
                <th scope="col">{t("operators.carrierKind")}</th>
                <th scope="col">{t("operators.siret")}</th>
              </tr>
            </thead>
            <tbody>
              {operators.data.results.map((operator) => (
                <tr key={operator.id}>
                  <th scope="row">
                    <Link to={operatorPath(operator.id)}>{operator.name}</Link>
                  </th>
                  <td>{t(`legalForms.${operator.legal_form}`)}</td>
                  <td>{t(`carrierKinds.${operator.carrier_kind}`)}</td>
                  <td>{operator.siret || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>{t("operators.new")}</h2>
      {creating ? (
        <OperatorForm
          submitLabel={t("operators.create")}
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: (operator) => void navigate(operatorPath(operator.id)),
            })
          }
        />
      ) : (
        <button type="button" className="button" onClick={() => setCreating(true)}>
          {t("operators.new")}
        </button>
      )}
    </>
  );
}
