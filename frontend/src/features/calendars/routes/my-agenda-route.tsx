import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { formatInstant } from "@/lib/format";
import { NETWORK_TIME_ZONE } from "@/lib/dates";
import { useCreateFeed, useMyFeeds } from "../api/calendars";
import type { IssuedFeed } from "../api/types";
import { FeedActions } from "../components/feed-actions";
import { FeedLinks } from "../components/feed-links";
import { useCalendarsT } from "../i18n";
import { calendarsPaths } from "../paths";

/** "Mon agenda": the member's private feed of all their bookings across the network. */
export function MyAgendaRoute() {
  const { t, language } = useCalendarsT();
  const { t: tApp } = useTranslation();
  const me = useMe();
  const feeds = useMyFeeds({ enabled: Boolean(me.data) });
  const create = useCreateFeed();
  const [issued, setIssued] = useState<IssuedFeed | null>(null);
  const [revoked, setRevoked] = useState(false);
  const feed = feeds.data?.find((item) => item.kind === "member");
  const when = (instant: string) => formatInstant(instant, NETWORK_TIME_ZONE, language);

  const onIssued = (next: IssuedFeed) => {
    setIssued(next);
    setRevoked(false);
  };

  return (
    <div className="agenda-page">
      <PageTitle title={t("agenda.title")} />
      <h1>{t("agenda.title")}</h1>
      <p>{t("agenda.intro")}</p>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("agenda.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(calendarsPaths.myAgenda)}`}>
            {tApp("auth.login")}
          </Link>
        </p>
      ) : null}
      {feeds.isPending && me.data ? <Loading label={t("agenda.loading")} /> : null}
      {feeds.error ? <ErrorAlert error={feeds.error} onRetry={() => void feeds.refetch()} /> : null}
      {revoked ? <SuccessAlert>{t("agenda.revoked")}</SuccessAlert> : null}
      {feeds.data && !feed ? (
        <>
          <p>{t("agenda.none")}</p>
          <button
            type="button"
            className="button"
            disabled={create.isPending}
            onClick={() => create.mutate({ kind: "member" }, { onSuccess: onIssued })}
          >
            {create.isPending ? t("agenda.creating") : t("agenda.create")}
          </button>
          {create.error ? <ErrorAlert error={create.error} /> : null}
        </>
      ) : null}
      {feed ? (
        <>
          <p>
            {t("agenda.active", { date: when(feed.created_at) })}{" "}
            {feed.last_used_at
              ? t("agenda.lastUsed", { date: when(feed.last_used_at) })
              : t("agenda.neverUsed")}
          </p>
          {issued?.id === feed.id ? (
            <FeedLinks feed={issued} />
          ) : (
            <p className="section-hint">{t("agenda.hiddenAddress")}</p>
          )}
          <FeedActions
            feed={feed}
            onIssued={onIssued}
            onRevoked={() => {
              setIssued(null);
              setRevoked(true);
            }}
          />
        </>
      ) : null}
      <p className="section-hint">
        {t("agenda.downloadHint")} <Link to="/mes-reservations">{t("agenda.myBookingsLink")}</Link>
      </p>
    </div>
  );
}
