import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { formatMoney } from "@/lib/format";
import { csvUrl, useManagerDashboard, useManagerToday, useRefreshToday } from "../api/dashboards";
import type { ManagerDashboard, ManagerTable, SeriesPoint, TodayPlace } from "../api/types";
import { RateBarChart } from "../components/bar-chart";
import { PALETTE } from "../components/palette";
import { ChartFrame } from "../components/chart-frame";
import { occupancyColumns, figureColumn } from "../components/columns";
import { DashboardPage } from "../components/dashboard-page";
import { DataTable, type Column } from "../components/data-table";
import { DashboardFilters, MonthField, SelectField } from "../components/filters";
import { Heatmap } from "../components/heatmap";
import { KpiCards } from "../components/kpi-cards";
import { TableSection } from "../components/table-section";
import {
  currentMonth,
  formatDay,
  formatHours,
  formatNumber,
  formatRate,
  monthBounds,
} from "../format";
import { useDashboardParams } from "../hooks/use-dashboard-params";
import { useDashboardsT } from "../i18n";

type Granularity = "day" | "week" | "month";
type ByKindRow = ManagerDashboard["by_kind"][number];
type ByResourceRow = ManagerDashboard["by_resource"][number];
const KINDS = ["desk", "meeting_room", "phone_booth", "private_office"] as const;
type Kind = (typeof KINDS)[number];

export function ManagerDashboardRoute() {
  const { t, language } = useDashboardsT();
  const { params, update } = useDashboardParams();
  const month = params.get("month") ?? currentMonth();
  const space = Number(params.get("space")) || undefined;
  const granularity = (params.get("granularity") as Granularity | null) ?? "day";
  const { from, to } = monthBounds(month);
  const query = { from, to, granularity, ...(space ? { space } : {}) };
  const dashboard = useManagerDashboard(query);
  const today = useManagerToday(space);
  const refresh = useRefreshToday();

  const csv = (table: ManagerTable) =>
    csvUrl(`/api/v1/analytics/manager/dashboard/${table}.csv`, {
      from,
      to,
      granularity,
      space,
    });

  return (
    <DashboardPage
      title={t("manager.title")}
      intro={t("manager.intro")}
      query={dashboard}
      forbidden={{ message: t("common.notAllowed"), loginNext: "/tableau-de-bord" }}
      filters={
        <DashboardFilters>
          <SelectField
            id="dashboard-place"
            label={t("common.place")}
            value={space ? String(space) : ""}
            onChange={(value) => update({ space: value })}
            options={[
              { value: "", label: t("common.allPlaces") },
              ...(dashboard.data?.places ?? []).map((place) => ({
                value: String(place.id),
                label: place.name,
              })),
            ]}
          />
          <MonthField
            id="dashboard-month"
            label={t("common.month")}
            value={month}
            onChange={(value) => update({ month: value })}
          />
          <SelectField
            id="dashboard-granularity"
            label={t("common.granularity")}
            value={granularity}
            onChange={(value) => update({ granularity: value })}
            options={[
              { value: "day", label: t("common.day") },
              { value: "week", label: t("common.week") },
              { value: "month", label: t("common.month_g") },
            ]}
          />
        </DashboardFilters>
      }
      render={(data) => <DashboardBody data={data} csv={csv} language={language} />}
    >
      <section aria-labelledby="today-title" className="dashboard-section">
        <div className="dashboard-section-header">
          <h2 id="today-title">{t("manager.today")}</h2>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={refresh.isPending}
            onClick={() => refresh.mutate(space)}
          >
            {t("manager.refresh")}
          </button>
        </div>
        {refresh.isSuccess ? <SuccessAlert>{t("manager.refreshed")}</SuccessAlert> : null}
        {refresh.isError ? <ErrorAlert error={refresh.error} /> : null}
        {today.isPending ? <Loading /> : null}
        {today.data?.map((place) => (
          <TodayCard key={place.space_id} place={place} />
        ))}
      </section>
    </DashboardPage>
  );
}

