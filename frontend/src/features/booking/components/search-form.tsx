import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CommuneAutocomplete } from "@/components/commune-autocomplete/commune-autocomplete";
import { NumberInput } from "@/components/ui/number-input";
import { NETWORK_TIME_ZONE, todayIn } from "@/lib/dates";
import type { DayPart, ResourceKind } from "@/lib/api/types";
import {
  DAY_PARTS,
  isDaySold,
  MAX_ATTENDEES,
  RADII_KM,
  RESOURCE_KINDS,
  ROOM_KINDS,
} from "../constants";
import type { SearchFilters } from "../search";

type SearchFormProps = {
  filters: SearchFilters;
  onSearch: (filters: SearchFilters) => void;
};

/**
 * What to book, when and where. Edited locally; "Rechercher" writes it to the URL (the
 * results follow the URL, so the back button and a shared link give the same search).
 */
export function SearchForm({ filters, onSearch }: SearchFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(filters);
  const [synced, setSynced] = useState(filters);
  const [timeError, setTimeError] = useState(false);
  if (filters !== synced) {
    setSynced(filters);
    setDraft(filters);
  }
  const set = (patch: Partial<SearchFilters>) => setDraft((current) => ({ ...current, ...patch }));
  const daySold = isDaySold(draft.kind);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const partialTimes = Boolean(draft.startTime) !== Boolean(draft.endTime);
    const inverted = draft.startTime && draft.endTime && draft.endTime <= draft.startTime;
    if (!daySold && (partialTimes || inverted)) {
      setTimeError(true);
      return;
    }
    setTimeError(false);
    onSearch(draft);
  };

  return (
    <form
      className="filters booking-search"
      role="search"
      aria-labelledby={`${id}-heading`}
      onSubmit={onSubmit}
      noValidate
    >
      <h2 id={`${id}-heading`}>{t("booking.searchHeading")}</h2>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t("booking.date")}</label>
        <input
          id={`${id}-date`}
          type="date"
          name="date"
          required
          min={todayIn(NETWORK_TIME_ZONE)}
          value={draft.date}
          onChange={(event) => event.target.value && set({ date: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("booking.kind")}</label>
        <select
          id={`${id}-kind`}
          name="kind"
          value={draft.kind}
          onChange={(event) => {
            const kind = event.target.value as ResourceKind;
            set({
              kind,
              part: isDaySold(kind) ? draft.part || "day" : "",
              attendees: ROOM_KINDS.includes(kind) ? draft.attendees : 1,
            });
          }}
        >
          {RESOURCE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`resourceKind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      {ROOM_KINDS.includes(draft.kind) ? (
        <div className="field">
          <label htmlFor={`${id}-attendees`}>{t("booking.attendees")}</label>
          <NumberInput
            id={`${id}-attendees`}
            name="attendees"
            min={1}
            max={MAX_ATTENDEES}
            value={draft.attendees}
            onValue={(attendees) => set({ attendees })}
          />
        </div>
      ) : null}
      {daySold ? (
        <fieldset className="fieldset">
          <legend>{t("booking.part")}</legend>
          {DAY_PARTS.map((part) => (
            <div className="checkbox-field" key={part}>
              <input
                type="radio"
                id={`${id}-part-${part}`}
                name="part"
                value={part}
                checked={draft.part === part}
                onChange={() => set({ part: part as DayPart })}
              />
              <label htmlFor={`${id}-part-${part}`}>{t(`booking.parts.${part}`)}</label>
            </div>
          ))}
        </fieldset>
      ) : (
        <fieldset className="fieldset">
          <legend>{t("booking.timeWindow")}</legend>
          <p className="field-hint" id={`${id}-times-hint`}>
            {t("booking.timeWindowHint")}
          </p>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-start`}>{t("booking.startTime")}</label>
              <input
                id={`${id}-start`}
                type="time"
                name="start_time"
                step={1800}
                value={draft.startTime}
                aria-describedby={`${id}-times-hint`}
                aria-invalid={timeError || undefined}
                onChange={(event) => set({ startTime: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-end`}>{t("booking.endTime")}</label>
              <input
                id={`${id}-end`}
                type="time"
                name="end_time"
                step={1800}
                value={draft.endTime}
                aria-describedby={`${id}-times-hint`}
                aria-invalid={timeError || undefined}
                onChange={(event) => set({ endTime: event.target.value })}
              />
            </div>
          </div>
          {timeError ? (
            <p className="field-errors" role="alert">
              {t("booking.timeWindowInvalid")}
            </p>
          ) : null}
        </fieldset>
      )}
      <fieldset className="fieldset">
        <legend>{t("directory.near")}</legend>
        <CommuneAutocomplete
          code={draft.nearCommune}
          label={draft.nearLabel}
          onSelect={(commune) =>
            set({ nearCommune: commune?.insee_code ?? "", nearLabel: commune?.name ?? "" })
          }
        />
        <div className="field">
          <label htmlFor={`${id}-radius`}>{t("directory.radius")}</label>
          <select
            id={`${id}-radius`}
            name="radius_km"
            value={draft.radiusKm}
            disabled={!draft.nearCommune}
            onChange={(event) => set({ radiusKm: event.target.value })}
          >
            {RADII_KM.map((km) => (
              <option key={km} value={km}>
                {t("directory.radiusOption", { km })}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <div className="checkbox-field">
        <input
          id={`${id}-available`}
          type="checkbox"
          name="available_only"
          checked={draft.availableOnly}
          onChange={(event) => set({ availableOnly: event.target.checked })}
        />
        <label htmlFor={`${id}-available`}>{t("booking.availableOnly")}</label>
      </div>
      <button type="submit" className="button">
        {t("booking.searchSubmit")}
      </button>
    </form>
  );
}
