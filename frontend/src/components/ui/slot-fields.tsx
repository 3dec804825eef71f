import { useTranslation } from "react-i18next";
import type { DayPart } from "@/lib/api/types";
import { DAY_PARTS } from "@/lib/day-parts";

type TimeRangeProps = {
  id: string;
  start: string;
  end: string;
  onStart: (value: string) => void;
  onEnd: (value: string) => void;
  /** Seconds between proposed times (30 min by default). */
  step?: number;
};

/** Start and end time inputs, labelled, in the place's local time. */
export function TimeRangeFields({ id, start, end, onStart, onEnd, step = 1800 }: TimeRangeProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-start`}>{t("booking.startTime")}</label>
        <input
          id={`${id}-start`}
          type="time"
          step={step}
          value={start}
          onChange={(event) => onStart(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-end`}>{t("booking.endTime")}</label>
        <input
          id={`${id}-end`}
          type="time"
          step={step}
          value={end}
          onChange={(event) => onEnd(event.target.value)}
        />
      </div>
    </>
  );
}

type SlotProps = Omit<TimeRangeProps, "step"> & {
  /** Sold by the day or half-day: choose a part; otherwise choose times. */
  byDay: boolean;
  part: DayPart;
  onPart: (value: DayPart) => void;
};

/** The slot of a booking: a part of the day, or a time window, as the place sells it. */
export function SlotFields({ id, byDay, part, onPart, ...times }: SlotProps) {
  const { t } = useTranslation();
  if (!byDay) return <TimeRangeFields id={id} {...times} />;
  return (
    <div className="field">
      <label htmlFor={`${id}-part`}>{t("booking.part")}</label>
      <select
        id={`${id}-part`}
        value={part}
        onChange={(event) => onPart(event.target.value as DayPart)}
      >
        {DAY_PARTS.map((value) => (
          <option key={value} value={value}>
            {t(`booking.parts.${value}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
