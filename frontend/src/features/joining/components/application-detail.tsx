import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { ApiError, localizedMessage } from "@/lib/api/errors";
import { formatInstant, formatShortDate } from "@/lib/format";
import {
  documentUrl,
  useAddNote,
  useApplication,
  useSendMessage,
  useTransition,
  type ApplicationDetail,
  type ApplicationStatus,
} from "../api/applications";
import { TextAreaField } from "./fields";
import { useJoiningT } from "../i18n";

const TIME_ZONE = "Europe/Paris";

function TextForm({
  label,
  submitLabel,
  mutation,
}: {
  label: string;
  submitLabel: string;
  mutation: {
    mutate: (body: string, options: { onSuccess: () => void }) => void;
    isPending: boolean;
    isError: boolean;
    error: Error | null;
  };
}) {
  const { language } = useJoiningT();
  const [body, setBody] = useState("");
  const errors =
    mutation.error instanceof ApiError
      ? mutation.error.fieldErrors.body?.map((message) => localizedMessage(message, language))
      : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(body, { onSuccess: () => setBody("") });
  };
  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <TextAreaField label={label} value={body} onChange={setBody} errors={errors} rows={3} />
      {mutation.isError && !errors ? <ErrorAlert error={mutation.error} /> : null}
      <div className="action-row">
        <button type="submit" className="button button-small" disabled={mutation.isPending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function DecisionForm({
  application,
  onMoved,
}: {
  application: ApplicationDetail;
  onMoved: (status: ApplicationStatus) => void;
}) {
  const { t, language } = useJoiningT();
  const id = useId();
  const [message, setMessage] = useState("");
  const [operatorName, setOperatorName] = useState("");
  const move = useTransition(application.id);
  const fieldErrors = move.error instanceof ApiError ? move.error.fieldErrors : {};
  const localized = (messages?: string[]) =>
    messages?.map((text) => localizedMessage(text, language));
  const next = application.next_statuses as ApplicationStatus[];
  if (next.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("pipeline.decision")}</h3>
      <TextAreaField
        label={t("pipeline.decisionMessage")}
        value={message}
        onChange={setMessage}
        rows={3}
        errors={localized(fieldErrors.message)}
      />
      {next.includes("accepted") ? (
        <div className="field">
          <label htmlFor={`${id}-operator`}>{t("pipeline.operatorName")}</label>
          <input
            id={`${id}-operator`}
            value={operatorName}
            aria-invalid={fieldErrors.operator_name ? true : undefined}
            aria-describedby={fieldErrors.operator_name ? `${id}-operator-error` : undefined}
            onChange={(event) => setOperatorName(event.target.value)}
          />
          {fieldErrors.operator_name ? (
            <ul className="field-errors" id={`${id}-operator-error`}>
              {localized(fieldErrors.operator_name)!.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {move.isError && !fieldErrors.operator_name ? <ErrorAlert error={move.error} /> : null}
      <div className="action-row">
        {next.map((status) => (
          <button
            key={status}
            type="button"
            className={status === "refused" ? "button button-secondary" : "button"}
            disabled={move.isPending}
            onClick={() =>
              // Not mutate's per-call onSuccess: the refetch that follows the move remounts this
              // form (keyed by status) and React Query drops the callbacks of an unmounted one,
              // so the confirmation never showed. The promise resolves whatever is mounted.
              move.mutateAsync({ status, message, operator_name: operatorName }).then(
                () => {
                  onMoved(status);
                  setMessage("");
                },
                () => undefined, // shown by move.isError
              )
            }
          >
            {t("pipeline.moveTo", { status: t(`status.${status}`) })}
          </button>
        ))}
      </div>
    </section>
  );
}

/** One application: what the applicant sent, the documents, the decision, notes, messages. */
export function ApplicationDetailPanel({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, language } = useJoiningT();
  const { t: common } = useTranslation();
  const titleId = useId();
  const query = useApplication(id);
  const addNote = useAddNote(id);
  const sendMessage = useSendMessage(id);
  const [moved, setMoved] = useState<ApplicationStatus | null>(null);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const application = query.data;
  const when = (instant: string) => formatInstant(instant, TIME_ZONE, language);
  return (
    <section className="joining-detail" aria-labelledby={titleId}>
      <h2 id={titleId} tabIndex={-1}>
        {application.place_name}{" "}
        <span className="badge badge-neutral">{t(`status.${application.status ?? "new"}`)}</span>
      </h2>
      <p>
        {application.carrier_name} — {common(`legalForm.${application.legal_form}`)},{" "}
        {common(`carrier.${application.carrier_kind}`)} · {common(`kind.${application.place_kind}`)}{" "}
        · {application.commune_name} ({application.department_code}) ·{" "}
        {t(`apply.${application.stage}`)}
      </p>
      {application.siret ? <p>{t("pipeline.siret", { siret: application.siret })}</p> : null}
      <p>
        {t("pipeline.contact", {
          name: application.contact_name,
          email: application.contact_email,
          phone: application.contact_phone,
        })}
      </p>
      {application.expected_opening ? (
        <p>
          {t("pipeline.opening", { date: formatShortDate(application.expected_opening, language) })}
        </p>
      ) : null}
      {application.needs.length ? (
        <p>
          {t("pipeline.needs", {
            needs: application.needs.map((need) => t(`need.${need}`)).join(", "),
          })}
        </p>
      ) : null}
      {application.services.length ? (
        <p>{t("pipeline.services", { services: application.services.join(", ") })}</p>
      ) : null}
      {application.description ? <blockquote>{application.description}</blockquote> : null}
      {application.operator_name ? (
        <p>{t("pipeline.draftedPlace", { operator: application.operator_name })}</p>
      ) : null}

      <h3>{t("pipeline.documents")}</h3>
      {application.documents.length ? (
        <ul>
          {application.documents.map((document) => (
            <li key={document.id}>
              <a href={documentUrl(application.id, document.id)}>{document.original_name}</a> (
              {Math.ceil(document.size / 1024)} Ko)
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("pipeline.noDocuments")}</p>
      )}

      {moved ? (
        <SuccessAlert>{t("pipeline.moved", { status: t(`status.${moved}`) })}</SuccessAlert>
      ) : null}
      <DecisionForm key={application.status} application={application} onMoved={setMoved} />

      <h3>{t("pipeline.notes")}</h3>
      <ul className="joining-list">
        {application.notes.map((note) => (
          <li key={note.id}>
            <p className="field-hint">
              {when(note.created_at)} — {note.author_email ?? "—"}
            </p>
            <p>{note.body}</p>
          </li>
        ))}
      </ul>
      <TextForm
        label={t("pipeline.noteLabel")}
        submitLabel={t("pipeline.addNote")}
        mutation={addNote}
      />

      <h3>{t("pipeline.messages")}</h3>
      <ul className="joining-list">
        {application.messages.map((message) => (
          <li key={message.id}>
            <p className="field-hint">
              {when(message.created_at)} — {t(`pipeline.kindMessage.${message.kind}`)} (
              {t(`pipeline.messageStatus.${message.status ?? "pending"}`)})
            </p>
            {message.body ? <p>{message.body}</p> : null}
          </li>
        ))}
      </ul>
      <TextForm
        label={t("pipeline.messageLabel")}
        submitLabel={t("pipeline.sendMessage")}
        mutation={sendMessage}
      />
      <div className="action-row">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t("pipeline.close")}
        </button>
      </div>
    </section>
  );
}
