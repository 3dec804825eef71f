import { PageTitle } from "@/components/ui/page-title";
import { useDashboardsT } from "../i18n";
import "../dashboards.css";

const FILES = [
  {
    href: "/api/v1/open-data/directory.csv",
    title: "openData.directoryCsv",
    hint: "openData.directoryCsvHint",
  },
  {
    href: "/api/v1/open-data/directory.geojson",
    title: "openData.directoryGeojson",
    hint: "openData.directoryGeojsonHint",
  },
  {
    href: "/api/v1/open-data/occupancy-by-department.csv",
    title: "openData.occupancyCsv",
    hint: "openData.occupancyCsvHint",
  },
] as const;

/** Public page: the network's open data downloads. */
export function OpenDataRoute() {
  const { t } = useDashboardsT();
  return (
    <div className="narrow-page">
      <PageTitle title={t("openData.title")} />
      <h1>{t("openData.title")}</h1>
      <p className="page-intro">{t("openData.intro")}</p>
      <ul className="open-data-list">
        {FILES.map((file) => (
          <li key={file.href}>
            <a href={file.href} download>
              {t(file.title)}
            </a>
            <p className="field-hint">{t(file.hint)}</p>
          </li>
        ))}
      </ul>
      <p>{t("openData.format")}</p>
    </div>
  );
}
