import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Commune } from "@/lib/api/types";
import { COMMUNE_MIN_CHARS, useCommunes } from "./use-communes";

type CommuneAutocompleteProps = {
  /** INSEE code of the chosen commune ("" when none). */
  code: string;
  /** Name of the chosen commune, shown in the box. */
  label: string;
  onSelect: (commune: Commune | null) => void;
  /** The control's label (default "Près d’une commune"). */
  fieldLabel?: string;
};

const DEBOUNCE_MS = 250;

/**
 * An ARIA 1.2 combobox (list autocomplete): type, move with the arrow keys, Enter to choose,
 * Escape to close. The number of suggestions is announced.
 */
export function CommuneAutocomplete({
  code,
  label,
  onSelect,
  fieldLabel,
}: CommuneAutocompleteProps) {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(label);
  const [syncedLabel, setSyncedLabel] = useState(label);
  const [debounced, setDebounced] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // Follow the URL (back button, reset) when the chosen commune changes.
  if (label !== syncedLabel) {
    setSyncedLabel(label);
    setText(label);
  }

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const searching = open && debounced.length >= COMMUNE_MIN_CHARS && debounced !== label;
  const communes = useCommunes(searching ? debounced : "");
  const options = searching ? (communes.data ?? []) : [];
  const expanded = searching && !communes.isPending;

  const choose = (commune: Commune) => {
    setText(commune.name);
    setOpen(false);
    setActive(-1);
    onSelect(commune);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (options.length ? (current + 1) % options.length : -1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((current) =>
        options.length ? (current <= 0 ? options.length - 1 : current - 1) : -1,
      );
    } else if (event.key === "Enter") {
      // Never submit the surrounding search form from here.
      event.preventDefault();
      const commune = options[active] ?? (options.length === 1 ? options[0] : undefined);
      if (commune) choose(commune);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  };

  return (
    <div className="field combobox">
      <label htmlFor={`${id}-input`}>{fieldLabel ?? t("commune.label")}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {t("commune.hint")}
      </p>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-describedby={`${id}-hint`}
        aria-activedescendant={active >= 0 && expanded ? `${id}-option-${active}` : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
          if (event.target.value === "" && code) onSelect(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" className="combobox-list" hidden={!expanded}>
        {options.map((commune, index) => (
          <li
            key={commune.insee_code}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "is-active" : undefined}
            // mousedown fires before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(commune);
            }}
          >
            {commune.name} ({commune.department_code})
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status">
        {expanded
          ? options.length
            ? t("commune.suggestions", { count: options.length })
            : t("commune.none")
          : ""}
      </p>
    </div>
  );
}
