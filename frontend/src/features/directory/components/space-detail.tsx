import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { LazyMapView } from "@/components/map/lazy-map-view";
import { Badge } from "@/components/ui/badge";
import type { Resource, Service, SpaceDetail } from "@/lib/api/types";
import { isIsoDate } from "@/lib/dates";
import { formatDate, formatMoney, formatTime } from "@/lib/format";
import { localized, serviceName } from "../labels";
import { NextStops } from "./next-stops";
import { OpeningHoursTable } from "./opening-hours-table";

const DEFAULT_TIME_ZONE = "Europe/Paris";
const DEFAULT_CURRENCY = "EUR";

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="space-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
    </>
  );
}

const RESOURCE_ORDER = ["desk", "meeting_room", "phone_booth", "private_office"];

/** By kind, then by name with numbers in numeric order ("Poste 2" before "Poste 10"). */
function sortResources(resources: Resource[], language: string): Resource[] {
  return [...resources].sort(
    (a, b) =>
      RESOURCE_ORDER.indexOf(a.kind) - RESOURCE_ORDER.indexOf(b.kind) ||
      a.name.localeCompare(b.name, language, { numeric: true }),
  );
}

type SpaceDetailViewProps = {
  space: SpaceDetail;
  /** The network's services, to name the place's service codes. */
  services: Service[] | undefined;
};

/** The day and kind a searcher came with (?date=, ?kind=), passed on to the booking page so
 * the search is not lost on the way. */
function useBookingQuery(): string {
  const [params] = useSearchParams();
  const kept = new URLSearchParams();
  const date = params.get("date");
  if (isIsoDate(date)) kept.set("date", date);
  const kind = params.get("kind");
  if (kind && /^[a-z_]{1,20}$/.test(kind)) kept.set("kind", kind);
  const query = kept.toString();
  return query ? `?${query}` : "";
}

