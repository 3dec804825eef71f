import { useEffect, useId, useRef, useState } from "react";
import { useCalendarsT } from "../i18n";

type ConfirmButtonProps = {
  label: string;
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  danger?: boolean;
};

/** A button that asks first: the question and Confirm / Cancel appear in place, focused. */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  disabled,
  danger,
}: ConfirmButtonProps) {
  const { t } = useCalendarsT();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby={`${id}-question`} className="confirm-box">
      <p id={`${id}-question`}>{question}</p>
      <div className="action-row">
        <button
          ref={confirmRef}
          type="button"
          className={danger ? "button button-danger button-small" : "button button-small"}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {t("agenda.confirm")}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setAsking(false)}
        >
          {t("agenda.cancel")}
        </button>
      </div>
    </div>
  );
}
