import type { TFunction } from "i18next";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { NumberInput } from "@/components/ui/number-input";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import type { AvailabilityCalendar, Booking, BookingSeries, Me, SlotQuote } from "@/lib/api/types";
import {
  capitalize,
  formatCredits,
  formatDate,
  formatInstantTime,
  formatMoney,
  weekdayName,
} from "@/lib/format";
import { addDays, isoWeekday } from "@/lib/dates";
import { useAttemptKey } from "@/lib/idempotency";
import { useCreateBooking, useCreateSeries, useJoinWaitlist } from "../api/bookings";
import { useSlotQuote } from "../api/payments";
import { isDaySold } from "../constants";
import { loginPath } from "../paths";
import type { ResolvedSelection } from "../selection";

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

function durationText(minutes: number, t: TFunction): string {
  return minutes % 60 === 0
    ? t("booking.durationHours", { count: minutes / 60 })
    : t("booking.durationMinutes", { count: minutes });
}

/** The server's quote of the selection: card price (member price when it applies), credits. */
function QuoteFacts({ quote }: { quote: SlotQuote }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const money = (amount: string) => formatMoney(amount, quote.currency, language);
  const prices = [
    quote.amount ? money(quote.amount) : null,
    quote.credits !== null
      ? t("payments.creditsCount", {
          count: Number(quote.credits),
          credits: formatCredits(quote.credits, language),
        })
      : null,
  ].filter(Boolean);
  return (
    <>
      {quote.covered_by_subscription ? (
        <>
          <dt>{t("booking.price")}</dt>
          <dd>{t("payments.coveredBySubscription")}</dd>
        </>
      ) : prices.length ? (
        <>
          <dt>{quote.is_member_price ? t("booking.memberPrice") : t("booking.price")}</dt>
          <dd>
            {prices.join(` ${t("payments.or")} `)}
            {quote.is_member_price && quote.public_amount ? (
              <span className="field-hint">
                {" "}
                {t("booking.publicPrice", { price: money(quote.public_amount) })}
              </span>
            ) : null}
          </dd>
        </>
      ) : null}
      {quote.credits_available !== null ? (
        <>
          <dt>{t("payments.creditsAvailable")}</dt>
          <dd>{formatCredits(quote.credits_available, language)}</dd>
        </>
      ) : null}
    </>
  );
}

type BookingPanelProps = {
  slug: string;
  calendar: AvailabilityCalendar;
  selection: ResolvedSelection;
  attendees: number;
  me: Me | null | undefined;
  onBooked: (booking: Booking) => void;
  onSeries: (series: BookingSeries) => void;
  onRefused: () => void;
};

