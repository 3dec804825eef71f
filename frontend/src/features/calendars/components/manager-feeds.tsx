import { useId, useState } from "react";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { useCreateFeed, useMyFeeds } from "../api/calendars";
import type { IssuedFeed, ManagedResource } from "../api/types";
import { useCalendarsT } from "../i18n";
import { FeedActions } from "./feed-actions";
import { FeedLinks } from "./feed-links";
import { ResourceSelect } from "./resource-select";

type ManagerFeedsProps = { spaceId: number; resources: ManagedResource[] };

/** The manager's occupancy feeds of one place: create one (whole place or a resource), then
 * regenerate or revoke each. */
export function ManagerFeeds({ spaceId, resources }: ManagerFeedsProps) {
  const { t } = useCalendarsT();
  const id = useId();
  const feeds = useMyFeeds();
  const create = useCreateFeed();
  const [target, setTarget] = useState("");
  const [issued, setIssued] = useState<IssuedFeed | null>(null);
  const [revoked, setRevoked] = useState(false);
  const mine = (feeds.data ?? []).filter((feed) => feed.space?.id === spaceId);

  const onIssued = (feed: IssuedFeed) => {
    setIssued(feed);
    setRevoked(false);
  };
  const submit = () =>
    create.mutate(
      target
        ? { kind: "resource", space: spaceId, resource: Number(target) }
        : { kind: "space", space: spaceId },
      { onSuccess: onIssued },
    );

  return (
    <>
      <p>{t("manage.feedsIntro")}</p>
      <form
        className="manage-controls"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <ResourceSelect
          label={t("manage.target")}
          value={target}
          resources={resources}
          onChange={setTarget}
        />
        <div className="action-row">
          <button type="submit" className="button button-small" disabled={create.isPending}>
            {t("manage.createFeed")}
          </button>
        </div>
      </form>
      {create.error ? <ErrorAlert error={create.error} /> : null}
      {issued && issued.space?.id === spaceId ? (
        <>
          <p>
            <strong>{issued.name}</strong>
          </p>
          <FeedLinks feed={issued} />
        </>
      ) : null}
      {revoked ? <SuccessAlert>{t("agenda.revoked")}</SuccessAlert> : null}
      <h3 id={`${id}-list`}>{t("manage.feedList")}</h3>
      {feeds.error ? <ErrorAlert error={feeds.error} /> : null}
      {feeds.data && mine.length === 0 ? <p>{t("manage.noFeeds")}</p> : null}
      {mine.length > 0 ? (
        <ul className="feed-list" aria-labelledby={`${id}-list`}>
          {mine.map((feed) => (
            <li key={feed.id}>
              <p>{feed.name}</p>
              <FeedActions
                feed={feed}
                onIssued={onIssued}
                onRevoked={() => {
                  if (issued?.id === feed.id) setIssued(null);
                  setRevoked(true);
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
