import { useTranslation } from "react-i18next";
import { ErrorAlert } from "@/components/ui/status";
import type { WaitlistEntry } from "@/lib/api/types";
import { capitalize, formatDate, formatInstant } from "@/lib/format";
import { useWaitlistAction } from "../api/bookings";

/** My places in waiting lists; an offered desk can be accepted before the offer runs out. */
export function WaitlistList({ entries }: { entries: WaitlistEntry[] }) {
  const { t, i18n } = useTranslation();
  const action = useWaitlistAction();
  return (
    <>
      {action.error ? <ErrorAlert error={action.error} /> : null}
      <ul className="booking-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <article className="booking-card" aria-label={entry.space.name}>
              <p>
                <strong>{capitalize(formatDate(entry.date, i18n.language))}</strong> —{" "}
                {t(`booking.parts.${entry.part}`)} · {entry.space.name} ·{" "}
                {t(`resourceKind.${entry.resource_kind}`)}
              </p>
              {entry.status === "offered" ? (
                <p className="alert alert-info">
                  {t("myBookings.offer", {
                    until: entry.offer_expires_at
                      ? formatInstant(entry.offer_expires_at, entry.space.timezone, i18n.language)
                      : "",
                  })}
                </p>
              ) : (
                <p>{t("myBookings.position", { position: entry.position ?? "?" })}</p>
              )}
              <div className="action-row">
                {entry.status === "offered" ? (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={action.isPending}
                    onClick={() => action.mutate({ id: entry.id, action: "accept" })}
                  >
                    {t("myBookings.acceptOffer")}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={action.isPending}
                  onClick={() => action.mutate({ id: entry.id, action: "leave" })}
                >
                  {t("myBookings.leaveWaitlist")}
                </button>
              </div>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
