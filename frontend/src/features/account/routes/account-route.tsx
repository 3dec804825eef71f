import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useMe } from "../api/get-me";

export function AccountRoute() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div className="narrow-page">
      <PageTitle title={t("account.title")} />
      <h1>{t("account.title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.isError ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data === null ? (
        <p>
          {t("account.loginRequired")} <Link to="/connexion?next=/compte">{t("auth.login")}</Link>
        </p>
      ) : null}
      {me.data ? (
        <dl className="contact-list">
          <dt>{t("account.email")}</dt>
          <dd>{me.data.email}</dd>
          <dt>{t("account.name")}</dt>
          <dd>
            {[me.data.first_name, me.data.last_name].filter(Boolean).join(" ") ||
              t("account.notSet")}
          </dd>
          <dt>{t("account.language")}</dt>
          <dd>
            {me.data.language === "en" || me.data.language === "fr"
              ? t(`language.${me.data.language}`)
              : me.data.language || t("account.notSet")}
          </dd>
          {me.data.is_network_admin ? (
            <>
              <dt>{t("account.networkAdmin")}</dt>
              <dd>{t("account.yes")}</dd>
            </>
          ) : null}
          <dt>{t("account.managedOperators")}</dt>
          <dd>
            {t("account.managedOperatorsCount", { count: me.data.managed_operator_ids.length })}
          </dd>
        </dl>
      ) : null}
      {me.data ? (
        <p>
          <Link to="/compte/notifications">{t("account.notificationsLink")}</Link>
        </p>
      ) : null}
      {me.data ? (
        <p>
          <Link to="/compte/donnees">{t("data.link")}</Link>
        </p>
      ) : null}
    </div>
  );
}
