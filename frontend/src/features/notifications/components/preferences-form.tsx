import { useId, useState, type FormEvent } from "react";
import { FormField } from "@/components/ui/form-field";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { ApiError } from "@/lib/api/errors";
import {
  useUpdateNotificationPreferences,
  type DayReminder,
  type NotificationPreferences,
} from "../api/preferences";
import { useNotificationsT } from "../i18n";

type Draft = {
  booking_reminders: boolean;
  day_reminder: DayReminder;
  day_reminder_hours: string;
  room_reminder_minutes: string;
  credits_expiring: boolean;
  renewal_upcoming: boolean;
  admin_summaries: boolean;
};

/** The API's answer as form state (numbers as typed text; defaults when a field is absent). */
function toDraft(p: NotificationPreferences): Draft {
  return {
    booking_reminders: p.booking_reminders ?? true,
    day_reminder: p.day_reminder ?? "evening_before",
    day_reminder_hours: String(p.day_reminder_hours ?? 24),
    room_reminder_minutes: String(p.room_reminder_minutes ?? 60),
    credits_expiring: p.credits_expiring ?? true,
    renewal_upcoming: p.renewal_upcoming ?? true,
    admin_summaries: p.admin_summaries ?? true,
  };
}

function Checkbox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="checkbox-field">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function PreferencesForm({
  initial,
  isNetworkAdmin,
}: {
  initial: NotificationPreferences;
  isNetworkAdmin: boolean;
}) {
  const { t } = useNotificationsT();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [saved, setSaved] = useState(false);
  const update = useUpdateNotificationPreferences();
  const set = (change: Partial<Draft>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...change }));
  };
  const fieldErrors = update.error instanceof ApiError ? update.error.fieldErrors : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        booking_reminders: draft.booking_reminders,
        day_reminder: draft.day_reminder,
        day_reminder_hours: Number(draft.day_reminder_hours),
        room_reminder_minutes: Number(draft.room_reminder_minutes),
        credits_expiring: draft.credits_expiring,
        renewal_upcoming: draft.renewal_upcoming,
        ...(isNetworkAdmin ? { admin_summaries: draft.admin_summaries } : {}),
      },
      {
        onSuccess: (answer) => {
          setDraft(toDraft(answer));
          setSaved(true);
        },
      },
    );
  };

  const remindersOff = !draft.booking_reminders;
  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <fieldset className="fieldset">
        <legend>{t("reminders.legend")}</legend>
        <Checkbox
          label={t("reminders.enabled")}
          checked={draft.booking_reminders}
          onChange={(value) => set({ booking_reminders: value })}
        />
        <fieldset className="fieldset" disabled={remindersOff}>
          <legend>{t("reminders.dayLegend")}</legend>
          {(["evening_before", "hours_before"] as const).map((choice) => (
            <div className="checkbox-field" key={choice}>
              <input
                type="radio"
                id={`${id}-${choice}`}
                name={`${id}-day-reminder`}
                value={choice}
                checked={draft.day_reminder === choice}
                onChange={() => set({ day_reminder: choice })}
              />
              <label htmlFor={`${id}-${choice}`}>
                {choice === "evening_before"
                  ? t("reminders.eveningBefore")
                  : t("reminders.hoursBefore")}
              </label>
            </div>
          ))}
          {draft.day_reminder === "hours_before" ? (
            <FormField
              label={t("reminders.hours")}
              hint={t("reminders.hoursHint")}
              type="number"
              inputMode="numeric"
              min={1}
              max={168}
              required
              value={draft.day_reminder_hours}
              errors={fieldErrors.day_reminder_hours}
              onChange={(event) => set({ day_reminder_hours: event.target.value })}
            />
          ) : null}
        </fieldset>
        <FormField
          label={t("reminders.roomMinutes")}
          hint={t("reminders.roomMinutesHint")}
          type="number"
          inputMode="numeric"
          min={5}
          max={2880}
          step={5}
          required
          disabled={remindersOff}
          value={draft.room_reminder_minutes}
          errors={fieldErrors.room_reminder_minutes}
          onChange={(event) => set({ room_reminder_minutes: event.target.value })}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("others.legend")}</legend>
        <Checkbox
          label={t("others.creditsExpiring")}
          checked={draft.credits_expiring}
          onChange={(value) => set({ credits_expiring: value })}
        />
        <Checkbox
          label={t("others.renewalUpcoming")}
          checked={draft.renewal_upcoming}
          onChange={(value) => set({ renewal_upcoming: value })}
        />
        {isNetworkAdmin ? (
          <Checkbox
            label={t("others.adminSummaries")}
            checked={draft.admin_summaries}
            onChange={(value) => set({ admin_summaries: value })}
          />
        ) : null}
      </fieldset>
      {update.isError && Object.keys(fieldErrors).length === 0 ? (
        <ErrorAlert error={update.error} />
      ) : null}
      {saved ? <SuccessAlert>{t("saved")}</SuccessAlert> : null}
      <div className="action-row">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? t("saving") : t("save")}
        </button>
      </div>
    </form>
  );
}
