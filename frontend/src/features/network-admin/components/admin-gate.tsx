import type { ReactNode } from "react";
import { Link } from "react-router";
import { Loading } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { useNetworkAdminT } from "../i18n";

/** Its children for a network admin; otherwise a login link or "reserved to the network". */
export function AdminGate({ next, children }: { next: string; children: ReactNode }) {
  const { t } = useNetworkAdminT();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) {
    return (
      <p>
        {t("loginRequired")}{" "}
        <Link to={`/connexion?next=${encodeURIComponent(next)}`}>{t("login")}</Link>
      </p>
    );
  }
  if (!me.data.is_network_admin) return <p role="alert">{t("adminOnly")}</p>;
  return <>{children}</>;
}
