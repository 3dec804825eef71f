import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import type { SpaceListItem } from "@/lib/api/types";
import { formatDistance, formatMoney } from "@/lib/format";
import { spacePath } from "../paths";

/** One result: its name is the link to the place (the list is the main way to reach a place). */
export function SpaceCard({ space }: { space: SpaceListItem }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const price = space.day_pass_price;
  return (
    <article className="space-card" aria-labelledby={headingId}>
      <div className="space-card-body">
        <h3 id={headingId} className="space-card-title">
          <Link to={spacePath(space.slug)}>{space.name}</Link>
        </h3>
        <p className="space-card-meta">
          <span>{t(`kind.${space.kind}`)}</span>
          <span aria-hidden="true"> · </span>
          <span>
            {space.commune.name} ({space.department_code || space.commune.department_code})
          </span>
        </p>
        {space.distance_km !== null && space.distance_km !== undefined ? (
          <p className="space-card-distance">
            {t("directory.distance", {
              distance: formatDistance(Number(space.distance_km), i18n.language),
            })}
          </p>
        ) : null}
        <div className="space-card-tags">
          {price ? (
            <span className="space-card-price">
              {t("directory.dayPass", {
                price: formatMoney(price.amount, price.currency, i18n.language),
              })}
            </span>
          ) : null}
          {space.accepts_network_pass ? (
            <Badge tone="accent">{t("directory.passAccepted")}</Badge>
          ) : null}
          {space.offers_base_set ? <Badge tone="info">{t("directory.baseSetBadge")}</Badge> : null}
        </div>
      </div>
      {space.thumbnail_url ? (
        <img
          className="space-card-thumb"
          src={space.thumbnail_url}
          alt=""
          loading="lazy"
          onError={(event) => {
            // Decorative: hide it rather than show a broken image.
            event.currentTarget.hidden = true;
          }}
        />
      ) : null}
    </article>
  );
}
