import { useTranslation } from "react-i18next";
import type { AvailabilityCalendar, AvailabilityDay, DayPart } from "@/lib/api/types";
import { capitalize, formatDate, formatShortDate } from "@/lib/format";
import { isDaySold } from "../constants";
import { isSlotOver, partColumns, slotsAhead, type Selection } from "../selection";
import { ClosedText, DayHours } from "./availability-text";

type AvailabilityCalendarProps = {
  calendar: AvailabilityCalendar;
  caption: string;
  selection: Selection | null;
  /** The place's today: earlier days cannot be booked. */
  today: string;
  /** Now (ms): today's slots already over look past. */
  now: number;
  onSelect: (selection: Selection) => void;
};

function DayHeader({ day, timeZone }: { day: AvailabilityDay; timeZone: string }) {
  const { i18n } = useTranslation();
  return (
    <th scope="row" className="calendar-day">
      <time dateTime={day.date}>{capitalize(formatShortDate(day.date, i18n.language))}</time>
      {day.is_open ? (
        <span className="calendar-day-detail">
          <DayHours day={day} timeZone={timeZone} />
        </span>
      ) : null}
      {day.stop ? <span className="calendar-day-detail">{day.stop.commune.name}</span> : null}
    </th>
  );
}

/**
 * Free resources per day (rows) and part of the day (columns) for desks and offices; for rooms
 * and booths, the number of free slots per day and a button to pick times that day. Every
 * choice is a toggle button named with its day, part and free count.
 */
export function AvailabilityCalendarTable({
  calendar,
  caption,
  selection,
  today,
  now,
  onSelect,
}: AvailabilityCalendarProps) {
  const { t, i18n } = useTranslation();
  const kind = calendar.resource_kind;
  const timeZone = calendar.space.timezone;
  const daySold = isDaySold(kind);
  const parts = partColumns(calendar);
  const longDate = (date: string) => capitalize(formatDate(date, i18n.language));

  return (
    <div className="table-scroll">
      <table className="data-table availability-calendar">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("booking.day")}</th>
            {daySold ? (
              parts.map((part) => (
                <th scope="col" key={part}>
                  {t(`booking.parts.${part}`)}
                </th>
              ))
            ) : (
              <>
                <th scope="col">{t("booking.freeSlotsHeader")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("booking.choose")}</span>
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {calendar.days.map((day) => {
            // A day is past before the place's today, or today once every slot is over
            // (a place closed since 17:00, seen at 20:30).
            const past =
              day.date < today ||
              (day.date === today && day.slots.length > 0 && !slotsAhead(day, now).length);
            const columns = daySold ? parts.length : 2;
            if (!day.is_open || past) {
              return (
                <tr key={day.date} className="is-closed">
                  <DayHeader day={day} timeZone={timeZone} />
                  <td colSpan={columns}>
                    {past ? t("booking.pastDay") : <ClosedText day={day} />}
                  </td>
                </tr>
              );
            }
            if (daySold) {
              return (
                <tr key={day.date}>
                  <DayHeader day={day} timeZone={timeZone} />
                  {parts.map((part: DayPart) => {
                    const slot = day.slots.find((candidate) => candidate.key === part);
                    if (!slot) return <td key={part}>—</td>;
                    if (isSlotOver(slot, now)) {
                      return (
                        <td key={part} className="slot-past">
                          {t("booking.pastSlot")}
                        </td>
                      );
                    }
                    const selected = selection?.date === day.date && selection.part === part;
                    return (
                      <td key={part}>
                        <button
                          type="button"
                          className={`slot-button${slot.free === 0 ? " is-full" : ""}`}
                          aria-pressed={selected}
                          aria-label={t("booking.slotLabel", {
                            date: longDate(day.date),
                            part: t(`booking.parts.${part}`),
                            free: t(`booking.freeCount.${kind}`, { count: slot.free }),
                          })}
                          onClick={() => onSelect({ date: day.date, part })}
                        >
                          <span
                            className={slot.free > 0 ? "availability-free" : "availability-full"}
                          >
                            {t("booking.freeShort", { count: slot.free })}
                          </span>
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            }
            const freeSlots = slotsAhead(day, now).filter((slot) => slot.free > 0).length;
            const selected = selection?.date === day.date;
            return (
              <tr key={day.date}>
                <DayHeader day={day} timeZone={timeZone} />
                <td>{t("booking.freeSlots", { count: freeSlots })}</td>
                <td>
                  <button
                    type="button"
                    className="slot-button"
                    aria-pressed={selected}
                    disabled={freeSlots === 0}
                    aria-label={t("booking.chooseTimesOn", { date: longDate(day.date) })}
                    onClick={() => onSelect({ date: day.date })}
                  >
                    {t("booking.chooseTimes")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
