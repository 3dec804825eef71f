import { useTranslation } from "react-i18next";
import type { Booking } from "@/lib/api/types";
import { bookingWhere } from "../where";
import { useBookingWhen } from "./use-booking-when";

/** The facts of one booking, as a description list. */
export function BookingSummary({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const when = useBookingWhen(booking);
  return (
    <dl className="contact-list booking-facts">
      <dt>{t("booking.place")}</dt>
      <dd>
        {booking.space.name} — {bookingWhere(booking, t)}
      </dd>
      <dt>{t("booking.date")}</dt>
      <dd>
        <time dateTime={booking.date}>{when.date}</time>
      </dd>
      <dt>{t("booking.hours")}</dt>
      <dd>
        {when.times} ({t(`booking.parts.${booking.part}`)})
        <span className="field-hint">
          {" "}
          {t("booking.localTime", { timezone: booking.timezone })}
        </span>
      </dd>
      <dt>{t("booking.resource")}</dt>
      <dd>
        {t(`resourceKind.${booking.resource_kind}`)} — {booking.resource.name}
        {booking.attendees > 1
          ? `, ${t("space.capacityPeople", { count: booking.attendees })}`
          : ""}
      </dd>
      <dt>{t("booking.reference")}</dt>
      <dd className="reference">{booking.reference.slice(0, 8).toUpperCase()}</dd>
    </dl>
  );
}

/** The booking's own QR code, to show at the door. */
export function BookingQr({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const when = useBookingWhen(booking);
  return (
    <figure className="booking-qr">
      <img
        src={booking.qr_code_url}
        width={180}
        height={180}
        alt={t("booking.qrAlt", { place: booking.space.name, date: when.date })}
      />
      <figcaption>{t("booking.qrCaption")}</figcaption>
    </figure>
  );
}
