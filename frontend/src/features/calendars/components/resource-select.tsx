import { useId } from "react";
import type { ManagedResource } from "../api/types";
import { useCalendarsT } from "../i18n";

type ResourceSelectProps = {
  label: string;
  value: string;
  resources: ManagedResource[];
  onChange: (value: string) => void;
};

/** One resource of the place, or "" for the whole place. */
export function ResourceSelect({ label, value, resources, onChange }: ResourceSelectProps) {
  const { t } = useCalendarsT();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t("manage.wholePlace")}</option>
        {resources.map((resource) => (
          <option key={resource.id} value={resource.id}>
            {resource.name}
          </option>
        ))}
      </select>
    </div>
  );
}
