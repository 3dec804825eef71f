import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { useBookings, useWaitlist, type When } from "../api/bookings";
import { BookingCard } from "../components/booking-card";
import { WaitlistList } from "../components/waitlist-list";
import { loginPath, MY_BOOKINGS_PATH } from "../paths";

/** "Mes réservations": upcoming or past bookings, and my waiting-list entries. */
export function MyBookingsRoute() {
  const { t } = useTranslation();
  const id = useId();
  const [params] = useSearchParams();
  const when: When = params.get("when") === "past" ? "past" : "upcoming";
  const me = useMe();
  const loggedIn = Boolean(me.data);
  const bookings = useBookings(when, { enabled: loggedIn });
  const waitlist = useWaitlist({ enabled: loggedIn && when === "upcoming" });

  const count = bookings.data?.count ?? 0;
  return (
    <div className="my-bookings">
      <PageTitle title={t("myBookings.title")} />
      <h1>{t("myBookings.title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("myBookings.loginRequired")}{" "}
          <Link to={loginPath(MY_BOOKINGS_PATH)}>{t("auth.login")}</Link>
        </p>
      ) : null}
      {loggedIn ? (
        <>
          <nav aria-label={t("myBookings.periods")} className="segmented">
            <Link to={MY_BOOKINGS_PATH} aria-current={when === "upcoming" ? "page" : undefined}>
              {t("myBookings.upcoming")}
            </Link>
            <Link
              to={`${MY_BOOKINGS_PATH}?when=past`}
              aria-current={when === "past" ? "page" : undefined}
            >
              {t("myBookings.past")}
            </Link>
          </nav>
          <section aria-labelledby={`${id}-list`}>
            <h2 id={`${id}-list`}>
              {when === "upcoming" ? t("myBookings.upcoming") : t("myBookings.past")}
            </h2>
            <p role="status" aria-live="polite" className="results-count">
              {bookings.isPending
                ? t("app.loading")
                : bookings.data
                  ? t("myBookings.count", { count })
                  : ""}
            </p>
            {bookings.error ? (
              <ErrorAlert error={bookings.error} onRetry={() => void bookings.refetch()} />
            ) : null}
            {bookings.data && count === 0 && when === "upcoming" ? (
              <p>
                <Link to="/reserver">{t("myBookings.bookNow")}</Link>
              </p>
            ) : null}
            <ul className="booking-list">
              {bookings.data?.results.map((booking) => (
                <BookingCard key={booking.id} booking={booking} />
              ))}
            </ul>
          </section>
          {when === "upcoming" ? (
            <section aria-labelledby={`${id}-waitlist`}>
              <h2 id={`${id}-waitlist`}>{t("myBookings.waitlist")}</h2>
              {waitlist.isPending ? <Loading /> : null}
              {waitlist.error ? <ErrorAlert error={waitlist.error} /> : null}
              {waitlist.data && waitlist.data.length === 0 ? (
                <p>{t("myBookings.noWaitlist")}</p>
              ) : null}
              {waitlist.data?.length ? <WaitlistList entries={waitlist.data} /> : null}
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
