import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { checkIn } from "../api/bookings";
import { BookingSummary } from "../components/booking-summary";
import { loginPath, MY_BOOKINGS_PATH } from "../paths";

/**
 * The place's QR code leads here (/checkin/{token}): the logged-in member is checked in for
 * their booking there that runs now (or starts within 30 minutes), and sees the result.
 */
export function CheckInRoute() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const me = useMe();
  const mutation = useMutation({ mutationFn: checkIn });
  const started = useRef(false);

  useEffect(() => {
    if (me.data && token && !started.current) {
      started.current = true;
      mutation.mutate(token);
    }
  }, [me.data, token, mutation]);

  return (
    <div className="narrow-page">
      <PageTitle title={t("checkIn.title")} />
      <h1>{t("checkIn.title")}</h1>
      {me.isPending || mutation.isPending ? <Loading label={t("checkIn.checking")} /> : null}
      {me.data === null ? (
        <p>
          {t("checkIn.loginRequired")}{" "}
          <Link to={loginPath(`/checkin/${encodeURIComponent(token)}`)}>{t("auth.login")}</Link>
        </p>
      ) : null}
      {mutation.data ? (
        <>
          <div className="alert alert-success" role="status">
            <p className="alert-title">{t("checkIn.done")}</p>
            <p>{t("checkIn.welcome", { place: mutation.data.space.name })}</p>
          </div>
          <BookingSummary booking={mutation.data} />
        </>
      ) : null}
      {mutation.error ? <ErrorAlert error={mutation.error} title={t("checkIn.failed")} /> : null}
      <p>
        <Link to={MY_BOOKINGS_PATH}>{t("booking.seeMyBookings")}</Link>
      </p>
    </div>
  );
}
