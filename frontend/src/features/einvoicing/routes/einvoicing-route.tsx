import { Link, useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isManager, useMe } from "@/lib/current-user";
import { useEInvoicingOperators } from "../api/einvoicing";
import { EInvoicesSection } from "../components/einvoices-section";
import { SettingsSection } from "../components/settings-section";
import { useEInvoicingT } from "../i18n";
import { einvoicingPath } from "../paths";

/** /facturation-electronique/:operatorId — an operator's mandate and identifier, and each of
 * its e-invoices with the platform (0: the network's own invoices, for the network's staff). */
export function EInvoicingRoute() {
  const { t } = useEInvoicingT();
  const operatorId = Number(useParams().operatorId);
  const me = useMe();
  const allowed = isManager(me.data);
  const operators = useEInvoicingOperators({ enabled: allowed });
  const isNetwork = operatorId === 0 && me.data?.is_network_admin === true;
  const operator = operators.data?.find((candidate) => candidate.id === operatorId);
  const title = isNetwork
    ? t("networkTitle")
    : operator
      ? t("title", { operator: operator.name })
      : t("chooseTitle");
  const reachable = isNetwork || operator !== undefined;
  return (
    <div className="narrow-page einvoicing-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      {me.isPending ? <Loading /> : null}
      {me.isError ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(einvoicingPath(operatorId))}`}>
            {t("login")}
          </Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p role="alert">{t("notAllowed")}</p> : null}
      {allowed && operators.isPending ? <Loading /> : null}
      {allowed && operators.error ? <ErrorAlert error={operators.error} /> : null}
      {allowed && operators.data && !reachable ? <p role="alert">{t("notAllowed")}</p> : null}
      {reachable ? (
        <>
          <p>{t("intro")}</p>
          {operator ? <SettingsSection operatorId={operator.id} /> : null}
          <EInvoicesSection operatorId={operatorId} />
        </>
      ) : null}
    </div>
  );
}
