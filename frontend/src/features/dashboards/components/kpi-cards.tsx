import type { ReactNode } from "react";

export type Kpi = { key: string; label: ReactNode; value: ReactNode; detail?: ReactNode };

/** Key figures as a description list of cards. */
export function KpiCards({ items }: { items: Kpi[] }) {
  return (
    <dl className="kpi-cards">
      {items.map((item) => (
        <div key={item.key} className="kpi-card">
          <dt>{item.label}</dt>
          <dd className="kpi-value">{item.value}</dd>
          {item.detail ? <dd className="kpi-detail">{item.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
