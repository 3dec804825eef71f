import { useEffect, useId, useRef } from "react";
import type { ImpactError } from "../api/place-calendar";
import { usePlaceSetupT } from "../i18n";

function localTime(iso: string, language: string, timeZone: string) {
  return new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", timeZone }).format(
    new Date(iso),
  );
}

function localDay(date: string, language: string) {
  return new Intl.DateTimeFormat(language, {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}

type ImpactConfirmProps = {
  impact: ImpactError;
  timeZone: string;
  pending: boolean;
  onConfirm: (count: number) => void;
  onCancel: () => void;
};

/**
 * "3 réservations concernées": the bookings a change would cancel, shown before anything is
 * written. Focus moves to the heading so keyboard and screen-reader users land on it.
 */
export function ImpactConfirm({
  impact,
  timeZone,
  pending,
  onConfirm,
  onCancel,
}: ImpactConfirmProps) {
  const { t, language } = usePlaceSetupT();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const count = impact.count;
  return (
    <div className="alert alert-warning impact-confirm" role="group" aria-labelledby={id}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {t("calendar.impact.title", { count })}
      </h3>
      <p>{t("calendar.impact.intro")}</p>
      <ul>
        {impact.bookings.map((booking) => (
          <li key={booking.reference}>
            {t("calendar.impact.row", {
              date: localDay(booking.local_date, language),
              start: localTime(booking.start, language, timeZone),
              end: localTime(booking.end, language, timeZone),
              resource: booking.resource,
              member: booking.member,
            })}
          </li>
        ))}
      </ul>
      <div className="action-row">
        <button
          type="button"
          className="button button-danger"
          disabled={pending}
          onClick={() => onConfirm(count)}
        >
          {t("calendar.impact.confirm", { count })}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("calendar.impact.cancel")}
        </button>
      </div>
    </div>
  );
}
