import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { PageTitle } from "@/components/ui/page-title";

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <div className="narrow-page">
      <PageTitle title={t("app.notFoundTitle")} />
      <h1>{t("app.notFoundTitle")}</h1>
      <p>{t("app.notFoundText")}</p>
      <p>
        <Link to="/">{t("app.backHome")}</Link>
      </p>
    </div>
  );
}

/** Last-resort error page (renders without the layout, so it keeps its own landmarks). */
export function RouteErrorBoundary() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main" className="narrow-page">
      <h1>{notFound ? t("app.notFoundTitle") : t("app.genericError")}</h1>
      <p>
        <a href="/">{t("app.backHome")}</a>
      </p>
    </main>
  );
}
