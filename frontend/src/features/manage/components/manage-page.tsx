import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { isManager, useMe } from "@/lib/current-user";
import type { ManagedSpace } from "@/lib/api/types";
import { useManagedSpaces } from "../api/manage";
import { usePlaceSetupT } from "../i18n";
import { managePaths } from "../paths";

/** A titled section of a manager's page (the title names the section for screen readers). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="space-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

type ManagedPlacePageProps = {
  /** The page's name; " — <place>" is added once a place is chosen. */
  title: string;
  /** Where the login link brings the manager back. */
  path: string;
  intro?: (space: ManagedSpace) => ReactNode;
  children: (space: ManagedSpace) => ReactNode;
};

/**
 * The frame of a manager's page about one of their places: who may see it (log in, managers
 * only), the place picker (`?space=`), the way back to the day; `children` renders the page
 * for the chosen place.
 */
export function ManagedPlacePage({ title, path, intro, children }: ManagedPlacePageProps) {
  const { t } = usePlaceSetupT();
  const { t: tApp } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const allowed = isManager(me.data);
  const spaces = useManagedSpaces({ enabled: allowed });
  const list = spaces.data?.results ?? [];
  const spaceParam = Number.parseInt(params.get("space") ?? "", 10);
  const space = list.find((item) => item.id === spaceParam) ?? list[0];
  const heading = space ? `${title} — ${space.name}` : title;

  return (
    <div className="manage-page">
      <PageTitle title={heading} />
      <h1>{heading}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {tApp("manage.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent(path)}`}>{tApp("auth.login")}</Link>
        </p>
      ) : null}
      {me.data && !allowed ? <p>{tApp("manage.notManager")}</p> : null}
      {spaces.error ? <ErrorAlert error={spaces.error} /> : null}
      {spaces.data && list.length === 0 ? <p>{tApp("manage.noSpaces")}</p> : null}
      {space ? (
        <>
          {intro?.(space)}
          <form className="manage-controls" onSubmit={(event) => event.preventDefault()}>
            <div className="field">
              <label htmlFor={`${id}-space`}>{tApp("manage.place")}</label>
              <select
                id={`${id}-space`}
                value={space.id}
                onChange={(event) => setParams({ space: event.target.value })}
              >
                {list.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                  </option>
                ))}
              </select>
            </div>
          </form>
          <p>
            <Link to={`${managePaths.day}?space=${space.id}`}>{t("backToDay")}</Link>
          </p>
          {children(space)}
        </>
      ) : null}
    </div>
  );
}
