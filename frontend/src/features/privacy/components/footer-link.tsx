import { Link } from "react-router";
import { usePrivacyT } from "../i18n";

/** The footer's link to the privacy page (every page). */
export function PrivacyLink() {
  const { t } = usePrivacyT();
  return <Link to="/confidentialite">{t("link")}</Link>;
}