function TodayCard({ place }: { place: TodayPlace }) {
  const { t, language } = useDashboardsT();
  const time = (iso: string) =>
    new Intl.DateTimeFormat(language === "en" ? "en-GB" : "fr-FR", {
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Europe/Paris",
    }).format(new Date(iso));
  return (
    <article className="today-card">
      <h3>{place.space_name}</h3>
      {!place.is_open ? <p>{t("manager.closedToday")}</p> : null}
      <ul className="today-kinds">
        {place.by_kind.map((kind) => (
          <li key={kind.resource_kind}>
            <strong>{t(`common.kind_${kind.resource_kind}`)}</strong>{" "}
            {formatRate(kind.occupancy_rate, language)} — {t("manager.inNow")} : {kind.in_now} /{" "}
            {kind.resources}
          </li>
        ))}
      </ul>
      <DataTable
        caption={`${t("manager.whoIsIn")} — ${place.space_name}`}
        emptyText={t("manager.nobodyToday")}
        rows={place.people}
        rowKey={(row) => String(row.booking_id)}
        columns={[
          { key: "name", header: t("manager.person"), cell: (row) => row.name },
          { key: "resource", header: t("manager.resource"), cell: (row) => row.resource_name },
          {
            key: "time",
            header: t("manager.time"),
            cell: (row) => `${time(row.start)}–${time(row.end)}`,
          },
          {
            key: "status",
            header: t("manager.status"),
            cell: (row) =>
              ["confirmed", "checked_in", "no_show", "held"].includes(row.status)
                ? t(`manager.status_${row.status as "confirmed"}`)
                : row.status,
          },
        ]}
      />
    </article>
  );
}

type BodyProps = {
  data: ManagerDashboard;
  csv: (table: ManagerTable) => string;
  language: string;
};

