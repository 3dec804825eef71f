import { useId, useState, type FormEvent, type ReactNode } from "react";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { Badge } from "@/components/ui/badge";
import { isApiError } from "@/lib/api/errors";
import {
  isConflict,
  useSavePlace,
  useServiceCatalogue,
  type CatalogueService,
  type ManagedPlace,
  type PlaceChanges,
} from "../api/place-setup";
import { usePlaceSetupT } from "../i18n";

type Errors = Record<string, string[]>;

/** The conflict message: someone saved first; the form now shows their values. */
export function ConflictAlert() {
  const { t } = usePlaceSetupT();
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{t("conflict.title")}</p>
      <p>{t("conflict.body")}</p>
    </div>
  );
}

type SectionFormProps = {
  place: ManagedPlace;
  label: string;
  saveLabel: string;
  savedText: string;
  changes: () => PlaceChanges;
  children: (errors: Errors) => ReactNode;
  onReset: (place: ManagedPlace) => void;
};

/**
 * One section of the place's page, saved on its own from the version it was read at. On a
 * 409 the fields take the current values (`onReset`) and the manager is told.
 */
function SectionForm({
  place,
  label,
  saveLabel,
  savedText,
  changes,
  children,
  onReset,
}: SectionFormProps) {
  const save = useSavePlace(place.id);
  const errors = isApiError(save.error) && !isConflict(save.error) ? save.error.fieldErrors : {};
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(
      { ...changes(), version: place.version },
      {
        onError: (error) => {
          if (isConflict<ManagedPlace>(error)) onReset(error.current);
        },
      },
    );
  };
  return (
    <form className="stack-form place-form" onSubmit={onSubmit} noValidate aria-label={label}>
      {children(errors)}
      {isConflict(save.error) ? <ConflictAlert /> : null}
      {save.error && !isConflict(save.error) ? <ErrorAlert error={save.error} /> : null}
      {save.isSuccess ? <SuccessAlert>{savedText}</SuccessAlert> : null}
      <button type="submit" className="button" disabled={save.isPending}>
        {saveLabel}
      </button>
    </form>
  );
}

type TextFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: string;
  multiline?: boolean;
  type?: "text" | "email" | "tel" | "url";
  autoComplete?: string;
  lang?: string;
};

