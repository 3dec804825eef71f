import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { localizedMessage } from "@/lib/api/errors";
import type { BookingSeries } from "@/lib/api/types";
import { capitalize, formatDate } from "@/lib/format";
import { MY_BOOKINGS_PATH } from "../paths";

/** The result of each date of a series: booked, or refused with the reason. */
export function SeriesResults({
  series,
  requiresPayment,
}: {
  series: BookingSeries;
  requiresPayment: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="series-results">
      <div className={series.booked ? "alert alert-success" : "alert alert-error"} role="status">
        <p className="alert-title">
          {t("booking.seriesDone", { booked: series.booked, refused: series.refused })}
        </p>
        {requiresPayment && series.booked ? <p>{t("booking.seriesPayLater")}</p> : null}
      </div>
      <table className="data-table">
        <caption>{t("booking.seriesTable")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("booking.date")}</th>
            <th scope="col">{t("booking.result")}</th>
          </tr>
        </thead>
        <tbody>
          {series.occurrences.map((occurrence) => (
            <tr key={occurrence.date}>
              <th scope="row">{capitalize(formatDate(occurrence.date, i18n.language))}</th>
              <td>
                {occurrence.status === "booked" ? (
                  <span className="availability-free">{t("booking.occurrenceBooked")}</span>
                ) : (
                  <span className="availability-full">
                    {t("booking.occurrenceRefused", {
                      reason: localizedMessage(occurrence.message, i18n.language),
                    })}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link to={MY_BOOKINGS_PATH}>{t("booking.seeMyBookings")}</Link>
      </p>
    </div>
  );
}
