import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Booking } from "@/lib/api/types";
import { bookingIcsUrl } from "../api/bookings";
import { MY_BOOKINGS_PATH } from "../paths";
import { BookingQr, BookingSummary } from "./booking-summary";

/** What a member sees once booked: the facts, the QR code, the calendar file. */
export function BookingConfirmation({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  return (
    <div className="booking-confirmation">
      <div className="alert alert-success" role="status">
        <p className="alert-title">{t("booking.confirmed")}</p>
        <p>{t("booking.confirmedText", { place: booking.space.name })}</p>
      </div>
      <div className="confirmation-body">
        <BookingSummary booking={booking} />
        <BookingQr booking={booking} />
      </div>
      <p className="action-row">
        <a className="button button-secondary" href={bookingIcsUrl(booking.id)} download>
          {t("booking.addToCalendar")}
        </a>
        <Link className="button" to={MY_BOOKINGS_PATH}>
          {t("booking.seeMyBookings")}
        </Link>
      </p>
    </div>
  );
}
