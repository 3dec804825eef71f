import { csvUrl, useNetworkDashboard } from "../api/dashboards";
import type { NetworkDashboard, NetworkGroup, NetworkTable } from "../api/types";
import { RateBarChart } from "../components/bar-chart";
import { PALETTE } from "../components/palette";
import { ChartFrame } from "../components/chart-frame";
import { occupancyColumns } from "../components/columns";
import { DashboardPage } from "../components/dashboard-page";
import { DataTable, type Column } from "../components/data-table";
import { DashboardFilters, MonthField } from "../components/filters";
import { KpiCards } from "../components/kpi-cards";
import { PeopleFigure } from "../components/suppressed";
import { TableSection } from "../components/table-section";
import { currentMonth, formatDay, formatNumber, formatRate } from "../format";
import { useDashboardParams } from "../hooks/use-dashboard-params";
import { useDashboardsT, type DashboardsKey } from "../i18n";

type CommuteRow = NetworkDashboard["commute"]["by_department"][number];
type UnmetRow = NetworkDashboard["unmet_demand"]["by_department"][number];
type RedemptionRow = NetworkDashboard["pass_redemptions"][number];

/** The month before `month` (YYYY-MM). */
function monthBefore(month: string): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, number - 2, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function NetworkDashboardRoute() {
  const { t } = useDashboardsT();
  const { params, update } = useDashboardParams();
  // Figures are published per closed month (issue 22): the last one by default.
  const lastClosed = monthBefore(currentMonth());
  const month = params.get("month") ?? lastClosed;
  const query = { month };
  const dashboard = useNetworkDashboard(query);
  const csv = (table: NetworkTable) =>
    csvUrl(`/api/v1/analytics/network/dashboard/${table}.csv`, query);

  return (
    <DashboardPage
      title={t("network.title")}
      intro={`${t("network.intro")} ${t("network.published")}`}
      query={dashboard}
      forbidden={{ message: t("common.notAllowedNetwork"), loginNext: "/observatoire" }}
      filters={
        <DashboardFilters>
          <MonthField
            id="network-month"
            label={t("network.month")}
            value={month}
            max={lastClosed}
            onChange={(value) => update({ month: value })}
          />
        </DashboardFilters>
      }
      render={(data) => <NetworkBody data={data} csv={csv} />}
    />
  );
}