export function TextField({
  label,
  value,
  onChange,
  errors = [],
  hint,
  multiline,
  type = "text",
  autoComplete,
  lang,
}: TextFieldProps) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  const common = {
    id,
    value,
    lang,
    "aria-invalid": errors.length ? true : undefined,
    "aria-describedby": describedBy,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea {...common} rows={5} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          autoComplete={autoComplete}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {errors.length ? (
        <ul className="field-errors" id={`${id}-error`}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const DETAIL_FIELDS = [
  "name",
  "description_fr",
  "description_en",
  "address",
  "postal_code",
  "email",
  "phone",
  "website",
] as const;
type DetailField = (typeof DETAIL_FIELDS)[number];

function pickDetails(place: ManagedPlace): Record<DetailField, string> {
  return Object.fromEntries(DETAIL_FIELDS.map((name) => [name, place[name] ?? ""])) as Record<
    DetailField,
    string
  >;
}

export function DetailsSection({ place }: { place: ManagedPlace }) {
  const { t } = usePlaceSetupT();
  const [values, setValues] = useState(() => pickDetails(place));
  const set = (name: DetailField) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  return (
    <SectionForm
      place={place}
      label={t("details.title")}
      saveLabel={t("details.save")}
      savedText={t("details.saved")}
      changes={() => values}
      onReset={(current) => setValues(pickDetails(current))}
    >
      {(errors) => (
        <>
          <TextField
            label={t("details.name")}
            value={values.name}
            onChange={set("name")}
            errors={errors.name}
          />
          <TextField
            label={t("details.descriptionFr")}
            hint={t("details.descriptionHint")}
            value={values.description_fr}
            onChange={set("description_fr")}
            errors={errors.description_fr}
            multiline
            lang="fr"
          />
          <TextField
            label={t("details.descriptionEn")}
            value={values.description_en}
            onChange={set("description_en")}
            errors={errors.description_en}
            multiline
            lang="en"
          />
          <div className="field-row">
            <TextField
              label={t("details.address")}
              value={values.address}
              onChange={set("address")}
              errors={errors.address}
              autoComplete="street-address"
            />
            <TextField
              label={t("details.postalCode")}
              value={values.postal_code}
              onChange={set("postal_code")}
              errors={errors.postal_code}
              autoComplete="postal-code"
            />
          </div>
          <div className="field-row">
            <TextField
              label={t("details.email")}
              type="email"
              value={values.email}
              onChange={set("email")}
              errors={errors.email}
              autoComplete="email"
            />
            <TextField
              label={t("details.phone")}
              type="tel"
              value={values.phone}
              onChange={set("phone")}
              errors={errors.phone}
              autoComplete="tel"
            />
            <TextField
              label={t("details.website")}
              type="url"
              value={values.website}
              onChange={set("website")}
              errors={errors.website}
              autoComplete="url"
            />
          </div>
        </>
      )}
    </SectionForm>
  );
}

function pickAccess(place: ManagedPlace) {
  return {
    wheelchair_accessible: place.wheelchair_accessible ?? false,
    accessibility_fr: place.accessibility_fr ?? "",
    accessibility_en: place.accessibility_en ?? "",
  };
}

export function AccessibilitySection({ place }: { place: ManagedPlace }) {
  const { t } = usePlaceSetupT();
  const id = useId();
  const [values, setValues] = useState(() => pickAccess(place));
  return (
    <SectionForm
      place={place}
      label={t("access.title")}
      saveLabel={t("access.save")}
      savedText={t("access.saved")}
      changes={() => values}
      onReset={(current) => setValues(pickAccess(current))}
    >
      {(errors) => (
        <>
          <div className="checkbox-field">
            <input
              id={`${id}-wheelchair`}
              type="checkbox"
              checked={values.wheelchair_accessible}
              onChange={(event) =>
                setValues((current) => ({
                  ...current,
                  wheelchair_accessible: event.target.checked,
                }))
              }
            />
            <label htmlFor={`${id}-wheelchair`}>{t("access.wheelchair")}</label>
          </div>
          <TextField
            label={t("access.textFr")}
            hint={t("access.hint")}
            value={values.accessibility_fr}
            onChange={(value) => setValues((current) => ({ ...current, accessibility_fr: value }))}
            errors={errors.accessibility_fr}
            multiline
            lang="fr"
          />
          <TextField
            label={t("access.textEn")}
            value={values.accessibility_en}
            onChange={(value) => setValues((current) => ({ ...current, accessibility_en: value }))}
            errors={errors.accessibility_en}
            multiline
            lang="en"
          />
        </>
      )}
    </SectionForm>
  );
}

function ServiceCheckbox({
  service,
  checked,
  onToggle,
  language,
  extra,
}: {
  service: CatalogueService;
  checked: boolean;
  onToggle: (checked: boolean) => void;
  language: string;
  extra?: ReactNode;
}) {
  const { t } = usePlaceSetupT();
  const id = useId();
  return (
    <li className="checkbox-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onToggle(event.target.checked)}
      />
      <label htmlFor={id}>
        {language.startsWith("en") ? service.name_en : service.name_fr}
        {service.is_base ? (
          <>
            {" "}
            <Badge tone="info">{t("services.base")}</Badge>
          </>
        ) : null}
      </label>
      {extra}
    </li>
  );
}

export function ServicesSection({ place }: { place: ManagedPlace }) {
  const { t, language } = usePlaceSetupT();
  const catalogue = useServiceCatalogue();
  const [chosen, setChosen] = useState(() => new Set(place.services ?? []));
  const toggle = (code: string) => (checked: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (checked) next.add(code);
      else next.delete(code);
      return next;
    });
  const all = catalogue.data ?? [];
  const general = all.filter((service) => service.category !== "security");
  const security = all.filter((service) => service.category === "security");
  return (
    <SectionForm
      place={place}
      label={t("services.title")}
      saveLabel={t("services.save")}
      savedText={t("services.saved")}
      changes={() => ({ services: [...chosen].sort() })}
      onReset={(current) => setChosen(new Set(current.services ?? []))}
    >
      {(errors) => (
        <>
          {catalogue.error ? <ErrorAlert error={catalogue.error} /> : null}
          <fieldset>
            <legend>{t("services.title")}</legend>
            <p className="field-hint">{t("services.intro")}</p>
            <ul className="checkbox-list service-grid">
              {general.map((service) => (
                <ServiceCheckbox
                  key={service.code}
                  service={service}
                  language={language}
                  checked={chosen.has(service.code)}
                  onToggle={toggle(service.code)}
                />
              ))}
            </ul>
          </fieldset>
          <fieldset>
            <legend>{t("services.securityTitle")}</legend>
            <p className="field-hint">{t("services.securityIntro")}</p>
            <ul className="checkbox-list">
              {security.map((service) => (
                <ServiceCheckbox
                  key={service.code}
                  service={service}
                  language={language}
                  checked={chosen.has(service.code)}
                  onToggle={toggle(service.code)}
                  extra={
                    <span className="field-hint">
                      {(place.services ?? []).includes(service.code)
                        ? t("services.declared")
                        : t("services.notDeclared")}
                    </span>
                  }
                />
              ))}
            </ul>
          </fieldset>
          {errors.services ? (
            <ul className="field-errors">
              {errors.services.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </SectionForm>
  );
}
