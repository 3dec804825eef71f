import { useCalendarsT } from "../i18n";
import { useRegenerateFeed, useRevokeFeed } from "../api/calendars";
import type { CalendarFeed, IssuedFeed } from "../api/types";
import { ErrorAlert } from "@/components/ui/status";
import { ConfirmButton } from "./confirm-button";

type FeedActionsProps = {
  feed: CalendarFeed;
  onIssued: (feed: IssuedFeed) => void;
  onRevoked: () => void;
};

/** Regenerate and revoke one feed, each after a confirmation. */
export function FeedActions({ feed, onIssued, onRevoked }: FeedActionsProps) {
  const { t } = useCalendarsT();
  const regenerate = useRegenerateFeed();
  const revoke = useRevokeFeed();
  const busy = regenerate.isPending || revoke.isPending;
  return (
    <>
      <div className="action-row">
        <ConfirmButton
          label={t("agenda.regenerate")}
          question={t("agenda.regenerateConfirm")}
          disabled={busy}
          onConfirm={() => regenerate.mutate(feed.id, { onSuccess: onIssued })}
        />
        <ConfirmButton
          label={t("agenda.revoke")}
          question={t("agenda.revokeConfirm")}
          disabled={busy}
          danger
          onConfirm={() => revoke.mutate(feed.id, { onSuccess: onRevoked })}
        />
      </div>
      {regenerate.error ? <ErrorAlert error={regenerate.error} /> : null}
      {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
    </>
  );
}
