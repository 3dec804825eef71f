import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Combobox } from "@/components/ui/combobox";
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
  /** Told the text in the box, chosen or not (to refuse a typed name nobody chose). */
  onTextChange?: (text: string) => void;
  error?: string;
};

const DEBOUNCE_MS = 250;

/**
 * The commune search box (a `Combobox` over GET /api/v1/directory/communes/): the name or the
 * INSEE code, accents and case ignored by the API; suggestions once 2 characters are typed.
 */
export function CommuneAutocomplete({
  code,
  label,
  onSelect,
  fieldLabel,
  onTextChange,
  error,
}: CommuneAutocompleteProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(label);
  const [syncedLabel, setSyncedLabel] = useState(label);
  const [debounced, setDebounced] = useState("");

  // Follow the URL (back button, reset) when the chosen commune changes.
  if (label !== syncedLabel) {
    setSyncedLabel(label);
    setText(label);
  }

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const searching = debounced.length >= COMMUNE_MIN_CHARS && debounced !== label;
  const communes = useCommunes(searching ? debounced : "");
  const options = searching && !communes.isPending ? (communes.data ?? []) : undefined;

  return (
    <Combobox
      label={fieldLabel ?? t("commune.label")}
      hint={t("commune.hint")}
      error={error}
      text={text}
      onTextChange={(value) => {
        setText(value);
        onTextChange?.(value);
        if (value === "" && code) onSelect(null);
      }}
      options={options}
      onSelect={(commune) => {
        setText(commune.name);
        onTextChange?.(commune.name);
        onSelect(commune);
      }}
      optionKey={(commune) => commune.insee_code}
      optionLabel={(commune) => `${commune.name} (${commune.department_code})`}
      announce={(count) => (count ? t("commune.suggestions", { count }) : t("commune.none"))}
    />
  );
}
