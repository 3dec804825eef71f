import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "@/components/ui/badge";
import { ErrorAlert } from "@/components/ui/status";
import type { ManagedBooking } from "@/lib/api/types";
import { formatInstantTime } from "@/lib/format";
import { useBookingAction, type BookingAction } from "../api/manage";

function memberName(booking: ManagedBooking): string {
  const name = [booking.member.first_name, booking.member.last_name].filter(Boolean).join(" ");
  return name || booking.member.email;
}

const ACTIONS: { action: BookingAction; when: (booking: ManagedBooking) => boolean }[] = [
  { action: "check-in", when: (booking) => booking.status === "confirmed" },
  { action: "no-show", when: (booking) => booking.status === "confirmed" },
  {
    action: "cancel",
    when: (booking) => ["held", "confirmed", "checked_in"].includes(booking.status),
  },
];

/** Who is in on the day: member, resource, local times, status, and what the manager can do. */
export function DayBookings({
  bookings,
  timeZone,
  caption,
}: {
  bookings: ManagedBooking[];
  timeZone: string;
  caption: string;
}) {
  const { t, i18n } = useTranslation();
  const mutation = useBookingAction();
  const [announce, setAnnounce] = useState("");
  const local = (instant: string) => formatInstantTime(instant, timeZone, i18n.language);

  const run = (booking: ManagedBooking, action: BookingAction) => {
    setAnnounce("");
    mutation.mutate(
      { id: booking.id, action },
      {
        onSuccess: () => setAnnounce(t(`manage.done.${action}`, { name: memberName(booking) })),
      },
    );
  };

  return (
    <>
      <p role="status" aria-live="polite" className={announce ? "alert alert-success" : undefined}>
        {announce}
      </p>
      {mutation.error ? <ErrorAlert error={mutation.error} /> : null}
      {bookings.length === 0 ? (
        <p>{t("manage.noBookings")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table day-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("manage.member")}</th>
                <th scope="col">{t("booking.resource")}</th>
                <th scope="col">{t("booking.hours")}</th>
                <th scope="col">{t("manage.status")}</th>
                <th scope="col">{t("manage.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {bookings.map((booking) => {
                const name = memberName(booking);
                return (
                  <tr key={booking.id} className={`status-${booking.status}`}>
                    <th scope="row">
                      {name}
                      <span className="cell-detail">{booking.member.email}</span>
                    </th>
                    <td>
                      {booking.resource.name}
                      <span className="cell-detail">
                        {t(`resourceKind.${booking.resource_kind}`)}
                      </span>
                    </td>
                    <td>
                      {t("space.timeRange", {
                        opens: local(booking.start),
                        closes: local(booking.end),
                      })}
                    </td>
                    <td>
                      <Badge tone={booking.status === "checked_in" ? "success" : "neutral"}>
                        {t(`booking.status.${booking.status}`)}
                      </Badge>
                      {booking.checked_in_at ? (
                        <span className="cell-detail">{local(booking.checked_in_at)}</span>
                      ) : null}
                    </td>
                    <td>
                      <div className="action-row">
                        {ACTIONS.filter(({ when }) => when(booking)).map(({ action }) => (
                          <button
                            key={action}
                            type="button"
                            className={
                              action === "check-in"
                                ? "button button-small"
                                : "button button-secondary button-small"
                            }
                            disabled={mutation.isPending}
                            aria-label={t(`manage.actionLabel.${action}`, { name })}
                            onClick={() => run(booking, action)}
                          >
                            {t(`manage.action.${action}`)}
                          </button>
                        ))}
                      </div>
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
