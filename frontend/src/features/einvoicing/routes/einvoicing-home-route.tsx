import { Link, Navigate } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isManager, useMe } from "@/lib/current-user";
import { useEInvoicingOperators } from "../api/einvoicing";
import { useEInvoicingT } from "../i18n";
import { einvoicingPath, einvoicingPaths } from "../paths";

/** /facturation-electronique — the operators one manages (straight to it when there is one);
 * the network's staff also reach the network's own invoices. */
export function EInvoicingHomeRoute() {
  const { t } = useEInvoicingT();
  const me = useMe();
  const allowed = isManager(me.data);
  const operators = useEInvoicingOperators({ enabled: allowed });
  const network = me.data?.is_network_admin === true;
  const only = operators.data?.length === 1 ? operators.data[0] : undefined;
  if (only && !network) return <Navigate to={einvoicingPath(only.id)} replace />;
  return (
    <div className="narrow-page">
      <PageTitle title={t("chooseTitle")} />
      <h1>{t("chooseTitle")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(einvoicingPaths.home)}`}>
            {t("login")}
          </Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p role="alert">{t("notAllowed")}</p> : null}
      {operators.isPending && allowed ? <Loading /> : null}
      {operators.error ? <ErrorAlert error={operators.error} /> : null}
      {operators.data?.length === 0 && !network ? <p>{t("noOperator")}</p> : null}
      {operators.data ? (
        <>
          <p>{t("chooseIntro")}</p>
          <ul className="plain-list">
            {network ? (
              <li>
                <Link to={einvoicingPath(0)}>{t("networkOwn")}</Link>
              </li>
            ) : null}
            {operators.data.map((operator) => (
              <li key={operator.id}>
                <Link to={einvoicingPath(operator.id)}>{operator.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
