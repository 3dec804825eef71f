import { useId } from "react";
import { useCalendarsT } from "../i18n";
import type { IssuedFeed } from "../api/types";
import { CopyField } from "./copy-field";

/** A feed's secret address, shown once: subscribe link, both forms to copy, how-tos. */
export function FeedLinks({ feed }: { feed: IssuedFeed }) {
  const { t } = useCalendarsT();
  const id = useId();
  return (
    <section className="feed-links" aria-labelledby={id}>
      <h3 id={id}>{t("links.title")}</h3>
      <p className="alert alert-info">{t("links.secret")}</p>
      <p>
        <a className="button" href={feed.webcal_url}>
          {t("links.subscribe")}
        </a>
      </p>
      <CopyField label={t("links.webcal")} value={feed.webcal_url} />
      <CopyField label={t("links.https")} value={feed.url} />
      <details className="feed-howto">
        <summary>{t("links.howTo")}</summary>
        <ul>
          <li>{t("links.google")}</li>
          <li>{t("links.outlook")}</li>
          <li>{t("links.apple")}</li>
          <li>{t("links.thunderbird")}</li>
        </ul>
      </details>
    </section>
  );
}
