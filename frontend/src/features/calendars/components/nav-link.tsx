import { NavLink } from "react-router";
import { useCalendarsT } from "../i18n";
import { calendarsPaths } from "../paths";

/** "Mon agenda", for the user menu (a list item). */
export function MyAgendaNavLink() {
  const { t } = useCalendarsT();
  return (
    <li>
      <NavLink to={calendarsPaths.myAgenda}>{t("nav.myAgenda")}</NavLink>
    </li>
  );
}
