import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { AvailabilityDay, BookingPolicyPublic } from "@/lib/api/types";
import { capitalize, formatDate, formatInstantTime } from "@/lib/format";
import { endOptions, isSlotOver, type Selection } from "../selection";

type TimePickerProps = {
  day: AvailabilityDay;
  timeZone: string;
  policy: BookingPolicyPublic;
  selection: Selection;
  /** Now (ms): slots already over are not offered. */
  now: number;
  onChange: (selection: Selection) => void;
};

/** Start and end of a room or booth booking on one day, among the free slots (local times). */
export function TimePicker({ day, timeZone, policy, selection, now, onChange }: TimePickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const local = (instant: string) => formatInstantTime(instant, timeZone, i18n.language);
  const startIndex = day.slots.findIndex((slot) => local(slot.start) === selection.startTime);
  const ends = startIndex >= 0 ? endOptions(day.slots, startIndex, policy) : [];

  return (
    <fieldset className="fieldset time-picker">
      <legend>
        {t("booking.timesOn", { date: capitalize(formatDate(day.date, i18n.language)) })}
      </legend>
      <p className="field-hint" id={`${id}-hint`}>
        {t("booking.localTime", { timezone: timeZone })}
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-start`}>{t("booking.startTime")}</label>
          <select
            id={`${id}-start`}
            value={selection.startTime ?? ""}
            aria-describedby={`${id}-hint`}
            onChange={(event) => {
              const startTime = event.target.value || undefined;
              const index = day.slots.findIndex((slot) => local(slot.start) === startTime);
              const first = index >= 0 ? endOptions(day.slots, index, policy)[0] : undefined;
              onChange({
                date: day.date,
                startTime,
                endTime: first ? local(first.slot.end) : undefined,
              });
            }}
          >
            <option value="">{t("booking.pickStart")}</option>
            {day.slots.map((slot, index) =>
              !isSlotOver(slot, now) && endOptions(day.slots, index, policy).length ? (
                <option key={slot.key} value={local(slot.start)}>
                  {local(slot.start)}
                </option>
              ) : null,
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>{t("booking.endTime")}</label>
          <select
            id={`${id}-end`}
            value={selection.endTime ?? ""}
            disabled={!ends.length}
            aria-describedby={`${id}-hint`}
            onChange={(event) =>
              onChange({ ...selection, endTime: event.target.value || undefined })
            }
          >
            {ends.map(({ slot }) => (
              <option key={slot.key} value={local(slot.end)}>
                {local(slot.end)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}
