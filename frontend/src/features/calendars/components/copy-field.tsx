import { useId, useState } from "react";
import { useCalendarsT } from "../i18n";

/** A read-only address with a "Copy" button; says when copying is not possible. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useCalendarsT();
  const id = useId();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field-row">
        <input
          id={id}
          type="text"
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="button button-secondary button-small"
          aria-describedby={`${id}-status`}
          onClick={() => void copy()}
        >
          {t("copy.copy")}
        </button>
      </div>
      <p id={`${id}-status`} className="field-hint" role="status">
        {state === "copied" ? t("copy.copied") : state === "failed" ? t("copy.failed") : ""}
      </p>
    </div>
  );
}
