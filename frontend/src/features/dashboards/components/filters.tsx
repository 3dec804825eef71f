import type { ReactNode } from "react";

/** The row of period and place pickers above a dashboard (applied as they change). */
export function DashboardFilters({ children }: { children: ReactNode }) {
  return (
    <form className="dashboard-filters" onSubmit={(event) => event.preventDefault()}>
      {children}
    </form>
  );
}

type FieldProps = {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
};

/** A month (YYYY-MM) picker. */
export function MonthField({ id, label, value, onChange, max }: FieldProps & { max?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="month"
        value={value}
        max={max}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** A labelled select over `options` ({value, label}). */
export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
}: FieldProps & { options: { value: string; label: ReactNode }[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
