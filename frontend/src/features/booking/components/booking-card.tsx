import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMyEmployer } from "@/components/employer-pay/api";
import { EmployerPayChoice } from "@/components/employer-pay/employer-pay-choice";
import { SlotFields } from "@/components/ui/slot-fields";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import type { Booking, CancellationTerms, DayPart } from "@/lib/api/types";
import { NETWORK_TIME_ZONE, todayIn } from "@/lib/dates";
import { formatCredits, formatInstant, formatInstantTime, formatMoney } from "@/lib/format";
import { bookingIcsUrl, useCancelBooking, useChangeBooking } from "../api/bookings";
import { useCancellationTerms } from "../api/payments";
import { isDaySold } from "../constants";
import { placeBookingPath } from "../paths";
import { bookingWhere } from "../where";
import { BookingStatusBadge } from "./booking-status";
import { BookingQr } from "./booking-summary";
import { useBookingWhen } from "./use-booking-when";
import { PayStep } from "./pay-step";

type Panel = "qr" | "change" | "cancel" | "pay" | "employer" | null;

/**
 * Cancelling now: free before the deadline; after it (a late cancellation) what the member
 * loses, from the server's terms (the share of a card payment refunded, credits kept or
 * given back); impossible once the booking has started.
 */
export function CancelWarning({
  booking,
  terms,
  now = new Date(),
}: {
  booking: Booking;
  terms?: CancellationTerms;
  now?: Date;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  if (booking.status === "held") return <p>{t("myBookings.cancelHeld")}</p>;
  const deadline = terms?.deadline ?? booking.cancellation_deadline;
  if (!deadline) return null;
  const when = formatInstant(deadline, booking.timezone, language);
  const late = terms ? terms.is_late : now.getTime() > new Date(deadline).getTime();
  if (!late) return <p>{t("myBookings.cancelFree", { deadline: when })}</p>;
  if (terms?.has_started) {
    return <p className="alert alert-warning">{t("myBookings.cancelStarted")}</p>;
  }
  const paid = terms && Number(terms.paid_amount) > 0;
  const spent = terms && Number(terms.credits_spent) > 0;
  const money = (amount: string) => formatMoney(amount, terms?.currency ?? "EUR", language);
  const credits = terms ? formatCredits(terms.credits_spent, language) : "";
  return (
    <div className="alert alert-warning">
      <p className="alert-title">{t("myBookings.cancelLateTitle", { deadline: when })}</p>
      {!terms ? <p>{t("myBookings.cancelLateText")}</p> : null}
      {terms ? (
        <ul>
          {paid ? (
            <li>
              {terms.refund_percent > 0
                ? t("myBookings.lateRefund", {
                    refund: money(terms.refund_amount),
                    paid: money(terms.paid_amount),
                    percent: terms.refund_percent,
                  })
                : t("myBookings.lateNoRefund", { paid: money(terms.paid_amount) })}
            </li>
          ) : null}
          {spent ? (
            <li>
              {terms.credits_returned
                ? t("myBookings.lateCreditsBack", { credits })
                : t("myBookings.lateCreditsKept", { credits })}
            </li>
          ) : null}
          {!paid && !spent ? <li>{t("myBookings.lateNothingPaid")}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

/** The cancel step: the warning, then confirm (a late cancellation is confirmed as such). */
function CancelPanel({
  booking,
  titleId,
  onCancelled,
  onKeep,
}: {
  booking: Booking;
  titleId: string;
  onCancelled: () => void;
  onKeep: () => void;
}) {
  const { t } = useTranslation();
  const cancel = useCancelBooking();
  const confirmed = booking.status === "confirmed";
  const terms = useCancellationTerms(booking.id, { enabled: confirmed });
  // The confirm button waits for the terms, so a late cancellation is always sent as one.
  const late = confirmed && Boolean(terms.data?.is_late);
  const started = Boolean(terms.data?.has_started);
  return (
    <div className="cancel-confirm" role="group" aria-labelledby={titleId}>
      <p className="alert-title" id={titleId}>
        {t("myBookings.cancelQuestion")}
      </p>
      {confirmed && terms.isPending ? <Loading /> : null}
      <CancelWarning booking={booking} terms={terms.data} />
      {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
      <div className="action-row">
        {started ? null : (
          <button
            type="button"
            className="button button-danger button-small"
            disabled={cancel.isPending || (confirmed && terms.isPending)}
            onClick={() => cancel.mutate({ id: booking.id, late }, { onSuccess: onCancelled })}
          >
            {late ? t("myBookings.confirmLateCancel") : t("myBookings.confirmCancel")}
          </button>
        )}
        <button type="button" className="button button-secondary button-small" onClick={onKeep}>
          {t("myBookings.keep")}
        </button>
      </div>
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
  const active = booking.status === "held" || booking.status === "confirmed";
  const toggle = (name: Panel) => setPanel((current) => (current === name ? null : name));
  // A confirmed booking at a place that is paid later: an employee may have it paid by their
  // employer from here (the employer's answer says if it is paid already).
  const employer = useMyEmployer({ enabled: booking.status === "confirmed" }).data;
  const employerMayPay =
    booking.status === "confirmed" && Boolean(employer) && new Date(booking.start) > new Date();

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
          {booking.stop ? bookingWhere(booking, t) : booking.space.commune.name} ·{" "}
          {t(`resourceKind.${booking.resource_kind}`)} ({booking.resource.name}) ·{" "}
          {t(`booking.parts.${booking.part}`)}
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
          {employerMayPay ? (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-expanded={panel === "employer"}
              aria-controls={`${id}-panel`}
              onClick={() => toggle("employer")}
            >
              {t("myBookings.employerPays")}
            </button>
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
          {panel === "employer" ? (
            <EmployerPayChoice
              bookingId={booking.id}
              onPaid={async () => {
                setPanel(null);
                setMessage(t("myBookings.employerPaid"));
              }}
              personal={null}
            />
          ) : null}
          {panel === "cancel" ? (
            <CancelPanel
              booking={booking}
              titleId={`${id}-cancel-title`}
              onCancelled={() => {
                setPanel(null);
                setMessage(t("myBookings.cancelled"));
              }}
              onKeep={() => setPanel(null)}
            />
          ) : null}
        </div>
      </article>
    </li>
  );
}
