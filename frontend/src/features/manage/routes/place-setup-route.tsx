import { ErrorAlert, Loading } from "@/components/ui/status";
import { useManagedPlace } from "../api/place-setup";
import { ManagedPlacePage, Section } from "../components/manage-page";
import { PhotosPanel } from "../components/photos-panel";
import {
  AccessibilitySection,
  DetailsSection,
  ServicesSection,
} from "../components/place-sections";
import { usePlaceSetupT } from "../i18n";
import { managePaths } from "../paths";

function PlaceSetup({ spaceId }: { spaceId: number }) {
  const { t } = usePlaceSetupT();
  const place = useManagedPlace(spaceId);
  if (place.isPending) return <Loading />;
  if (place.error) return <ErrorAlert error={place.error} onRetry={() => void place.refetch()} />;
  const data = place.data;
  return (
    <>
      <p className={data.is_published ? "section-hint" : "alert alert-info"}>
        {data.is_published ? t("published") : t("draft")}
      </p>
      <Section title={t("details.title")}>
        <DetailsSection key={`details-${data.id}`} place={data} />
      </Section>
      <Section title={t("access.title")}>
        <AccessibilitySection key={`access-${data.id}`} place={data} />
      </Section>
      <Section title={t("services.title")}>
        <ServicesSection key={`services-${data.id}`} place={data} />
      </Section>
      <Section title={t("photos.title")}>
        <PhotosPanel spaceId={data.id} />
      </Section>
    </>
  );
}

/** A manager keeps their place's public page right: details, accessibility, services, photos. */
export function PlaceSetupRoute() {
  const { t } = usePlaceSetupT();
  return (
    <ManagedPlacePage title={t("title")} path={managePaths.place} intro={() => <p>{t("intro")}</p>}>
      {(space) => <PlaceSetup key={space.id} spaceId={space.id} />}
    </ManagedPlacePage>
  );
}
