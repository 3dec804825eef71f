import { useId, type ReactNode } from "react";

/** Errors of one field, referenced by its control's aria-describedby. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul className="field-errors" id={id}>
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** A labelled select with its errors. */
export function SelectField({
  label,
  value,
  onChange,
  options,
  errors,
  required,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  errors?: string[];
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">—</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** A fieldset of radio buttons or checkboxes with a legend and its errors. */
export function ChoiceGroup({
  legend,
  type,
  name,
  options,
  selected,
  onChange,
  errors,
  children,
}: {
  legend: string;
  type: "radio" | "checkbox";
  name: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange: (selected: string[]) => void;
  errors?: string[];
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset
      className="fieldset choice-group"
      aria-describedby={errors?.length ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {options.map((option) => (
        <div className="checkbox-field" key={option.value}>
          <input
            type={type}
            id={`${id}-${option.value}`}
            name={`${id}-${name}`}
            value={option.value}
            checked={selected.includes(option.value)}
            onChange={(event) => {
              if (type === "radio") onChange([option.value]);
              else if (event.target.checked) onChange([...selected, option.value]);
              else onChange(selected.filter((value) => value !== option.value));
            }}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
      {children}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

/** A labelled textarea with its errors. */
export function TextAreaField({
  label,
  value,
  onChange,
  errors,
  rows = 4,
  required,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  rows?: number;
  required?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
