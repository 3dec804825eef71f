import { useTranslation } from "react-i18next";
import { ManagedPlacePage, Section } from "../components/manage-page";
import { PricesPanel } from "../components/prices-panel";
import { RulesPanel } from "../components/rules-panel";
import { usePlaceSetupT } from "../i18n";
import { managePaths } from "../paths";

/** A manager sets how each kind of resource is booked at their place, and its prices. */
export function BookingRulesRoute() {
  const { t } = usePlaceSetupT();
  const { t: tApp } = useTranslation();
  return (
    <ManagedPlacePage title={t("rules.title")} path={managePaths.rules}>
      {(space) => (
        <>
          <Section title={t("rules.sectionTitle")}>
            <RulesPanel key={space.id} spaceId={space.id} />
          </Section>
          <Section title={tApp("manage.prices.title")}>
            <PricesPanel key={space.id} spaceId={space.id} />
          </Section>
        </>
      )}
    </ManagedPlacePage>
  );
}
