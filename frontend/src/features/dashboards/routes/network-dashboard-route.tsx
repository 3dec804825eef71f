import { Link, useSearchParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import { csvUrl, useNetworkDashboard } from "../api/dashboards";
import type { NetworkDashboard, NetworkGroup, NetworkTable } from "../api/types";
import { RateBarChart } from "../components/bar-chart";
import { PALETTE } from "../components/palette";
import { ChartFrame } from "../components/chart-frame";
import { DataTable } from "../components/data-table";
import { KpiCards } from "../components/kpi-cards";
import { PeopleFigure } from "../components/suppressed";
import {
  currentMonth,
  formatDay,
  formatHours,
  formatNumber,
  formatRate,
  monthBounds,
} from "../format";
import { useDashboardsT, type DashboardsKey } from "../i18n";
import "../dashboards.css";

function monthsBefore(month: string, count: number): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, number - 1 - count, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function NetworkDashboardRoute() {
  const { t } = useDashboardsT();
  const [params, setParams] = useSearchParams();
  const last = params.get("to") ?? currentMonth();
  const first = params.get("from") ?? monthsBefore(last, 11);
  const query = { from: monthBounds(first).from, to: monthBounds(last).to };
  const dashboard = useNetworkDashboard(query);
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  if (dashboard.isError && (isApiError(dashboard.error, 403) || isApiError(dashboard.error, 401))) {
    return (
      <div className="narrow-page">
        <PageTitle title={t("network.title")} />
        <h1>{t("network.title")}</h1>
        <p>
          {t("common.notAllowedNetwork")}{" "}
          <Link to="/connexion?next=/observatoire">{t("common.loginFirst")}</Link>
        </p>
      </div>
    );
  }
  const csv = (table: NetworkTable) =>
    csvUrl(`/api/v1/analytics/network/dashboard/${table}.csv`, query);

  return (
    <div className="dashboard-page">
      <PageTitle title={t("network.title")} />
      <h1>{t("network.title")}</h1>
      <p className="page-intro">{t("network.intro")}</p>
      <form className="dashboard-filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="network-from">{t("common.from")}</label>
          <input
            id="network-from"
            type="month"
            value={first}
            onChange={(e) => update("from", e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="network-to">{t("common.to")}</label>
          <input
            id="network-to"
            type="month"
            value={last}
            onChange={(e) => update("to", e.target.value)}
          />
        </div>
      </form>
      {dashboard.isPending ? <Loading /> : null}
      {dashboard.isError ? (
        <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : null}
      {dashboard.data ? <NetworkBody data={dashboard.data} csv={csv} /> : null}
    </div>
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
              {
                key: "open",
                header: t("manager.openHours"),
                numeric: true,
                cell: (row) => formatHours(row.open_minutes, language),
              },
              {
                key: "booked",
                header: t("manager.bookedHours"),
                numeric: true,
                cell: (row) => formatHours(row.booked_minutes, language),
              },
              {
                key: "rate",
                header: t("network.occupancy"),
                numeric: true,
                cell: (row) => formatRate(row.occupancy_rate, language),
              },
              {
                key: "members",
                header: t("network.members"),
                numeric: true,
                cell: (row) => people(row.members, row.suppressed),
              },
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
            value: data.active_employers ?? t("common.noValue"),
            detail: t("network.employersPending"),
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

      <section className="dashboard-section">
        <h2>{t("network.commute")}</h2>
        <p>{t("network.commuteIntro")}</p>
        <DataTable
          caption={t("network.commute")}
          rows={commute.by_department}
          rowKey={(row) => row.department_code}
          csvHref={csv("commute")}
          columns={[
            {
              key: "department",
              header: t("network.department"),
              cell: (row) => row.department_code,
            },
            {
              key: "people",
              header: t("network.people"),
              numeric: true,
              cell: (row) => people(row.people, row.suppressed),
            },
            {
              key: "days",
              header: t("network.days"),
              numeric: true,
              cell: (row) => people(row.days, row.suppressed),
            },
            {
              key: "km",
              header: t("network.km"),
              numeric: true,
              cell: (row) => people(row.km_avoided, row.suppressed, 1),
            },
            {
              key: "co2",
              header: t("network.co2"),
              numeric: true,
              cell: (row) => people(row.co2_kg_avoided, row.suppressed, 1),
            },
          ]}
        />
      </section>

      <section className="dashboard-section">
        <h2>{t("network.unmet")}</h2>
        <DataTable
          caption={t("network.unmet")}
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
            {
              key: "entries",
              header: t("network.waitlistEntries"),
              numeric: true,
              cell: (row) => people(row.waitlist_entries, row.suppressed),
            },
            {
              key: "waiting",
              header: t("network.waitlistMembers"),
              numeric: true,
              cell: (row) => people(row.waitlist_members, row.suppressed),
            },
            {
              key: "served",
              header: t("network.waitlistServed"),
              numeric: true,
              cell: (row) => people(row.waitlist_served, row.suppressed),
            },
          ]}
        />
      </section>

      <section className="dashboard-section">
        <h2>{t("network.redemptions")}</h2>
        <DataTable
          caption={t("network.redemptions")}
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
            {
              key: "credits",
              header: t("network.passCredits"),
              numeric: true,
              cell: (row) => people(row.pass_credits_redeemed, row.suppressed, 2),
            },
            {
              key: "members",
              header: t("network.members"),
              numeric: true,
              cell: (row) => people(row.members, row.suppressed),
            },
          ]}
        />
      </section>
      <p className="field-hint">{t("common.suppressedNote")}</p>
    </>
  );
}