function NetworkBody({ data, csv }: { data: NetworkDashboard; csv: (t: NetworkTable) => string }) {
  const { t, language } = useDashboardsT();
  const commute = data.commute;
  const people = (value: number | string | null | undefined, suppressed: boolean, digits = 0) => (
    <PeopleFigure
      value={value === null || value === undefined ? null : formatNumber(value, language, digits)}
      suppressed={suppressed}
    />
  );
  /** A column of counts about people, "< 5" where the group is too small to publish. */
  const peopleColumn = <Row extends { suppressed: boolean }>(
    key: string,
    header: string,
    value: (row: Row) => number | string | null | undefined,
    digits = 0,
  ): Column<Row> => ({
    key,
    header,
    numeric: true,
    cell: (row) => people(value(row), row.suppressed, digits),
  });
  const groupLabel = (dimension: "department" | "setting" | "carrier_kind", key: string) => {
    if (dimension === "setting") return t(`network.setting_${key}` as DashboardsKey);
    if (dimension === "carrier_kind") return t(`network.carrier_${key}` as DashboardsKey);
    return key;
  };
  const groupSection = (
    title: string,
    rows: NetworkGroup[],
    dimension: "department" | "setting" | "carrier_kind",
    table: NetworkTable,
  ) => (
    <section className="dashboard-section" key={table}>
      <ChartFrame
        title={<h2>{title}</h2>}
        chart={(width) => (
          <RateBarChart
            width={width}
            height={240}
            data={rows.map((row) => ({
              label: groupLabel(dimension, row.key),
              rate: row.occupancy_rate,
            }))}
            category="label"
            format={(value) => formatRate(value, language)}
            series={[{ key: "rate", label: t("network.occupancy"), color: PALETTE[0] as string }]}
          />
        )}
        table={
          <DataTable
            caption={title}
            rows={rows}
            rowKey={(row) => row.key}
            csvHref={csv(table)}
            columns={[
              {
                key: "key",
                header: t("network.key"),
                cell: (row) => groupLabel(dimension, row.key),
              },
              {
                key: "places",
                header: t("network.places"),
                numeric: true,
                cell: (row) => String(row.places),
              },
              ...occupancyColumns<NetworkGroup>(t, language, "network.occupancy"),
              peopleColumn("members", t("network.members"), (row: NetworkGroup) => row.members),
            ]}
          />
        }
      />
    </section>
  );

  return (
    <>
      <p>
        {t("network.membersPeriod", {
          from: formatDay(data.members_period.date_from, language),
          to: formatDay(data.members_period.date_to, language),
        })}
      </p>
      <KpiCards
        items={[
          { key: "places", label: t("network.places"), value: formatNumber(data.places, language) },
          {
            key: "occupancy",
            label: t("network.occupancy"),
            value: formatRate(data.totals.occupancy_rate, language),
          },
          {
            key: "members",
            label: t("network.activeMembers"),
            value: people(data.active_members, data.active_members_suppressed),
          },
          {
            key: "employers",
            label: t("network.employers"),
            value: data.active_employers,
            detail: t("network.employersDetail"),
          },
          {
            key: "km",
            label: t("network.km"),
            value: people(commute.km_avoided, commute.suppressed),
          },
          {
            key: "co2",
            label: t("network.co2"),
            value: people(commute.co2_kg_avoided, commute.suppressed),
          },
          {
            key: "searches",
            label: t("network.emptySearches"),
            value: formatNumber(data.unmet_demand.empty_searches, language),
          },
          {
            key: "waitlists",
            label: t("network.waitlistEntries"),
            value: people(
              data.unmet_demand.waitlist_entries,
              data.unmet_demand.waitlist_entries === null,
            ),
          },
        ]}
      />
      {groupSection(t("network.byDepartment"), data.by_department, "department", "departments")}
      {groupSection(t("network.bySetting"), data.by_setting, "setting", "settings")}
      {groupSection(t("network.byCarrier"), data.by_carrier_kind, "carrier_kind", "carrier-kinds")}

      <TableSection
        title={t("network.commute")}
        intro={t("network.commuteIntro")}
        rows={commute.by_department}
        rowKey={(row) => row.department_code}
        csvHref={csv("commute")}
        columns={[
          {
            key: "department",
            header: t("network.department"),
            cell: (row) => row.department_code,
          },
          peopleColumn("people", t("network.people"), (row: CommuteRow) => row.people),
          peopleColumn("days", t("network.days"), (row: CommuteRow) => row.days),
          peopleColumn("km", t("network.km"), (row: CommuteRow) => row.km_avoided, 1),
          peopleColumn("co2", t("network.co2"), (row: CommuteRow) => row.co2_kg_avoided, 1),
        ]}
      />

      <TableSection
        title={t("network.unmet")}
        rows={data.unmet_demand.by_department}
        rowKey={(row) => row.department_code ?? "-"}
        csvHref={csv("unmet-demand")}
        columns={[
          {
            key: "department",
            header: t("network.department"),
            cell: (row) => row.department_code ?? t("network.unknownDepartment"),
          },
          {
            key: "directory",
            header: t("network.directorySearches"),
            numeric: true,
            cell: (row) => String(row.empty_directory_searches),
          },
          {
            key: "availability",
            header: t("network.availabilitySearches"),
            numeric: true,
            cell: (row) => String(row.empty_availability_searches),
          },
          peopleColumn(
            "entries",
            t("network.waitlistEntries"),
            (row: UnmetRow) => row.waitlist_entries,
          ),
          peopleColumn(
            "waiting",
            t("network.waitlistMembers"),
            (row: UnmetRow) => row.waitlist_members,
          ),
          peopleColumn(
            "served",
            t("network.waitlistServed"),
            (row: UnmetRow) => row.waitlist_served,
          ),
        ]}
      />

      <TableSection
        title={t("network.redemptions")}
        rows={data.pass_redemptions}
        rowKey={(row) => String(row.space_id)}
        csvHref={csv("pass-redemptions")}
        columns={[
          { key: "place", header: t("common.place"), cell: (row) => row.space_name },
          {
            key: "department",
            header: t("network.department"),
            cell: (row) => row.department_code,
          },
          peopleColumn(
            "credits",
            t("network.passCredits"),
            (row: RedemptionRow) => row.pass_credits_redeemed,
            2,
          ),
          peopleColumn("members", t("network.members"), (row: RedemptionRow) => row.members),
        ]}
      />
      <p className="field-hint">{t("common.suppressedNote")}</p>
    </>
  );
}