function DashboardBody({ data, csv, language }: BodyProps) {
  const { t } = useDashboardsT();
  const kpis = data.kpis;
  const before = data.previous_kpis;
  const money = (list: { amount: string; currency: string }[]) =>
    list.map((item) => formatMoney(item.amount, item.currency, language)).join(" + ");
  const previous = (value: string) => t("common.previous", { value });
  const kinds = KINDS.filter((kind) => data.by_kind.some((row) => row.resource_kind === kind));
  const label = (point: SeriesPoint) =>
    data.granularity === "day"
      ? formatDay(point.start, language)
      : `${formatDay(point.start, language)} → ${formatDay(point.end, language)}`;
  const chartData = data.series.map((point) => {
    const row: Record<string, string | number | null> = {
      label: label(point),
      all: point.occupancy_rate,
    };
    for (const kind of point.by_kind) row[kind.resource_kind] = kind.occupancy_rate;
    return row;
  });
  const percent = (value: number) => formatRate(value, language);
  type Day = ManagerDashboard["busiest_days"][number];
  const dayColumns: Column<Day>[] = [
    { key: "date", header: t("manager.date"), cell: (row) => formatDay(row.date, language) },
    figureColumn("rate", t("manager.rate"), (row) => formatRate(row.occupancy_rate, language)),
    figureColumn("booked", t("manager.bookedHours"), (row) =>
      formatHours(row.booked_minutes, language),
    ),
    figureColumn("bookings", t("manager.bookings"), (row) => String(row.bookings)),
  ];

  return (
    <>
      <section aria-label={t("common.period")} className="dashboard-section">
        <KpiCards
          items={[
            {
              key: "occupancy",
              label: t("manager.kpiOccupancy"),
              value: formatRate(kpis.occupancy_rate, language),
              detail: previous(formatRate(before.occupancy_rate, language)),
            },
            {
              key: "booked",
              label: t("manager.kpiBooked"),
              value: t("common.hours", { value: formatHours(kpis.booked_minutes, language) }),
              detail: previous(
                t("common.hours", { value: formatHours(before.booked_minutes, language) }),
              ),
            },
            {
              key: "bookings",
              label: t("manager.kpiBookings"),
              value: formatNumber(kpis.bookings, language),
              detail: previous(formatNumber(before.bookings, language)),
            },
            {
              key: "cancellation",
              label: t("manager.kpiCancellation"),
              value: formatRate(kpis.cancellation_rate, language),
              detail: previous(formatRate(before.cancellation_rate, language)),
            },
            {
              key: "no-show",
              label: t("manager.kpiNoShow"),
              value: formatRate(kpis.no_show_rate, language),
              detail: previous(formatRate(before.no_show_rate, language)),
            },
            {
              key: "revenue",
              label: t("manager.kpiRevenue"),
              value: money(kpis.revenue),
              detail: previous(money(before.revenue)),
            },
            {
              key: "credits",
              label: t("manager.kpiCredits"),
              value: formatNumber(kpis.credits_redeemed, language, 2),
              detail: previous(formatNumber(before.credits_redeemed, language, 2)),
            },
          ]}
        />
      </section>

      <section className="dashboard-section">
        <ChartFrame
          title={<h2>{t("manager.occupancyChart")}</h2>}
          chart={(width) => (
            <RateBarChart
              data={chartData}
              category="label"
              width={width}
              format={percent}
              series={[
                { key: "all", label: t("common.all"), color: PALETTE[0] as string },
                ...kinds.map((kind: Kind, index) => ({
                  key: kind,
                  label: t(`common.kind_${kind}`),
                  color: PALETTE[(index + 1) % PALETTE.length] as string,
                })),
              ]}
            />
          )}
          table={
            <DataTable
              caption={t("manager.occupancyChart")}
              rows={data.series}
              rowKey={(row) => row.start}
              csvHref={csv("series")}
              columns={[
                { key: "start", header: t("manager.start"), cell: (row) => label(row) },
                ...occupancyColumns<SeriesPoint>(t, language),
                ...kinds.map((kind) =>
                  figureColumn(kind, t(`common.kind_${kind}`), (row: SeriesPoint) =>
                    formatRate(
                      row.by_kind.find((k) => k.resource_kind === kind)?.occupancy_rate,
                      language,
                    ),
                  ),
                ),
                figureColumn("bookings", t("manager.bookings"), (row: SeriesPoint) =>
                  String(row.bookings),
                ),
                figureColumn("revenue", t("manager.revenue"), (row: SeriesPoint) =>
                  money(row.revenue),
                ),
                figureColumn("credits", t("manager.credits"), (row: SeriesPoint) =>
                  formatNumber(row.credits_redeemed, language, 2),
                ),
              ]}
            />
          }
        />
      </section>

      <TableSection
        title={t("manager.occupancyByKind")}
        rows={data.by_kind}
        rowKey={(row) => row.resource_kind}
        csvHref={csv("by-kind")}
        columns={[
          {
            key: "kind",
            header: t("manager.kind"),
            cell: (row) => t(`common.kind_${row.resource_kind}`),
          },
          ...occupancyColumns<ByKindRow>(t, language),
          figureColumn("bookings", t("manager.bookings"), (row: ByKindRow) => String(row.bookings)),
          figureColumn("cancellations", t("manager.cancellations"), (row: ByKindRow) =>
            String(row.cancellations),
          ),
          figureColumn("no-shows", t("manager.noShows"), (row: ByKindRow) => String(row.no_shows)),
        ]}
      />

      <section className="dashboard-section">
        <h2>{t("manager.heatmap")}</h2>
        <p>{t("manager.heatmapHint")}</p>
        <Heatmap cells={data.heatmap} caption={t("manager.heatmap")} />
        <a className="button button-secondary button-small" href={csv("heatmap")} download>
          {t("common.downloadCsv")}
        </a>
      </section>

      <section className="dashboard-section dashboard-columns">
        <div>
          <h2>{t("manager.busiest")}</h2>
          <DataTable
            caption={t("manager.busiest")}
            rows={data.busiest_days}
            rowKey={(row) => row.date}
            csvHref={csv("busiest-days")}
            columns={dayColumns}
          />
        </div>
        <div>
          <h2>{t("manager.emptiest")}</h2>
          <DataTable
            caption={t("manager.emptiest")}
            rows={data.emptiest_days}
            rowKey={(row) => row.date}
            csvHref={csv("emptiest-days")}
            columns={dayColumns}
          />
        </div>
      </section>

      <TableSection
        title={t("manager.byResource")}
        rows={data.by_resource}
        rowKey={(row) => String(row.resource_id)}
        csvHref={csv("resources")}
        columns={[
          { key: "resource", header: t("manager.resource"), cell: (row) => row.resource_name },
          { key: "place", header: t("common.place"), cell: (row) => row.space_name },
          {
            key: "kind",
            header: t("manager.kind"),
            cell: (row) => t(`common.kind_${row.resource_kind}`),
          },
          ...occupancyColumns<ByResourceRow>(t, language),
          figureColumn("bookings", t("manager.bookings"), (row: ByResourceRow) =>
            String(row.bookings),
          ),
        ]}
      />
    </>
  );
}
