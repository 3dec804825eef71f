import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { ApiError } from "@/lib/api/errors";
import { useEmployersT } from "../i18n";

/** A titled part of a page (h2, or h3 inside a section). */
export function Section({
  title,
  intro,
  level = 2,
  children,
}: {
  title: string;
  intro?: ReactNode;
  level?: 2 | 3;
  children: ReactNode;
}) {
  const id = useId();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className="space-section" aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
      {intro ? <p className="section-hint">{intro}</p> : null}
      {children}
    </section>
  );
}

type QueryLike = { isPending: boolean; error: unknown; refetch: () => unknown };

/** Loading, or the error with a retry button; nothing once the data is there. */
export function QueryState({ query }: { query: QueryLike }) {
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Loading />;
  return null;
}

/** The error of a form, unless all of it is already shown next to its fields. */
export function FormError({ error, shown }: { error: unknown; shown: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const fields = Object.keys(error.fieldErrors);
    if (fields.length && fields.every((field) => shown.includes(field)) && !error.body.code) {
      return null;
    }
  }
  return <ErrorAlert error={error} />;
}

type ConfirmProps = {
  label: string;
  /** Said before acting: what will happen. */
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
};

/** Asks first, in place: the question with Confirm / Cancel, focus on Confirm. */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
}: ConfirmProps) {
  const { t } = useEmployersT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) confirm.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <button
        ref={opener}
        type="button"
        className="button button-secondary button-small"
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby={`${id}-q`} className="confirm-box">
      <p id={`${id}-q`}>{question}</p>
      <div className="action-row">
        <button
          ref={confirm}
          type="button"
          className="button button-danger button-small"
          onClick={() => {
            setOpen(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setOpen(false)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setOpen(false);
          }}
        >
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
