import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, ScrollRestoration, useLocation } from "react-router";
import { JournalNavLink } from "@/features/audit/components/nav-link";
import { useAuthSession } from "@/features/auth/api/hooks";
import { DashboardsNavLinks } from "@/features/dashboards/components/nav-links";
import { ApplyLink } from "@/features/joining/components/nav-link";
import { PrivacyLink } from "@/features/privacy/components/footer-link";
import { isManager, useMe } from "@/lib/current-user";
import { LanguageSwitch } from "./language-switch";
import { UserMenu } from "./user-menu";

/** Moves focus to the new page's heading after a navigation (not on the first load). */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById("main");
    const heading = main?.querySelector<HTMLElement>("h1");
    const target = heading ?? main;
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  }, [pathname]);
}

/** The member's pages once logged in; "Gestion" only for managers and the network's staff. */
function MemberLinks() {
  const { t } = useTranslation();
  const session = useAuthSession();
  const me = useMe({ enabled: session.data?.isAuthenticated === true });
  if (!session.data?.isAuthenticated || !me.data) return null;
  return (
    <>
      <li>
        <NavLink to="/mes-reservations">{t("app.myBookings")}</NavLink>
      </li>
      <li>
        <NavLink to="/portefeuille">{t("app.wallet")}</NavLink>
      </li>
      {isManager(me.data) ? (
        <>
          <li>
            <NavLink to="/gestion">{t("app.manage")}</NavLink>
          </li>
          <JournalNavLink />
        </>
      ) : null}
    </>
  );
}

export function RootLayout() {
  const { t } = useTranslation();
  useFocusOnNavigate();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </Link>
          <nav aria-label={t("app.mainNav")} className="main-nav">
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  {t("app.directory")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/reserver">{t("app.book")}</NavLink>
              </li>
              <MemberLinks />
              <DashboardsNavLinks />
            </ul>
            <UserMenu />
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
        <p>
          <ApplyLink />
        </p>
        <p>
          <PrivacyLink />
        </p>
      </footer>
      <ScrollRestoration />
    </div>
  );
}
