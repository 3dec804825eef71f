import { useTranslation } from "react-i18next";
import { NavLink, useNavigate } from "react-router";
import { useMe } from "@/features/account/api/get-me";
import { useAuthSession, useLogout } from "@/features/auth/api/hooks";
import { MyAgendaNavLink } from "@/features/calendars/components/nav-link";
import { EInvoicingNavLink } from "@/features/einvoicing/components/nav-link";
import { EmployerAreaNavLink } from "@/features/employers/components/nav-link";
import { CoverageNavLink } from "@/features/territory/nav-link";
import { ApplicationsNavLink } from "@/features/joining/components/nav-link";
import {
  NetworkHomeNavLink,
  NetworkOperatorsNavLink,
  NetworkReviewNavLink,
} from "@/features/network-admin/components/nav-link";
import { FrontDeskNavLink, TeamNavLink } from "@/features/team/components/nav-link";
import { isFrontDesk, isManager } from "@/lib/current-user";

/** Log in / sign up links, or the user's email and a logout button. */
export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useAuthSession();
  // Ask /api/v1/me/ only once allauth says someone is logged in (no 403 noise for visitors).
  const me = useMe({ enabled: session.data?.isAuthenticated === true });
  const logout = useLogout();

  // /api/v1/me/ is the reference; the allauth session covers the moment before it answers.
  const email = session.data?.isAuthenticated
    ? (me.data?.email ?? session.data.user?.email ?? null)
    : null;

  if (!email) {
    return (
      <ul className="nav-list">
        <li>
          <NavLink to="/connexion">{t("auth.login")}</NavLink>
        </li>
        <li>
          <NavLink to="/inscription">{t("auth.signup")}</NavLink>
        </li>
      </ul>
    );
  }
  return (
    <ul className="nav-list">
      <MyAgendaNavLink />
      <EmployerAreaNavLink />
      {me.data?.is_network_admin ? <NetworkHomeNavLink /> : null}
      {me.data?.is_network_admin ? <NetworkReviewNavLink /> : null}
      {me.data?.is_network_admin ? <NetworkOperatorsNavLink /> : null}
      {isManager(me.data) ? <TeamNavLink /> : null}
      {isManager(me.data) ? <EInvoicingNavLink /> : null}
      {me.data?.is_network_admin ? <ApplicationsNavLink /> : null}
      {isManager(me.data) || isFrontDesk(me.data) ? <FrontDeskNavLink /> : null}
      {me.data?.is_network_admin ? <CoverageNavLink /> : null}
      <li>
        {/* The name contains the visible address as words (WCAG 2.5.3, label in name). */}
        <NavLink to="/compte" aria-label={t("auth.accountOf", { email })}>
          <span className="user-email">{email}</span>
        </NavLink>
      </li>
      <li>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={logout.isPending}
          onClick={() => logout.mutate(undefined, { onSuccess: () => void navigate("/") })}
        >
          {t("auth.logout")}
        </button>
      </li>
    </ul>
  );
}
