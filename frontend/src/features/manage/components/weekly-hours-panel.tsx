import { useId, useState, type FormEvent } from "react";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { capitalize } from "@/lib/format";
import {
  isImpact,
  useOpeningWeek,
  useSetOpeningWeek,
  type OpeningRange,
  type OpeningWeek,
  type OpeningWeekInput,
} from "../api/place-calendar";
import { isConflict } from "../api/place-setup";
import { usePlaceSetupT } from "../i18n";
import { ImpactDone } from "./calendar-panels";
import { ImpactConfirm } from "./impact-confirm";
import { ConflictAlert } from "./place-sections";
import { useImpactFlow } from "./use-impact-flow";

type Range = { opens: string; closes: string };
type Week = Range[][]; // index 0 = Monday … 6 = Sunday

const DAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const MAX_RANGES = 4;
const hm = (time: string) => time.slice(0, 5);

function weekOf(data: OpeningWeek): Week {
  const week: Week = DAYS.map(() => []);
  for (const row of data.hours) {
    week[row.weekday]?.push({ opens: hm(row.opens), closes: hm(row.closes) });
  }
  return week;
}

function rangesOf(week: Week): OpeningRange[] {
  return week.flatMap((ranges, weekday) =>
    ranges.map((range) => ({ weekday: weekday as OpeningRange["weekday"], ...range })),
  );
}

function TimeInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="time"
        step={900}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** The week's opening hours, edited as a whole: each day open or closed, with its ranges. */
function WeekForm({
  spaceId,
  data,
  timeZone,
}: {
  spaceId: number;
  data: OpeningWeek;
  timeZone: string;
}) {
  const { t } = usePlaceSetupT();
  const save = useSetOpeningWeek(spaceId);
  const flow = useImpactFlow<OpeningWeekInput>();
  const [week, setWeek] = useState<Week>(() => weekOf(data));
  const [saved, setSaved] = useState(false);
  const id = useId();
  const days = t("hours.days").split(",");

  const update = (weekday: number, ranges: Range[]) => {
    setSaved(false);
    setWeek((current) => current.map((day, index) => (index === weekday ? ranges : day)));
  };
  const send = (input: OpeningWeekInput) =>
    save.mutate(input, {
      onError: (error) => {
        flow.onError(error);
        if (isConflict<OpeningWeek>(error)) setWeek(weekOf(error.current));
      },
      onSuccess: (result) => {
        flow.finished(input.confirmed_count ?? null);
        setWeek(weekOf(result));
        setSaved(true);
      },
    });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const input = { hours: rangesOf(week), version: data.version };
    flow.start(input);
    send(input);
  };
  const copyMonday = () => {
    setSaved(false);
    setWeek((current) =>
      current.map((day, index) => (index >= 1 && index <= 4 ? [...current[0]!] : day)),
    );
  };

  return (
    <form
      className="stack-form hours-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t("hours.form")}
    >
      {DAYS.map((weekday) => {
        const ranges = week[weekday] ?? [];
        const day = days[weekday] ?? String(weekday);
        return (
          <fieldset key={weekday} className="hours-day">
            <legend>{capitalize(day)}</legend>
            <div className="field checkbox-field">
              <input
                id={`${id}-open-${weekday}`}
                type="checkbox"
                checked={ranges.length > 0}
                onChange={(event) =>
                  update(weekday, event.target.checked ? [{ opens: "09:00", closes: "18:00" }] : [])
                }
              />
              <label htmlFor={`${id}-open-${weekday}`}>{t("hours.open")}</label>
            </div>
            {ranges.map((range, index) => (
              <div className="field-row" key={index}>
                <TimeInput
                  label={t("hours.opens", { n: index + 1 })}
                  value={range.opens}
                  onChange={(opens) =>
                    update(
                      weekday,
                      ranges.map((item, i) => (i === index ? { ...item, opens } : item)),
                    )
                  }
                />
                <TimeInput
                  label={t("hours.closes", { n: index + 1 })}
                  value={range.closes}
                  onChange={(closes) =>
                    update(
                      weekday,
                      ranges.map((item, i) => (i === index ? { ...item, closes } : item)),
                    )
                  }
                />
                {ranges.length > 1 ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t("hours.removeRangeLabel", { day, n: index + 1 })}
                    onClick={() =>
                      update(
                        weekday,
                        ranges.filter((_, i) => i !== index),
                      )
                    }
                  >
                    {t("hours.removeRange")}
                  </button>
                ) : null}
              </div>
            ))}
            {ranges.length > 0 && ranges.length < MAX_RANGES ? (
              <button
                type="button"
                className="button-link"
                aria-label={t("hours.addRangeLabel", { day })}
                onClick={() => {
                  const last = ranges[ranges.length - 1]!;
                  update(weekday, [...ranges, { opens: last.closes, closes: last.closes }]);
                }}
              >
                {t("hours.addRange")}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <p>
        <button type="button" className="button button-secondary button-small" onClick={copyMonday}>
          {t("hours.copyMonday")}
        </button>
      </p>
      {isConflict(save.error) ? <ConflictAlert /> : null}
      {save.error && !isImpact(save.error) && !isConflict(save.error) ? (
        <ErrorAlert error={save.error} />
      ) : null}
      {flow.impact && flow.pendingInput ? (
        <ImpactConfirm
          impact={flow.impact}
          timeZone={timeZone}
          pending={save.isPending}
          onConfirm={(count) =>
            flow.pendingInput && send({ ...flow.pendingInput, confirmed_count: count })
          }
          onCancel={flow.reset}
        />
      ) : null}
      {saved && !flow.done ? <SuccessAlert>{t("hours.saved")}</SuccessAlert> : null}
      <ImpactDone count={flow.done} />
      <button type="submit" className="button" disabled={save.isPending}>
        {t("hours.save")}
      </button>
    </form>
  );
}

export function WeeklyHoursPanel({ spaceId, timeZone }: { spaceId: number; timeZone: string }) {
  const { t } = usePlaceSetupT();
  const week = useOpeningWeek(spaceId);
  if (week.isPending) return <Loading />;
  if (week.error) return <ErrorAlert error={week.error} onRetry={() => void week.refetch()} />;
  return (
    <>
      <p>{t("hours.intro", { timezone: timeZone })}</p>
      <WeekForm spaceId={spaceId} data={week.data} timeZone={timeZone} />
    </>
  );
}
