import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { NumberInput } from "@/components/ui/number-input";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import type { Booking, BookingSeries, ResourceKind } from "@/lib/api/types";
import { useMe } from "@/lib/current-user";
import { addDays, endOfMonth, isIsoDate, startOfMonth, startOfWeek, todayIn } from "@/lib/dates";
import { formatDate, formatInstantTime } from "@/lib/format";
import { useNow } from "@/lib/use-now";
import { useCalendar, usePlace } from "../api/availability";
import { AvailabilityCalendarTable } from "../components/availability-calendar";
import { BookingConfirmation } from "../components/booking-confirmation";
import { BookingPanel } from "../components/booking-panel";
import { BookingSummary } from "../components/booking-summary";
import { PayStep } from "../components/pay-step";
import { PriceLine } from "../components/price-line";
import { SeriesResults } from "../components/series-results";
import { TimePicker } from "../components/time-picker";
import {
  isDayPart,
  isDaySold,
  isResourceKind,
  MAX_ATTENDEES,
  RESOURCE_KINDS,
  ROOM_KINDS,
} from "../constants";
import { placePath } from "../paths";
import { tomorrow } from "../search";
import { isSlotOver, resolveSelection, type Selection } from "../selection";

type View = "week" | "month";
type Step =
  | { name: "select" }
  | { name: "pay"; booking: Booking }
  | { name: "done"; booking: Booking }
  | { name: "series"; series: BookingSeries };

const TIME_RE = /^\d{2}:\d{2}$/;

function readParams(params: URLSearchParams) {
  const kindParam = params.get("kind");
  const kind: ResourceKind = isResourceKind(kindParam) ? kindParam : "desk";
  const dateParam = params.get("date");
  const date = isIsoDate(dateParam) ? dateParam : tomorrow();
  const fromParam = params.get("from");
  const attendees = Number.parseInt(params.get("attendees") ?? "1", 10);
  const part = params.get("part");
  const startTime = params.get("start_time") ?? "";
  const endTime = params.get("end_time") ?? "";
  let selection: Selection | null = null;
  if (isIsoDate(dateParam)) {
    if (isDaySold(kind)) {
      if (isDayPart(part)) selection = { date, part };
    } else {
      selection = {
        date,
        startTime: TIME_RE.test(startTime) ? startTime : undefined,
        endTime: TIME_RE.test(endTime) ? endTime : undefined,
      };
    }
  }
  return {
    kind,
    date,
    from: isIsoDate(fromParam) ? fromParam : date,
    view: (params.get("view") === "month" ? "month" : "week") as View,
    attendees:
      ROOM_KINDS.includes(kind) && Number.isFinite(attendees)
        ? Math.min(Math.max(attendees, 1), MAX_ATTENDEES)
        : 1,
    selection,
  };
}

/**
 * Book at one place: a week or month of availability, pick a slot, confirm (price, rules,
 * optionally a weekly series), book; pay within the hold when the place asks for it; then
 * the confirmation with the QR code and the calendar file.
 */
