import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CommuneAutocomplete } from "@/components/commune-autocomplete/commune-autocomplete";
import { FormField } from "@/components/ui/form-field";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { ApiError, localizedMessage } from "@/lib/api/errors";
import {
  useServiceCatalogue,
  useSubmitApplication,
  type ApplicationSubmit,
  type Need,
} from "../api/applications";
import { ChoiceGroup, FieldErrors, SelectField, TextAreaField } from "../components/fields";
import { useJoiningT } from "../i18n";
import "../joining.css";

const MAX_DOCUMENTS = 5;
const MAX_BYTES = 5 * 1024 * 1024;
const NEEDS: Need[] = ["financing", "engineering", "promotion", "networking", "training"];
const KINDS = [
  "coworking",
  "telework_centre",
  "fablab",
  "incubator",
  "rural_multiservice",
  "itinerant",
] as const;
const LEGAL_FORMS = [
  "association",
  "intercommunality",
  "municipality",
  "public_body",
  "company",
  "cooperative",
] as const;

type Draft = {
  applicant_kind: string;
  stage: string;
  carrier_name: string;
  legal_form: string;
  carrier_kind: string;
  siret: string;
  place_name: string;
  place_kind: string;
  commune: string;
  communeName: string;
  services: string[];
  expected_opening: string;
  needs: string[];
  description: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  website: string;
};

const EMPTY: Draft = {
  applicant_kind: "",
  stage: "",
  carrier_name: "",
  legal_form: "",
  carrier_kind: "",
  siret: "",
  place_name: "",
  place_kind: "",
  commune: "",
  communeName: "",
  services: [],
  expected_opening: "",
  needs: [],
  description: "",
  contact_name: "",
  contact_email: "",
  contact_phone: "",
  website: "",
};

