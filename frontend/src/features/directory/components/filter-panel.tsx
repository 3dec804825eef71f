import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CommuneAutocomplete } from "@/components/commune-autocomplete/commune-autocomplete";
import { Loading } from "@/components/ui/status";
import { useDepartments } from "../api/get-departments";
import { useServices } from "../api/get-services";
import { RADII_KM, SPACE_KINDS, SPACE_SETTINGS } from "../constants";
import { hasProximity, type DirectoryFilters } from "../filters";
import { useDirectoryFilters } from "../hooks";
import { serviceName } from "../labels";
import { NearMeButton } from "./near-me-button";

function countActive(filters: DirectoryFilters): number {
  return (
    [
      filters.q,
      filters.department,
      filters.kind,
      filters.setting,
      filters.openOn,
      filters.acceptsPass,
      filters.baseSet,
      filters.near || filters.nearCommune,
    ].filter(Boolean).length + filters.services.length
  );
}

/**
 * The directory filters. Selects and checkboxes apply at once (results update in place, the
 * count is announced); the free-text search applies on submit. Everything lives in the URL.
 */
export function FilterPanel() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [filters, update, reset] = useDirectoryFilters();
  const departments = useDepartments();
  const services = useServices();

  // The search box is edited locally and follows the URL when it changes (back button).
  const [q, setQ] = useState(filters.q);
  const [syncedQ, setSyncedQ] = useState(filters.q);
  if (filters.q !== syncedQ) {
    setSyncedQ(filters.q);
    setQ(filters.q);
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update({ q });
  };

  const toggleService = (code: string, checked: boolean) => {
    const next = checked
      ? [...filters.services, code]
      : filters.services.filter((existing) => existing !== code);
    update({ services: next });
  };

  const sortedServices = [...(services.data ?? [])].sort(
    (a, b) =>
      Number(b.is_base) - Number(a.is_base) ||
      serviceName(a, i18n.language).localeCompare(serviceName(b, i18n.language), i18n.language),
  );
  const proximity = hasProximity(filters);
  const activeCount = countActive(filters);
  // On a phone the panel folds away (it is long); on wider screens CSS keeps it open.
  const [open, setOpen] = useState(false);

  return (
    <form
      className="filters"
      role="search"
      aria-labelledby={`${id}-heading`}
      onSubmit={onSubmit}
      noValidate
    >
      <div className="filters-header">
        <h2 id={`${id}-heading`}>{t("directory.filters")}</h2>
        <button
          type="button"
          className="button button-secondary button-small filters-toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((shown) => !shown)}
        >
          {open ? t("directory.hideFilters") : t("directory.showFilters")}
          {activeCount ? ` (${activeCount})` : ""}
        </button>
      </div>
      <div id={`${id}-body`} className={open ? "filters-body is-open" : "filters-body"}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("directory.search")}</label>
          <p className="field-hint" id={`${id}-q-hint`}>
            {t("directory.searchHint")}
          </p>
          <div className="input-with-button">
            <input
              id={`${id}-q`}
              type="search"
              name="q"
              value={q}
              aria-describedby={`${id}-q-hint`}
              onChange={(event) => setQ(event.target.value)}
            />
            <button type="submit" className="button">
              {t("directory.searchSubmit")}
            </button>
          </div>
        </div>

        <div className="field">
          <label htmlFor={`${id}-department`}>{t("directory.department")}</label>
          <select
            id={`${id}-department`}
            name="department"
            value={filters.department}
            onChange={(event) => update({ department: event.target.value })}
          >
            <option value="">{t("directory.allDepartments")}</option>
            {departments.data?.map((department) => (
              <option key={department.code} value={department.code}>
                {department.name}
              </option>
            ))}
            {filters.department &&
            !departments.data?.some((department) => department.code === filters.department) ? (
              <option value={filters.department}>{filters.department}</option>
            ) : null}
          </select>
        </div>

        <div className="field">
          <label htmlFor={`${id}-kind`}>{t("directory.kind")}</label>
          <select
            id={`${id}-kind`}
            name="kind"
            value={filters.kind}
            onChange={(event) =>
              update({ kind: event.target.value as (typeof SPACE_KINDS)[number] | "" })
            }
          >
            <option value="">{t("directory.allKinds")}</option>
            {SPACE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>

        <div className="field">
          <label htmlFor={`${id}-setting`}>{t("directory.setting")}</label>
          <select
            id={`${id}-setting`}
            name="setting"
            value={filters.setting}
            onChange={(event) =>
              update({ setting: event.target.value as (typeof SPACE_SETTINGS)[number] | "" })
            }
          >
            <option value="">{t("directory.allSettings")}</option>
            {SPACE_SETTINGS.map((setting) => (
              <option key={setting} value={setting}>
                {t(`setting.${setting}`)}
              </option>
            ))}
          </select>
        </div>

        <div className="field">
          <label htmlFor={`${id}-open-on`}>{t("directory.openOn")}</label>
          <input
            id={`${id}-open-on`}
            type="date"
            name="open_on"
            value={filters.openOn}
            onChange={(event) => update({ openOn: event.target.value })}
          />
        </div>

        <div className="checkbox-field">
          <input
            id={`${id}-pass`}
            type="checkbox"
            name="accepts_pass"
            checked={filters.acceptsPass}
            onChange={(event) => update({ acceptsPass: event.target.checked })}
          />
          <label htmlFor={`${id}-pass`}>{t("directory.acceptsPass")}</label>
        </div>

        <div className="checkbox-field">
          <input
            id={`${id}-base-set`}
            type="checkbox"
            name="base_set"
            checked={filters.baseSet}
            aria-describedby={`${id}-base-set-hint`}
            onChange={(event) => update({ baseSet: event.target.checked })}
          />
          <label htmlFor={`${id}-base-set`}>{t("directory.baseSet")}</label>
          <p className="field-hint" id={`${id}-base-set-hint`}>
            {t("directory.baseSetHint")}
          </p>
        </div>

        <fieldset className="fieldset">
          <legend>{t("directory.services")}</legend>
          {services.isPending ? <Loading /> : null}
          <ul className="checkbox-list">
            {sortedServices.map((service) => {
              const inputId = `${id}-service-${service.code}`;
              return (
                <li key={service.code} className="checkbox-field">
                  <input
                    id={inputId}
                    type="checkbox"
                    name="services"
                    value={service.code}
                    checked={filters.services.includes(service.code)}
                    onChange={(event) => toggleService(service.code, event.target.checked)}
                  />
                  <label htmlFor={inputId}>{serviceName(service, i18n.language)}</label>
                </li>
              );
            })}
          </ul>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t("directory.near")}</legend>
          <CommuneAutocomplete
            fieldLabel={t("directory.nearCommune")}
            code={filters.nearCommune}
            label={filters.nearLabel}
            onSelect={(commune) =>
              update({
                near: "",
                nearCommune: commune?.insee_code ?? "",
                nearLabel: commune?.name ?? "",
              })
            }
          />
          <NearMeButton
            active={Boolean(filters.near)}
            onLocate={(near) => update({ near, nearCommune: "", nearLabel: "" })}
          />
          <div className="field">
            <label htmlFor={`${id}-radius`}>{t("directory.radius")}</label>
            <select
              id={`${id}-radius`}
              name="radius_km"
              value={filters.radiusKm}
              disabled={!proximity}
              onChange={(event) => update({ radiusKm: event.target.value })}
            >
              {RADII_KM.map((km) => (
                <option key={km} value={km}>
                  {t("directory.radiusOption", { km })}
                </option>
              ))}
            </select>
          </div>
          {proximity ? (
            <button
              type="button"
              className="button button-link"
              onClick={() => update({ near: "", nearCommune: "", nearLabel: "" })}
            >
              {t("directory.clearNear")}
            </button>
          ) : null}
        </fieldset>

        <button type="button" className="button button-secondary" onClick={reset}>
          {t("directory.reset")}
        </button>
      </div>
    </form>
  );
}
