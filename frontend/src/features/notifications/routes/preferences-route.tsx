import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { useNotificationPreferences } from "../api/preferences";
import { PreferencesForm } from "../components/preferences-form";
import { useNotificationsT } from "../i18n";
import { notificationsPaths } from "../paths";

/** /compte/notifications: which optional e-mails I get, and when I am reminded. */
export function NotificationPreferencesRoute() {
  const { t } = useNotificationsT();
  const me = useMe();
  const preferences = useNotificationPreferences({ enabled: Boolean(me.data) });
  return (
    <div className="narrow-page">
      <PageTitle title={t("title")} />
      <h1>{t("title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.isError ? <ErrorAlert error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(notificationsPaths.preferences)}`}>
            {t("login")}
          </Link>
        </p>
      ) : null}
      {me.data ? (
        <>
          <p>{t("intro")}</p>
          <p className="field-hint">{t("always")}</p>
          {preferences.isPending ? <Loading /> : null}
          {preferences.isError ? (
            <ErrorAlert error={preferences.error} onRetry={() => void preferences.refetch()} />
          ) : null}
          {preferences.data ? (
            <PreferencesForm initial={preferences.data} isNetworkAdmin={me.data.is_network_admin} />
          ) : null}
          <p>
            <Link to="/compte">{t("backToAccount")}</Link>
          </p>
        </>
      ) : null}
    </div>
  );
}
