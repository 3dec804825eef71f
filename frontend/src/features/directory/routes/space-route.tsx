import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import { useServices } from "../api/get-services";
import { useSpace } from "../api/get-space";
import { SpaceDetailView } from "../components/space-detail";

export function SpaceRoute() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const space = useSpace(slug);
  const services = useServices();

  return (
    <div className="space-page">
      <p className="breadcrumb">
        <Link to="/">
          <span aria-hidden="true">← </span>
          {t("space.backToDirectory")}
        </Link>
      </p>
      {space.isPending ? <Loading /> : null}
      {space.isError ? (
        isApiError(space.error, 404) ? (
          <>
            <PageTitle title={t("space.notFound")} />
            <h1>{t("space.notFound")}</h1>
          </>
        ) : (
          <>
            <h1>{t("app.genericError")}</h1>
            <ErrorAlert error={space.error} onRetry={() => void space.refetch()} />
          </>
        )
      ) : null}
      {space.data ? (
        <>
          <PageTitle title={space.data.name} />
          <SpaceDetailView space={space.data} services={services.data} />
        </>
      ) : null}
    </div>
  );
}