export function SpaceDetailView({ space, services }: SpaceDetailViewProps) {
  const { t, i18n } = useTranslation();
  const bookingQuery = useBookingQuery();
  const language = i18n.language;
  const timeZone = space.timezone || DEFAULT_TIME_ZONE;
  const isItinerant = space.kind === "itinerant";
  const description = localized(space.description_fr, space.description_en, language);
  const accessibility = localized(space.accessibility_fr, space.accessibility_en, language);
  const serviceByCode = new Map((services ?? []).map((service) => [service.code, service]));
  const price = space.day_pass_price;

  return (
    <article className="space-detail">
      <header className="space-header">
        <h1>{space.name}</h1>
        <p className="space-kind">
          {t(`kind.${space.kind}`)} · {t(`setting.${space.setting}`)} · {space.commune.name} (
          {space.department_code || space.commune.department_code})
        </p>
        <p className="space-operator">
          {t("space.operatorLabel")} <strong>{space.operator.name}</strong> (
          {t(`carrier.${space.operator.carrier_kind}`)}
          {space.operator.legal_form ? `, ${t(`legalForm.${space.operator.legal_form}`)}` : ""})
          {space.operator.website ? (
            <>
              {" "}
              — <a href={space.operator.website}>{space.operator.website}</a>
            </>
          ) : null}
        </p>
        <p className="space-book">
          <Link
            className="button"
            to={`/lieux/${encodeURIComponent(space.slug)}/reserver${bookingQuery}`}
          >
            {t("space.book")}
          </Link>
        </p>
        <div className="space-card-tags">
          {price ? (
            <span className="space-card-price">
              {t("space.dayPass", {
                price: formatMoney(price.amount, price.currency, language),
              })}
            </span>
          ) : null}
          {space.accepts_network_pass ? (
            <Badge tone="accent">{t("directory.passAccepted")}</Badge>
          ) : null}
          {space.offers_base_set ? <Badge tone="info">{t("directory.baseSetBadge")}</Badge> : null}
        </div>
      </header>

      {isItinerant ? (
        <NextStops
          stops={space.upcoming_stops}
          timeZone={timeZone}
          feedUrl={space.stops_feed_url}
        />
      ) : null}

      <Section title={t("space.about")}>
        {description ? <Paragraphs text={description} /> : <p>{t("space.noDescription")}</p>}
      </Section>

      {space.photos.length ? (
        <Section title={t("space.photos")}>
          <ul className="photo-list">
            {space.photos.map((photo) => (
              <li key={photo.url}>
                <img
                  src={photo.url}
                  alt={localized(photo.alt_fr, photo.alt_en, language)}
                  loading="lazy"
                />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title={t("space.services")}>
        {space.services.length ? (
          <ul className="service-list">
            {space.services.map((code) => {
              const service = serviceByCode.get(code);
              return (
                <li key={code}>
                  {service ? serviceName(service, language) : code}
                  {service?.is_base ? (
                    <span className="service-base"> ({t("space.baseService")})</span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{t("space.noServices")}</p>
        )}
      </Section>

      {space.opening_hours.length ? (
        <Section title={t("space.hours")}>
          <p className="section-hint">{t("space.hoursTimezone", { timezone: timeZone })}</p>
          <OpeningHoursTable hours={space.opening_hours} caption={t("space.hours")} />
        </Section>
      ) : null}

      {space.closures.length ? (
        <Section title={t("space.closures")}>
          <ul className="plain-list">
            {space.closures.map((closure) => (
              <li key={`${closure.start_date}-${closure.end_date}`}>
                {closure.end_date === closure.start_date
                  ? formatDate(closure.start_date, language, timeZone)
                  : t("space.closureRange", {
                      start: formatDate(closure.start_date, language, timeZone),
                      end: formatDate(closure.end_date, language, timeZone),
                    })}
                {closure.reason ? ` — ${closure.reason}` : ""}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {space.special_openings.length ? (
        <Section title={t("space.specialOpenings")}>
          <ul className="plain-list">
            {space.special_openings.map((opening) => (
              <li key={`${opening.date}-${opening.opens}`}>
                {formatDate(opening.date, language, timeZone)},{" "}
                {t("space.timeRange", {
                  opens: formatTime(opening.opens),
                  closes: formatTime(opening.closes),
                })}
                {opening.reason ? ` — ${opening.reason}` : ""}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {space.resources.length ? (
        <Section title={t("space.resources")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("space.resources")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("space.resourceKind")}</th>
                <th scope="col">{t("space.resourceName")}</th>
                <th scope="col">{t("space.capacity")}</th>
              </tr>
            </thead>
            <tbody>
              {sortResources(space.resources, language).map((resource) => (
                <tr key={resource.id}>
                  <td>{t(`resourceKind.${resource.kind}`)}</td>
                  <th scope="row">{resource.name}</th>
                  <td>
                    {resource.capacity === undefined
                      ? "—"
                      : t("space.capacityPeople", { count: resource.capacity })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}

      {space.prices.length ? (
        <Section title={t("space.prices")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("space.prices")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("space.priceFor")}</th>
                <th scope="col">{t("space.priceUnit")}</th>
                <th scope="col">{t("space.price")}</th>
                {space.prices.some((row) => row.member_amount !== null) ? (
                  <th scope="col">{t("space.memberPrice")}</th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {space.prices.map((row) => (
                <tr key={`${row.resource_kind}-${row.unit}`}>
                  <th scope="row">{t(`resourceKind.${row.resource_kind}`)}</th>
                  <td>{t(`unit.${row.unit}`)}</td>
                  <td className="numeric">
                    {formatMoney(row.amount, row.currency || DEFAULT_CURRENCY, language)}
                  </td>
                  {space.prices.some((price) => price.member_amount !== null) ? (
                    <td className="numeric">
                      {row.member_amount !== null
                        ? formatMoney(row.member_amount, row.currency || DEFAULT_CURRENCY, language)
                        : "—"}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {space.prices.some((row) => row.member_amount !== null) ? (
            <p className="field-hint">{t("space.memberPriceHint")}</p>
          ) : null}
          {space.accepts_network_pass ? <p>{t("space.passAccepted")}</p> : null}
        </Section>
      ) : null}

      <Section title={t("space.contact")}>
        <dl className="contact-list">
          {space.address ? (
            <>
              <dt>{t("space.address")}</dt>
              <dd>
                <address>
                  {space.address}
                  <br />
                  {space.postal_code} {space.commune.name}
                </address>
              </dd>
            </>
          ) : null}
          {space.email ? (
            <>
              <dt>{t("space.emailLabel")}</dt>
              <dd>
                <a href={`mailto:${space.email}`}>{space.email}</a>
              </dd>
            </>
          ) : null}
          {space.phone ? (
            <>
              <dt>{t("space.phone")}</dt>
              <dd>
                <a href={`tel:${space.phone.replace(/\s+/g, "")}`}>{space.phone}</a>
              </dd>
            </>
          ) : null}
          {space.website ? (
            <>
              <dt>{t("space.website")}</dt>
              <dd>
                <a href={space.website}>{space.website}</a>
              </dd>
            </>
          ) : null}
        </dl>
      </Section>

      <Section title={t("space.accessibility")}>
        <p>{space.wheelchair_accessible ? t("space.wheelchairYes") : t("space.wheelchairNo")}</p>
        {accessibility ? <Paragraphs text={accessibility} /> : <p>{t("space.noAccessibility")}</p>}
      </Section>

      {!isItinerant ? (
        <Section title={t("space.location")}>
          <LazyMapView
            className="map-small"
            label={t("space.location")}
            markers={[
              {
                id: space.id,
                position: [Number(space.latitude), Number(space.longitude)],
                title: space.name,
              },
            ]}
          />
        </Section>
      ) : null}
    </article>
  );
}
