import { useDashboardsT } from "../i18n";

/** A figure about people: "< 5" when the API suppressed it (fewer than 5 people). */
export function PeopleFigure({ value, suppressed }: { value: string | null; suppressed: boolean }) {
  const { t } = useDashboardsT();
  if (suppressed || value === null) {
    return <abbr title={t("common.suppressedNote")}>{t("common.suppressed")}</abbr>;
  }
  return <>{value}</>;
}
