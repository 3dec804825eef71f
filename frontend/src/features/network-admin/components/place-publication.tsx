import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { ApiError, localizedMessage } from "@/lib/api/errors";
import { useSetPublished, type NetworkPlace } from "../api/places";
import { useNetworkAdminT } from "../i18n";

/** "Published" or "Draft", as a badge. */
export function PublicationBadge({ published }: { published: boolean }) {
  const { t } = useNetworkAdminT();
  return published ? (
    <Badge tone="success">{t("places.published")}</Badge>
  ) : (
    <Badge tone="neutral">{t("places.draft")}</Badge>
  );
}

/** What a place still lacks before it can be published (nothing: "ready"). */
export function MissingList({ place }: { place: NetworkPlace }) {
  const { t, language } = useNetworkAdminT();
  if (place.missing.length === 0) {
    return <p className="section-hint">{t("places.complete")}</p>;
  }
  return (
    <>
      <p className="section-hint">{t("places.missingCount", { count: place.missing.length })}</p>
      <ul className="missing-list">
        {place.missing.map((item) => (
          <li key={item.field}>{localizedMessage(item.message, language)}</li>
        ))}
      </ul>
    </>
  );
}

export type PublicationNotice = { name: string; slug: string; published: boolean };

/**
 * The last publication done on the page, said above its list (the place may leave the list
 * once done, so the message cannot live in its row).
 */
export function PublicationDone({ notice }: { notice: PublicationNotice | null }) {
  const { t } = useNetworkAdminT();
  return (
    <div aria-live="polite">
      {notice ? (
        <SuccessAlert>
          {notice.published
            ? t("places.publishedDone", { name: notice.name })
            : t("places.unpublishedDone", { name: notice.name })}{" "}
          {notice.published ? <Link to={`/lieux/${notice.slug}`}>{t("places.see")}</Link> : null}
        </SuccessAlert>
      ) : null}
    </div>
  );
}

/**
 * Publish or unpublish one place; `onDone` tells the page (PublicationDone). A refusal is said
 * next to the button, with each missing item, or that someone changed the place meanwhile.
 */
export function PublicationAction({
  place,
  onDone,
}: {
  place: NetworkPlace;
  onDone: (notice: PublicationNotice) => void;
}) {
  const { t, language } = useNetworkAdminT();
  const mutation = useSetPublished();
  const publish = !place.is_published;
  const error = mutation.error;
  const refusedFields = error instanceof ApiError && error.status === 400 ? error.fieldErrors : {};
  return (
    <div className="publication-action">
      <button
        type="button"
        className={publish ? "button button-small" : "button button-secondary button-small"}
        disabled={mutation.isPending}
        aria-describedby={`place-${place.id}-name`}
        onClick={() =>
          mutation.mutate(
            { place, published: publish },
            {
              onSuccess: () => onDone({ name: place.name, slug: place.slug, published: publish }),
            },
          )
        }
      >
        {mutation.isPending
          ? t("places.working")
          : publish
            ? t("places.publish")
            : t("places.unpublish")}
      </button>
      {error ? (
        <ErrorAlert error={error}>
          {error instanceof ApiError && error.status === 409 ? (
            <p>{t("places.stale")}</p>
          ) : Object.keys(refusedFields).length > 0 ? (
            <>
              <p>
                {localizedMessage(
                  error instanceof ApiError ? (error.body.message ?? "") : "",
                  language,
                )}
              </p>
              <ul>
                {Object.entries(refusedFields).flatMap(([field, messages]) =>
                  messages.map((message) => (
                    <li key={`${field}-${message}`}>{localizedMessage(message, language)}</li>
                  )),
                )}
              </ul>
            </>
          ) : undefined}
        </ErrorAlert>
      ) : null}
    </div>
  );
}
