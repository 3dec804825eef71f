import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { formatInstantTime } from "@/lib/format";
import { useCheckIn, useDay, useStaffedSpaces, type DayBooking } from "../api/front-desk";
import { useTeamT } from "../i18n";
import "../team.css";

function memberName(booking: DayBooking): string {
  const name = [booking.member.first_name, booking.member.last_name].filter(Boolean).join(" ");
  return name || booking.member.email;
}

/**
 * /accueil — the front desk: a place's day (who is expected, when, where) and one action,
 * checking people in. Managers and the network see it too; nothing here changes a price, a
 * rule or a place.
 */
export function FrontDeskRoute() {
  const { t } = useTeamT();
  const me = useMe();
  const spaces = useStaffedSpaces({ enabled: Boolean(me.data) });
  const [chosen, setChosen] = useState<number | null>(null);
  const [date, setDate] = useState("");
  const placeId = useId();
  const dateId = useId();
  const spaceId = chosen ?? spaces.data?.[0]?.id ?? null;
  const space = spaces.data?.find((candidate) => candidate.id === spaceId);
  return (
    <div className="front-desk-page">
      <PageTitle title={t("frontDeskPage.title")} />
      <h1>{t("frontDeskPage.title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("loginRequired")} <Link to="/connexion?next=%2Faccueil">{t("login")}</Link>
        </p>
      ) : null}
      {spaces.isPending && me.data ? <Loading /> : null}
      {spaces.error ? <p role="alert">{t("frontDeskPage.notAllowed")}</p> : null}
      {spaces.data?.length === 0 ? <p>{t("frontDeskPage.noPlace")}</p> : null}
      {spaces.data?.length ? (
        <>
          <p>{t("frontDeskPage.intro")}</p>
          <div className="field-row">
            <div className="field">
              <label htmlFor={placeId}>{t("frontDeskPage.place")}</label>
              <select
                id={placeId}
                value={spaceId ?? ""}
                onChange={(event) => setChosen(Number(event.target.value))}
              >
                {spaces.data.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={dateId}>{t("frontDeskPage.date")}</label>
              <input
                id={dateId}
                type="date"
                value={date}
                onChange={(event) => setDate(event.target.value)}
              />
            </div>
          </div>
          {space ? <Day spaceId={space.id} timeZone={space.timezone} date={date} /> : null}
        </>
      ) : null}
    </div>
  );
}

function Day({ spaceId, timeZone, date }: { spaceId: number; timeZone: string; date: string }) {
  const { t } = useTeamT();
  const { t: tApp, i18n } = useTranslation();
  const day = useDay(spaceId, date);
  const checkIn = useCheckIn();
  const [announce, setAnnounce] = useState("");
  const local = (instant: string) => formatInstantTime(instant, timeZone, i18n.language);
  if (day.isPending) return <Loading />;
  if (day.error) return <ErrorAlert error={day.error} onRetry={() => void day.refetch()} />;
  const bookings = day.data.bookings;
  return (
    <>
      <p className="front-desk-summary">
        {t("frontDeskPage.summary", {
          active: day.data.summary.active,
          checkedIn: day.data.summary.checked_in,
        })}
      </p>
      <p role="status" aria-live="polite" className={announce ? "alert alert-success" : undefined}>
        {announce}
      </p>
      {checkIn.error ? <ErrorAlert error={checkIn.error} /> : null}
      {bookings.length === 0 ? (
        <p>{t("frontDeskPage.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t("frontDeskPage.caption", { date: day.data.date })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("frontDeskPage.member")}</th>
                <th scope="col">{t("frontDeskPage.resource")}</th>
                <th scope="col">{t("frontDeskPage.hours")}</th>
                <th scope="col">{t("frontDeskPage.status")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {bookings.map((booking) => {
                const name = memberName(booking);
                return (
                  <tr key={booking.id}>
                    <th scope="row">{name}</th>
                    <td>{booking.resource.name}</td>
                    <td>{`${local(booking.start)} – ${local(booking.end)}`}</td>
                    <td>
                      <Badge tone={booking.status === "checked_in" ? "success" : "neutral"}>
                        {tApp(`booking.status.${booking.status}`)}
                      </Badge>
                    </td>
                    <td>
                      {booking.status === "confirmed" ? (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={checkIn.isPending}
                          aria-label={t("frontDeskPage.checkInOf", { name })}
                          onClick={() => {
                            setAnnounce("");
                            checkIn.mutate(booking.id, {
                              onSuccess: () => setAnnounce(t("frontDeskPage.checkedIn", { name })),
                            });
                          }}
                        >
                          {t("frontDeskPage.checkIn")}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