/** The confirm step: what will be booked, what it costs, the rules; then book (or queue). */
export function BookingPanel({
  slug,
  calendar,
  selection,
  attendees,
  me,
  onBooked,
  onSeries,
  onRefused,
}: BookingPanelProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const location = useLocation();
  const language = i18n.language;
  const kind = calendar.resource_kind;
  const { space, policy } = calendar;
  const timeZone = space.timezone;
  const create = useCreateBooking();
  const createSeries = useCreateSeries();
  const joinWaitlist = useJoinWaitlist();

  const [repeat, setRepeat] = useState(false);
  const [weekdays, setWeekdays] = useState<number[]>([isoWeekday(selection.date)]);
  const [endMode, setEndMode] = useState<"until" | "count">("count");
  const [untilDate, setUntilDate] = useState(addDays(selection.date, 28));
  const [count, setCount] = useState(4);

  const slotInput = selection.part
    ? { part: selection.part }
    : { start_time: selection.startTime, end_time: selection.endTime };
  const input = {
    space: slug,
    kind,
    date: selection.date,
    attendees,
    walk_up: false,
    ...slotInput,
  };
  const seriesInput = {
    space: slug,
    kind,
    attendees,
    weekdays: [...weekdays].sort(),
    start_date: selection.date,
    ...(endMode === "until" ? { until_date: untilDate } : { count }),
    ...slotInput,
  };
  const key = useAttemptKey(JSON.stringify(repeat ? seriesInput : input));

  const full = selection.free === 0;
  const daySold = isDaySold(kind);
  const quote = useSlotQuote({ space: slug, kind, date: selection.date, ...slotInput }).data;
  const pending = create.isPending || createSeries.isPending;
  const error = repeat ? createSeries.error : create.error;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    if (repeat) {
      createSeries.mutate({ input: seriesInput, key }, { onSuccess: onSeries, onError: onRefused });
    } else {
      create.mutate({ input, key }, { onSuccess: onBooked, onError: onRefused });
    }
  };

  const when = capitalize(formatDate(selection.date, language));
  const times = t("space.timeRange", {
    opens: formatInstantTime(selection.start, timeZone, language),
    closes: formatInstantTime(selection.end, timeZone, language),
  });

  return (
    <form className="booking-panel" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1} className="step-title">
        {t("booking.confirmTitle")}
      </h2>
      <dl className="contact-list booking-facts">
        <dt>{t("booking.place")}</dt>
        <dd>
          {space.name}
          {selection.day.stop
            ? ` — ${t("booking.stopAt", {
                commune: selection.day.stop.commune.name,
                note: selection.day.stop.location_note,
              })}`
            : ` — ${space.commune.name}`}
        </dd>
        <dt>{t("booking.date")}</dt>
        <dd>{when}</dd>
        <dt>{t("booking.hours")}</dt>
        <dd>
          {times}
          {selection.part ? ` (${t(`booking.parts.${selection.part}`)})` : ""}
          <span className="field-hint"> {t("booking.localTime", { timezone: timeZone })}</span>
        </dd>
        <dt>{t("booking.resource")}</dt>
        <dd>
          {t(`resourceKind.${kind}`)}
          {attendees > 1 ? `, ${t("space.capacityPeople", { count: attendees })}` : ""}
        </dd>
        <dt>{t("booking.availability")}</dt>
        <dd>{t(`booking.freeCount.${kind}`, { count: selection.free })}</dd>
        {quote ? <QuoteFacts quote={quote} /> : null}
      </dl>
      <ul className="rules">
        <li>
          {policy.requires_payment
            ? t("booking.rulePayment", { minutes: policy.hold_minutes })
            : t("booking.ruleNoPayment")}
        </li>
        <li>
          {t("booking.ruleCancellation", {
            delay: durationText(policy.cancellation_deadline_minutes, t),
          })}
        </li>
      </ul>

      {me === null ? (
        <p className="alert alert-info">
          {t("booking.loginToBook")}{" "}
          <Link to={loginPath(`${location.pathname}${location.search}`)}>{t("auth.login")}</Link>
        </p>
      ) : full ? (
        <div className="waitlist-offer">
          <p>{t("booking.slotFull")}</p>
          {daySold && selection.part ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={joinWaitlist.isPending || joinWaitlist.isSuccess}
              onClick={() =>
                joinWaitlist.mutate({
                  space: slug,
                  kind,
                  date: selection.date,
                  part: selection.part ?? "day",
                })
              }
            >
              {t("booking.joinWaitlist")}
            </button>
          ) : null}
          {joinWaitlist.data ? (
            <SuccessAlert>
              {t("booking.waitlistJoined", { position: joinWaitlist.data.position ?? "?" })}
            </SuccessAlert>
          ) : null}
          {joinWaitlist.error ? <ErrorAlert error={joinWaitlist.error} /> : null}
        </div>
      ) : (
        <>
          <div className="checkbox-field">
            <input
              id={`${id}-repeat`}
              type="checkbox"
              checked={repeat}
              aria-controls={`${id}-series`}
              onChange={(event) => setRepeat(event.target.checked)}
            />
            <label htmlFor={`${id}-repeat`}>{t("booking.repeat")}</label>
          </div>
          {repeat ? (
            <div id={`${id}-series`} className="series-options">
              <fieldset className="fieldset">
                <legend>{t("booking.weekdays")}</legend>
                <ul className="weekday-list">
                  {WEEKDAYS.map((weekday) => (
                    <li key={weekday} className="checkbox-field">
                      <input
                        id={`${id}-wd-${weekday}`}
                        type="checkbox"
                        checked={weekdays.includes(weekday)}
                        onChange={(event) =>
                          setWeekdays((current) =>
                            event.target.checked
                              ? [...current, weekday]
                              : current.filter((value) => value !== weekday),
                          )
                        }
                      />
                      <label htmlFor={`${id}-wd-${weekday}`}>
                        {capitalize(weekdayName(weekday, language))}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <fieldset className="fieldset">
                <legend>{t("booking.seriesEnd")}</legend>
                <div className="checkbox-field">
                  <input
                    type="radio"
                    id={`${id}-end-count`}
                    name={`${id}-end`}
                    checked={endMode === "count"}
                    onChange={() => setEndMode("count")}
                  />
                  <label htmlFor={`${id}-end-count`}>{t("booking.seriesCount")}</label>
                </div>
                {endMode === "count" ? (
                  <div className="field indented">
                    <label htmlFor={`${id}-count`}>{t("booking.seriesCountLabel")}</label>
                    <NumberInput
                      id={`${id}-count`}
                      min={1}
                      max={60}
                      value={count}
                      onValue={setCount}
                    />
                  </div>
                ) : null}
                <div className="checkbox-field">
                  <input
                    type="radio"
                    id={`${id}-end-until`}
                    name={`${id}-end`}
                    checked={endMode === "until"}
                    onChange={() => setEndMode("until")}
                  />
                  <label htmlFor={`${id}-end-until`}>{t("booking.seriesUntil")}</label>
                </div>
                {endMode === "until" ? (
                  <div className="field indented">
                    <label htmlFor={`${id}-until`}>{t("booking.seriesUntilLabel")}</label>
                    <input
                      id={`${id}-until`}
                      type="date"
                      min={selection.date}
                      value={untilDate}
                      onChange={(event) => event.target.value && setUntilDate(event.target.value)}
                    />
                  </div>
                ) : null}
              </fieldset>
            </div>
          ) : null}
          {error ? <ErrorAlert error={error} /> : null}
          <button
            type="submit"
            className="button"
            disabled={pending || (repeat && weekdays.length === 0)}
          >
            {pending
              ? t("booking.booking")
              : repeat
                ? t("booking.bookSeries")
                : policy.requires_payment
                  ? t("booking.bookAndPay")
                  : t("booking.book")}
          </button>
        </>
      )}
    </form>
  );
}
