import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTeamT } from "../i18n";

type ConfirmProps = {
  /** The button's accessible name (which row it acts on). */
  label: string;
  text: string;
  question: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
};

/** Asks first, in place: the question with Confirm / Cancel, focus on Confirm; Escape closes. */
export function ConfirmAction({ label, text, question, onConfirm, disabled }: ConfirmProps) {
  const { t } = useTeamT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) confirm.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={label}
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {text}
      </button>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={`${id}-q`}
      className="team-confirm"
      onKeyDown={(event) => {
        if (event.key === "Escape") setOpen(false);
      }}
    >
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
          {t("confirm")}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setOpen(false)}
        >
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}