/** /rejoindre-le-reseau: anyone presents an existing place or a project to the network. */
export function ApplyRoute() {
  const { t, language } = useJoiningT();
  const { t: common } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const services = useServiceCatalogue();
  const submit = useSubmitApplication();
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const errors: Record<string, string[]> = {};
  if (submit.error instanceof ApiError) {
    for (const [key, messages] of Object.entries(submit.error.fieldErrors)) {
      errors[key] = messages.map((message) => localizedMessage(message, language));
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { communeName: _ignored, ...fields } = draft;
    void _ignored;
    submit.mutate({
      fields: {
        ...fields,
        expected_opening: fields.expected_opening || null,
      } as unknown as ApplicationSubmit,
      documents: files,
    });
  };

  if (submit.isSuccess) {
    return (
      <div className="joining-page">
        <PageTitle title={t("apply.title")} />
        <h1>{t("apply.title")}</h1>
        <SuccessAlert>
          {t("apply.sent", { email: draft.contact_email, reference: submit.data.reference })}
        </SuccessAlert>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            submit.reset();
            setDraft(EMPTY);
            setFiles([]);
          }}
        >
          {t("apply.another")}
        </button>
      </div>
    );
  }

  const otherErrors = submit.isError && Object.keys(errors).length === 0;
  return (
    <div className="joining-page">
      <PageTitle title={t("apply.title")} />
      <h1>{t("apply.title")}</h1>
      <p>{t("apply.intro")}</p>
      <p className="field-hint">{t("apply.required")}</p>
      <form className="stack-form" onSubmit={onSubmit} noValidate>
        <fieldset className="fieldset">
          <legend>{t("apply.who")}</legend>
          <ChoiceGroup
            legend={t("apply.applicantKind")}
            type="radio"
            name="applicant_kind"
            options={[
              { value: "existing_place", label: t("apply.existing_place") },
              { value: "project", label: t("apply.project") },
            ]}
            selected={[draft.applicant_kind]}
            onChange={([value]) => set({ applicant_kind: value ?? "" })}
            errors={errors.applicant_kind}
          />
          <ChoiceGroup
            legend={t("apply.stage")}
            type="radio"
            name="stage"
            options={[
              { value: "creation", label: t("apply.creation") },
              { value: "extension", label: t("apply.extension") },
            ]}
            selected={[draft.stage]}
            onChange={([value]) => set({ stage: value ?? "" })}
            errors={errors.stage}
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t("apply.carrier")}</legend>
          <FormField
            label={t("apply.carrierName")}
            required
            value={draft.carrier_name}
            errors={errors.carrier_name}
            onChange={(event) => set({ carrier_name: event.target.value })}
          />
          <SelectField
            label={t("apply.legalForm")}
            required
            value={draft.legal_form}
            onChange={(value) => set({ legal_form: value })}
            options={LEGAL_FORMS.map((value) => ({ value, label: common(`legalForm.${value}`) }))}
            errors={errors.legal_form}
          />
          <SelectField
            label={t("apply.carrierKind")}
            required
            value={draft.carrier_kind}
            onChange={(value) => set({ carrier_kind: value })}
            options={(["public", "private"] as const).map((value) => ({
              value,
              label: common(`carrier.${value}`),
            }))}
            errors={errors.carrier_kind}
          />
          <FormField
            label={t("apply.siret")}
            hint={t("apply.siretHint")}
            inputMode="numeric"
            autoComplete="off"
            value={draft.siret}
            errors={errors.siret}
            onChange={(event) => set({ siret: event.target.value })}
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t("apply.place")}</legend>
          <FormField
            label={t("apply.placeName")}
            required
            value={draft.place_name}
            errors={errors.place_name}
            onChange={(event) => set({ place_name: event.target.value })}
          />
          <SelectField
            label={t("apply.placeKind")}
            required
            value={draft.place_kind}
            onChange={(value) => set({ place_kind: value })}
            options={KINDS.map((value) => ({ value, label: common(`kind.${value}`) }))}
            errors={errors.place_kind}
          />
          <CommuneAutocomplete
            code={draft.commune}
            label={draft.communeName}
            fieldLabel={t("apply.commune")}
            onSelect={(commune) =>
              set({ commune: commune?.insee_code ?? "", communeName: commune?.name ?? "" })
            }
            error={errors.commune?.join(" ")}
          />
          {services.data ? (
            <ChoiceGroup
              legend={t("apply.services")}
              type="checkbox"
              name="services"
              options={services.data.map((service) => ({
                value: service.code,
                label: language === "en" && service.name_en ? service.name_en : service.name_fr,
              }))}
              selected={draft.services}
              onChange={(selected) => set({ services: selected })}
              errors={errors.services}
            />
          ) : null}
          <FormField
            label={t("apply.expectedOpening")}
            hint={t("apply.expectedOpeningHint")}
            type="date"
            value={draft.expected_opening}
            errors={errors.expected_opening}
            onChange={(event) => set({ expected_opening: event.target.value })}
          />
          <ChoiceGroup
            legend={t("apply.needs")}
            type="checkbox"
            name="needs"
            options={NEEDS.map((value) => ({ value, label: t(`need.${value}`) }))}
            selected={draft.needs}
            onChange={(selected) => set({ needs: selected })}
            errors={errors.needs}
          />
          <TextAreaField
            label={t("apply.description")}
            value={draft.description}
            rows={5}
            onChange={(value) => set({ description: value })}
            errors={errors.description}
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t("apply.contact")}</legend>
          <FormField
            label={t("apply.contactName")}
            required
            autoComplete="name"
            value={draft.contact_name}
            errors={errors.contact_name}
            onChange={(event) => set({ contact_name: event.target.value })}
          />
          <FormField
            label={t("apply.contactEmail")}
            hint={t("apply.contactEmailHint")}
            type="email"
            required
            autoComplete="email"
            value={draft.contact_email}
            errors={errors.contact_email}
            onChange={(event) => set({ contact_email: event.target.value })}
          />
          <FormField
            label={t("apply.contactPhone")}
            type="tel"
            autoComplete="tel"
            value={draft.contact_phone}
            errors={errors.contact_phone}
            onChange={(event) => set({ contact_phone: event.target.value })}
          />
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-documents`}>{t("apply.documents")}</label>
          <p className="field-hint" id={`${id}-documents-hint`}>
            {t("apply.documentsHint")}
          </p>
          <input
            ref={fileInput}
            id={`${id}-documents`}
            type="file"
            multiple
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            aria-invalid={fileError || errors.documents ? true : undefined}
            aria-describedby={[
              `${id}-documents-hint`,
              fileError || errors.documents ? `${id}-documents-error` : "",
            ]
              .join(" ")
              .trim()}
            onChange={(event) => {
              const chosen = Array.from(event.target.files ?? []);
              const big = chosen.find((file) => file.size > MAX_BYTES);
              if (chosen.length > MAX_DOCUMENTS) setFileError(t("apply.tooMany"));
              else if (big) setFileError(t("apply.tooBig", { name: big.name }));
              else setFileError(null);
              setFiles(chosen.length > MAX_DOCUMENTS || big ? [] : chosen);
            }}
          />
          <FieldErrors
            id={`${id}-documents-error`}
            errors={fileError ? [fileError] : errors.documents}
          />
        </div>

        {/* Honeypot: hidden from everyone (display: none); robots that fill it are refused. */}
        <div className="joining-hp">
          <label htmlFor={`${id}-website`}>{t("apply.honeypot")}</label>
          <input
            id={`${id}-website`}
            tabIndex={-1}
            autoComplete="off"
            value={draft.website}
            onChange={(event) => set({ website: event.target.value })}
          />
        </div>

        {otherErrors ? <ErrorAlert error={submit.error} /> : null}
        {submit.isError && !otherErrors ? (
          <p role="alert" className="field-errors">
            {localizedMessage(
              submit.error instanceof ApiError ? submit.error.message : "",
              language,
            )}
          </p>
        ) : null}
        <div className="action-row">
          <button type="submit" className="button" disabled={submit.isPending || !!fileError}>
            {submit.isPending ? t("apply.sending") : t("apply.submit")}
          </button>
        </div>
      </form>
    </div>
  );
}
