import { useTranslation } from "react-i18next";
import type { OpeningHours } from "@/lib/api/types";
import { capitalize, formatTime, weekdayName } from "@/lib/format";

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** Weekly hours, Monday first; times are the place's local time, shown as given. */
export function OpeningHoursTable({ hours, caption }: { hours: OpeningHours[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const byDay = new Map<number, OpeningHours[]>();
  for (const slot of hours) {
    const slots = byDay.get(slot.weekday) ?? [];
    slots.push(slot);
    byDay.set(slot.weekday, slots);
  }
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("space.day")}</th>
          <th scope="col">{t("space.openingHours")}</th>
        </tr>
      </thead>
      <tbody>
        {WEEKDAYS.map((weekday) => {
          const slots = [...(byDay.get(weekday) ?? [])].sort((a, b) =>
            a.opens.localeCompare(b.opens),
          );
          return (
            <tr key={weekday}>
              <th scope="row">{capitalize(weekdayName(weekday, i18n.language))}</th>
              <td>
                {slots.length
                  ? slots
                      .map((slot) =>
                        t("space.timeRange", {
                          opens: formatTime(slot.opens),
                          closes: formatTime(slot.closes),
                        }),
                      )
                      .join(", ")
                  : t("space.closed")}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