export function PlaceBookingRoute() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { slug = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readParams(params), [params]);
  const { kind, attendees, view, selection } = state;
  const rangeStart = view === "month" ? startOfMonth(state.from) : startOfWeek(state.from);
  const rangeEnd = view === "month" ? endOfMonth(state.from) : addDays(rangeStart, 6);
  const calendar = useCalendar(slug, { from: rangeStart, to: rangeEnd, kind, attendees });
  const me = useMe();
  const place = usePlace(slug);
  const [step, setStep] = useState<Step>({ name: "select" });
  const stepHeading = useRef<HTMLDivElement>(null);
  const focusStep = useRef(false);

  const data = calendar.data;
  const timeZone = data?.space.timezone ?? "Europe/Paris";
  const now = useNow();
  const today = todayIn(timeZone, new Date(now));
  const local = (instant: string) => formatInstantTime(instant, timeZone, i18n.language);
  const resolved = resolveSelection(data, selection, local);
  // A selection kept in the address (or left open) whose slot is over: not offered any more.
  const over = resolved !== null && isSlotOver(resolved, now);
  const spaceName = data?.space.name ?? place.data?.name ?? "";

  // Move focus to the new step's heading after a choice or a step change.
  useEffect(() => {
    if (!focusStep.current) return;
    focusStep.current = false;
    stepHeading.current?.querySelector<HTMLElement>("h2")?.focus();
  });

  const update = (patch: Record<string, string | null>, options: { focus?: boolean } = {}) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value === null || value === "") next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { flushSync: true, replace: true },
    );
    if (options.focus) focusStep.current = true;
  };

  const select = (choice: Selection) => {
    setStep({ name: "select" });
    update(
      {
        date: choice.date,
        part: choice.part ?? null,
        start_time: choice.startTime ?? null,
        end_time: choice.endTime ?? null,
      },
      { focus: Boolean(choice.part || (choice.startTime && choice.endTime)) },
    );
  };

  const goTo = (step: Step) => {
    focusStep.current = true;
    setStep(step);
  };

  const shift = (direction: 1 | -1) => {
    const from =
      view === "month"
        ? startOfMonth(addDays(direction === 1 ? rangeEnd : rangeStart, direction))
        : addDays(rangeStart, 7 * direction);
    update({ from });
  };

  if (calendar.isError && isApiError(calendar.error, 404)) {
    return (
      <div className="narrow-page">
        <PageTitle title={t("space.notFound")} />
        <h1>{t("space.notFound")}</h1>
        <p>
          <Link to="/reserver">{t("booking.backToSearch")}</Link>
        </p>
      </div>
    );
  }

  const title = spaceName ? t("booking.placeTitle", { name: spaceName }) : t("booking.searchTitle");
  const timePickerDay =
    data && selection && !isDaySold(kind)
      ? data.days.find((day) => day.date === selection.date && day.is_open)
      : undefined;

  return (
    <div className="booking-page">
      <PageTitle title={title} />
      <p className="breadcrumb">
        <Link
          to={placePath(slug, {
            date: isIsoDate(params.get("date")) ? state.date : undefined,
            kind,
          })}
        >
          <span aria-hidden="true">← </span>
          {t("booking.backToPlace", { name: spaceName || slug })}
        </Link>
      </p>
      <h1>{title}</h1>
      {data ? (
        <p className="section-hint">{t("booking.localTime", { timezone: timeZone })}</p>
      ) : null}

      {step.name === "select" ? (
        <div className="booking-layout">
          <section className="space-section" aria-labelledby={`${id}-calendar`}>
            <h2 id={`${id}-calendar`}>{t("booking.availabilityTitle")}</h2>
            <div className="calendar-controls">
              <div className="field">
                <label htmlFor={`${id}-kind`}>{t("booking.kind")}</label>
                <select
                  id={`${id}-kind`}
                  value={kind}
                  onChange={(event) =>
                    update({
                      kind: event.target.value === "desk" ? null : event.target.value,
                      part: null,
                      start_time: null,
                      end_time: null,
                      attendees: null,
                    })
                  }
                >
                  {RESOURCE_KINDS.map((value) => (
                    <option key={value} value={value}>
                      {t(`resourceKind.${value}`)}
                    </option>
                  ))}
                </select>
              </div>
              {ROOM_KINDS.includes(kind) ? (
                <div className="field">
                  <label htmlFor={`${id}-attendees`}>{t("booking.attendees")}</label>
                  <NumberInput
                    id={`${id}-attendees`}
                    min={1}
                    max={MAX_ATTENDEES}
                    value={attendees}
                    onValue={(value) =>
                      update({
                        attendees: String(value),
                        part: null,
                        start_time: null,
                        end_time: null,
                      })
                    }
                  />
                </div>
              ) : null}
              <div className="view-switch" role="group" aria-label={t("booking.view")}>
                {(["week", "month"] as const).map((value) => (
                  <button
                    key={value}
                    type="button"
                    className="button button-secondary button-small"
                    aria-pressed={view === value}
                    onClick={() => update({ view: value === "week" ? null : value })}
                  >
                    {t(`booking.views.${value}`)}
                  </button>
                ))}
              </div>
            </div>
            <div className="calendar-nav">
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => shift(-1)}
              >
                <span aria-hidden="true">← </span>
                {t(`booking.previous.${view}`)}
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => shift(1)}
              >
                {t(`booking.next.${view}`)}
                <span aria-hidden="true"> →</span>
              </button>
            </div>
            <p className="visually-hidden" role="status" aria-live="polite">
              {calendar.isFetching ? t("booking.loadingCalendar") : ""}
            </p>
            {calendar.isPending ? <Loading /> : null}
            {calendar.isError ? (
              <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} />
            ) : null}
            {data ? (
              <>
                <PriceLine
                  prices={(place.data?.prices ?? []).filter(
                    (price) => price.resource_kind === kind,
                  )}
                  className="calendar-prices"
                />
                {data.total === 0 ? (
                  <p className="alert alert-info">{t("booking.noResource")}</p>
                ) : (
                  <AvailabilityCalendarTable
                    calendar={data}
                    caption={t("booking.calendarCaption", {
                      from: formatDate(rangeStart, i18n.language),
                      to: formatDate(rangeEnd, i18n.language),
                    })}
                    selection={selection}
                    today={today}
                    now={now}
                    onSelect={select}
                  />
                )}
              </>
            ) : null}
          </section>
          <div className="booking-side" ref={stepHeading}>
            {data && timePickerDay && selection ? (
              <TimePicker
                day={timePickerDay}
                timeZone={timeZone}
                policy={data.policy}
                selection={selection}
                now={now}
                onChange={select}
              />
            ) : null}
            {over ? (
              <p className="alert alert-info" role="status">
                {t("booking.slotOver")}
              </p>
            ) : data &&
              data.total > 0 &&
              resolved &&
              (resolved.part || (resolved.startTime && resolved.endTime)) ? (
              <BookingPanel
                key={`${resolved.date}-${resolved.part ?? ""}-${resolved.startTime ?? ""}-${resolved.endTime ?? ""}-${kind}-${attendees}`}
                slug={slug}
                calendar={data}
                selection={resolved}
                attendees={attendees}
                me={me.data}
                onBooked={(booking) =>
                  goTo(
                    booking.status === "held"
                      ? { name: "pay", booking }
                      : { name: "done", booking },
                  )
                }
                onSeries={(series) => goTo({ name: "series", series })}
                onRefused={() => void calendar.refetch()}
              />
            ) : data && !timePickerDay ? (
              <p className="booking-hint">{t("booking.pickSlot")}</p>
            ) : null}
          </div>
        </div>
      ) : (
        <div className="booking-step" ref={stepHeading}>
          {step.name === "pay" ? (
            <section className="space-section" aria-labelledby={`${id}-pay`}>
              <h2 id={`${id}-pay`} tabIndex={-1} className="step-title">
                {t("booking.payTitle")}
              </h2>
              <BookingSummary booking={step.booking} />
              <PayStep
                booking={step.booking}
                onPaid={(booking) => goTo({ name: "done", booking })}
              />
              <p>
                <button
                  type="button"
                  className="button-link"
                  onClick={() => goTo({ name: "select" })}
                >
                  {t("booking.backToCalendar")}
                </button>
              </p>
            </section>
          ) : null}
          {step.name === "done" ? (
            <section className="space-section" aria-labelledby={`${id}-done`}>
              <h2 id={`${id}-done`} tabIndex={-1} className="step-title">
                {t("booking.doneTitle")}
              </h2>
              <BookingConfirmation booking={step.booking} />
              <p>
                <button
                  type="button"
                  className="button-link"
                  onClick={() => {
                    update({ part: null, start_time: null, end_time: null });
                    goTo({ name: "select" });
                  }}
                >
                  {t("booking.bookAnother")}
                </button>
              </p>
            </section>
          ) : null}
          {step.name === "series" ? (
            <section className="space-section" aria-labelledby={`${id}-series`}>
              <h2 id={`${id}-series`} tabIndex={-1} className="step-title">
                {t("booking.seriesTitle")}
              </h2>
              <SeriesResults
                series={step.series}
                requiresPayment={Boolean(data?.policy.requires_payment)}
              />
              <p>
                <button
                  type="button"
                  className="button-link"
                  onClick={() => {
                    update({ part: null, start_time: null, end_time: null });
                    goTo({ name: "select" });
                  }}
                >
                  {t("booking.bookAnother")}
                </button>
              </p>
            </section>
          ) : null}
        </div>
      )}
    </div>
  );
}
