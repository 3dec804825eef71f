import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isManager, useMe } from "@/lib/current-user";
import { addDays, isIsoDate, NETWORK_TIME_ZONE, todayIn } from "@/lib/dates";
import { capitalize, formatDate } from "@/lib/format";
import { useManagedSpaces, useManagerDay } from "../api/manage";
import { usePlaceSetupT } from "../i18n";
import { managePaths } from "../paths";
import { CheckInQr } from "../components/check-in-qr";
import { DayBookings } from "../components/day-bookings";
import { Section } from "../components/manage-page";
import { BlocksPanel, BookForMemberForm } from "../components/manager-forms";
import { PricesPanel } from "../components/prices-panel";

/** The manager's day at one of their places: who is in, check-in, bookings, blocks, QR. */
export function ManageRoute() {
  const { t, i18n } = useTranslation();
  const { t: tPlace } = usePlaceSetupT();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const allowed = isManager(me.data);
  const spaces = useManagedSpaces({ enabled: allowed });
  const list = spaces.data?.results ?? [];
  const spaceParam = Number.parseInt(params.get("space") ?? "", 10);
  const space = list.find((item) => item.id === spaceParam) ?? list[0];
  const timeZone = space?.timezone || NETWORK_TIME_ZONE;
  const dateParam = params.get("date");
  const date = isIsoDate(dateParam) ? dateParam : todayIn(timeZone);
  const day = useManagerDay(space?.id ?? null, date);

  const update = (patch: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) next.set(key, value);
        return next;
      },
      { flushSync: true },
    );

  const longDate = capitalize(formatDate(date, i18n.language, timeZone));

  return (
    <div className="manage-page">
      <PageTitle title={t("manage.title")} />
      <h1>{t("manage.title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("manage.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent("/gestion")}`}>{t("auth.login")}</Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p>{t("manage.notManager")}</p> : null}
      {allowed ? (
        <>
          {spaces.isPending ? <Loading /> : null}
          {spaces.error ? <ErrorAlert error={spaces.error} /> : null}
          {spaces.data && list.length === 0 ? <p>{t("manage.noSpaces")}</p> : null}
          {space ? (
            <>
              <form
                className="manage-controls no-print"
                onSubmit={(event) => event.preventDefault()}
              >
                <div className="field">
                  <label htmlFor={`${id}-space`}>{t("manage.place")}</label>
                  <select
                    id={`${id}-space`}
                    value={space.id}
                    onChange={(event) => update({ space: event.target.value })}
                  >
                    {list.map((item) => (
                      <option key={item.id} value={item.id}>
                        {item.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-date`}>{t("manage.day")}</label>
                  <input
                    id={`${id}-date`}
                    type="date"
                    value={date}
                    onChange={(event) => event.target.value && update({ date: event.target.value })}
                  />
                </div>
                <div className="action-row">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => update({ date: addDays(date, -1) })}
                  >
                    {t("manage.previousDay")}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => update({ date: todayIn(timeZone) })}
                  >
                    {t("manage.today")}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => update({ date: addDays(date, 1) })}
                  >
                    {t("manage.nextDay")}
                  </button>
                </div>
              </form>
              <p className="section-hint">{t("booking.localTime", { timezone: timeZone })}</p>
              <p className="no-print">
                <Link to={`/gestion/agendas?space=${space.id}`}>{t("manage.calendarsLink")}</Link>
              </p>
              <p className="no-print">
                <Link to={`${managePaths.place}?space=${space.id}`}>{tPlace("link")}</Link>
              </p>
              <p className="no-print">
                <Link to={`${managePaths.calendar}?space=${space.id}`}>
                  {tPlace("calendar.link")}
                </Link>
              </p>
              <p className="no-print">
                <Link to={`${managePaths.rules}?space=${space.id}`}>{tPlace("rules.link")}</Link>
              </p>

              <Section title={t("manage.whoIsIn", { date: longDate })}>
                {day.isPending ? <Loading /> : null}
                {day.error ? (
                  <ErrorAlert error={day.error} onRetry={() => void day.refetch()} />
                ) : null}
                {day.data ? (
                  <>
                    <ul className="summary-list" aria-label={t("manage.summary")}>
                      {(["active", "checked_in", "no_show", "cancelled"] as const).map((key) => (
                        <li key={key}>
                          <span className="summary-value">{day.data.summary[key]}</span>{" "}
                          {t(`manage.summaryLabels.${key}`, { count: day.data.summary[key] })}
                        </li>
                      ))}
                    </ul>
                    <DayBookings
                      bookings={day.data.bookings}
                      timeZone={day.data.space.timezone}
                      caption={t("manage.bookingsOf", { name: space.name, date: longDate })}
                    />
                  </>
                ) : null}
              </Section>
              <Section title={t("manage.bookForTitle")}>
                <BookForMemberForm spaceId={space.id} date={date} />
              </Section>
              <Section title={t("manage.blocksTitle")}>
                <BlocksPanel
                  spaceId={space.id}
                  date={date}
                  timeZone={timeZone}
                  blocks={day.data?.blocks ?? []}
                />
              </Section>
              <Section title={t("manage.prices.title")}>
                <PricesPanel spaceId={space.id} />
              </Section>
              <Section title={t("manage.qrSection")}>
                <p>{t("manage.qrIntro")}</p>
                <CheckInQr spaceId={space.id} spaceName={space.name} />
              </Section>
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
