import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SlotFields } from "@/components/ui/slot-fields";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import type { Booking, DayPart } from "@/lib/api/types";
import { NETWORK_TIME_ZONE, todayIn } from "@/lib/dates";
import { formatInstant, formatInstantTime } from "@/lib/format";
import { bookingIcsUrl, useCancelBooking, useChangeBooking } from "../api/bookings";
import { isDaySold } from "../constants";
import { placeBookingPath } from "../paths";
import { BookingStatusBadge } from "./booking-status";
import { BookingQr } from "./booking-summary";
import { useBookingWhen } from "./use-booking-when";
import { PayStep } from "./pay-step";

type Panel = "qr" | "change" | "cancel" | "pay" | null;

/** Cancelling now: free (before the deadline), or late (what the place keeps). */
export function CancelWarning({ booking, now = new Date() }: { booking: Booking; now?: Date }) {
  const { t, i18n } = useTranslation();
  if (booking.status === "held") return <p>{t("myBookings.cancelHeld")}</p>;
  const deadline = booking.cancellation_deadline;
  if (!deadline) return null;
  const when = formatInstant(deadline, booking.timezone, i18n.language);
  if (now.getTime() <= new Date(deadline).getTime()) {
    return <p>{t("myBookings.cancelFree", { deadline: when })}</p>;
  }
  return (
    <div className="alert alert-warning">
      <p className="alert-title">{t("myBookings.cancelLateTitle", { deadline: when })}</p>
      <p>{t("myBookings.cancelLateText")}</p>
    </div>
  );
}

function ChangeForm({ booking, onDone }: { booking: Booking; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const change = useChangeBooking();
  const daySold = isDaySold(booking.resource_kind);
  const [date, setDate] = useState(booking.date);
  const [part, setPart] = useState<DayPart>(
    booking.part === "custom" ? "day" : (booking.part as DayPart),
  );
  const [start, setStart] = useState(
    formatInstantTime(booking.start, booking.timezone, i18n.language),
  );
  const [end, setEnd] = useState(formatInstantTime(booking.end, booking.timezone, i18n.language));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate(
      {
        id: booking.id,
        change: daySold ? { date, part } : { date, start_time: start, end_time: end },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate>
      <p className="field-hint">{t("booking.localTime", { timezone: booking.timezone })}</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t("myBookings.newDate")}</label>
          <input
            id={`${id}-date`}
            type="date"
            min={todayIn(booking.timezone || NETWORK_TIME_ZONE)}
            value={date}
            onChange={(event) => event.target.value && setDate(event.target.value)}
          />
        </div>
        <SlotFields
          id={id}
          byDay={daySold}
          part={part}
          onPart={setPart}
          start={start}
          end={end}
          onStart={setStart}
          onEnd={setEnd}
        />
      </div>
      {change.error ? <ErrorAlert error={change.error} /> : null}
      <button type="submit" className="button button-small" disabled={change.isPending}>
        {t("myBookings.saveChange")}
      </button>
    </form>
  );
}

/** One of my bookings, with what I can do with it. */
export function BookingCard({ booking }: { booking: Booking }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const when = useBookingWhen(booking);
  const [panel, setPanel] = useState<Panel>(null);
  const [message, setMessage] = useState<string | null>(null);
  const cancel = useCancelBooking();
  const active = booking.status === "held" || booking.status === "confirmed";
  const toggle = (name: Panel) => setPanel((current) => (current === name ? null : name));

  return (
    <li>
      <article className="booking-card" aria-labelledby={`${id}-title`}>
        <header className="booking-card-header">
          <h3 id={`${id}-title`}>
            <time dateTime={booking.date}>{when.date}</time>, {when.times}
          </h3>
          <BookingStatusBadge status={booking.status} />
        </header>
        <p>
          <Link to={placeBookingPath(booking.space.slug)}>{booking.space.name}</Link> —{" "}
          {booking.space.commune.name} · {t(`resourceKind.${booking.resource_kind}`)} (
          {booking.resource.name}) · {t(`booking.parts.${booking.part}`)}
        </p>
        {booking.status === "held" && booking.expires_at ? (
          <p className="field-hint">
            {t("myBookings.heldUntil", {
              time: formatInstant(booking.expires_at, booking.timezone, i18n.language),
            })}
          </p>
        ) : null}
        {booking.checked_in_at ? (
          <p className="field-hint">
            {t("myBookings.checkedInAt", {
              time: formatInstantTime(booking.checked_in_at, booking.timezone, i18n.language),
            })}
          </p>
        ) : null}
        {active && booking.cancellation_deadline ? (
          <p className="field-hint">
            {t("myBookings.deadline", {
              deadline: formatInstant(
                booking.cancellation_deadline,
                booking.timezone,
                i18n.language,
              ),
            })}
          </p>
        ) : null}
        {message ? <SuccessAlert>{message}</SuccessAlert> : null}
        <div className="action-row">
          {booking.status !== "cancelled" && booking.status !== "expired" ? (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-expanded={panel === "qr"}
              aria-controls={`${id}-panel`}
              onClick={() => toggle("qr")}
            >
              {t("myBookings.showQr")}
            </button>
          ) : null}
          {active ? (
            <a
              className="button button-secondary button-small"
              href={bookingIcsUrl(booking.id)}
              download
            >
              {t("booking.addToCalendar")}
            </a>
          ) : null}
          {booking.status === "held" ? (
            <button
              type="button"
              className="button button-small"
              aria-expanded={panel === "pay"}
              aria-controls={`${id}-panel`}
              onClick={() => toggle("pay")}
            >
              {t("myBookings.pay")}
            </button>
          ) : null}
          {booking.status === "confirmed" ? (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-expanded={panel === "change"}
              aria-controls={`${id}-panel`}
              onClick={() => toggle("change")}
            >
              {t("myBookings.change")}
            </button>
          ) : null}
          {active ? (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-expanded={panel === "cancel"}
              aria-controls={`${id}-panel`}
              onClick={() => toggle("cancel")}
            >
              {t("myBookings.cancel")}
            </button>
          ) : null}
        </div>
        <div id={`${id}-panel`} className="booking-card-panel" hidden={panel === null}>
          {panel === "qr" ? <BookingQr booking={booking} /> : null}
          {panel === "change" ? (
            <ChangeForm
              booking={booking}
              onDone={() => {
                setPanel(null);
                setMessage(t("myBookings.changed"));
              }}
            />
          ) : null}
          {panel === "pay" ? (
            <PayStep
              booking={booking}
              onPaid={() => {
                setPanel(null);
                setMessage(t("booking.confirmed"));
              }}
            />
          ) : null}
          {panel === "cancel" ? (
            <div className="cancel-confirm" role="group" aria-labelledby={`${id}-cancel-title`}>
              <p className="alert-title" id={`${id}-cancel-title`}>
                {t("myBookings.cancelQuestion")}
              </p>
              <CancelWarning booking={booking} />
              {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
              <div className="action-row">
                <button
                  type="button"
                  className="button button-danger button-small"
                  disabled={cancel.isPending}
                  onClick={() =>
                    cancel.mutate(booking.id, {
                      onSuccess: () => {
                        setPanel(null);
                        setMessage(t("myBookings.cancelled"));
                      },
                    })
                  }
                >
                  {t("myBookings.confirmCancel")}
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => setPanel(null)}
                >
                  {t("myBookings.keep")}
                </button>
              </div>
            </div>
          ) : null}
        </div>
      </article>
    </li>
  );
}
