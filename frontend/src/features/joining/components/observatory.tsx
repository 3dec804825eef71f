import { useId } from "react";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useApplicationCounts, type ApplicationCounts } from "../api/applications";
import { useJoiningT } from "../i18n";

type Group = ApplicationCounts["by_department"][number];

function CountTable({
  caption,
  groups,
  label,
}: {
  caption: string;
  groups: Group[];
  label: (group: Group) => string;
}) {
  const { t } = useJoiningT();
  return (
    <table className="joining-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("observatory.group")}</th>
          <th scope="col">{t("observatory.count")}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={group.key}>
            <th scope="row">{label(group)}</th>
            <td>{group.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Counts of applications by department, stage and need (small groups merged). */
export function Observatory() {
  const { t } = useJoiningT();
  const id = useId();
  const counts = useApplicationCounts();
  const other = (group: Group) => (group.key === "other" ? t("observatory.other") : null);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("observatory.title")}</h2>
      {counts.isPending ? <Loading /> : null}
      {counts.isError ? <ErrorAlert error={counts.error} /> : null}
      {counts.data ? (
        <>
          <p>{t("observatory.intro", { min: counts.data.min_group_size })}</p>
          {counts.data.total === null ? (
            <p>{t("observatory.hidden", { min: counts.data.min_group_size })}</p>
          ) : (
            <p>{t("observatory.total", { total: counts.data.total })}</p>
          )}
          <div className="joining-counts">
            <CountTable
              caption={t("observatory.byDepartment")}
              groups={counts.data.by_department}
              label={(group) => other(group) ?? group.label}
            />
            <CountTable
              caption={t("observatory.byStage")}
              groups={counts.data.by_stage}
              label={(group) => other(group) ?? t(`apply.${group.key as "creation" | "extension"}`)}
            />
            <CountTable
              caption={t("observatory.byNeed")}
              groups={counts.data.by_need}
              label={(group) =>
                other(group) ??
                t(
                  `need.${group.key as "financing" | "engineering" | "promotion" | "networking" | "training"}`,
                )
              }
            />
          </div>
        </>
      ) : null}
    </section>
  );
}
