import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import { useDashboardsT } from "../i18n";
import "../dashboards.css";

type DashboardPageProps<Data> = {
  title: string;
  intro: ReactNode;
  /** The dashboard's figures; a 401/403 answer shows `forbidden` instead of the page. */
  query: UseQueryResult<Data>;
  forbidden: { message: ReactNode; loginNext: string };
  /** The period picker (a `DashboardFilters`). */
  filters: ReactNode;
  /** Shown between the filters and the figures, whatever their state. */
  children?: ReactNode;
  /** The figures, once they are here. */
  render: (data: Data) => ReactNode;
};

/**
 * The frame every dashboard shares: title, intro, period picker, then the figures with their
 * loading and error states (retry), or a "not for you, log in" page on 401/403.
 */
export function DashboardPage<Data>({
  title,
  intro,
  query,
  forbidden,
  filters,
  children,
  render,
}: DashboardPageProps<Data>) {
  const { t } = useDashboardsT();
  if (query.isError && (isApiError(query.error, 403) || isApiError(query.error, 401))) {
    return (
      <div className="narrow-page">
        <PageTitle title={title} />
        <h1>{title}</h1>
        <p>
          {forbidden.message}{" "}
          <Link to={`/connexion?next=${forbidden.loginNext}`}>{t("common.loginFirst")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="dashboard-page">
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p className="page-intro">{intro}</p>
      {filters}
      {children}
      {query.isPending ? <Loading /> : null}
      {query.isError ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {query.data !== undefined ? render(query.data) : null}
    </div>
  );
}
