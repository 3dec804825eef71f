import { useId, useState, type KeyboardEvent, type ReactNode } from "react";

type ComboboxProps<Option> = {
  label: ReactNode;
  /** Said under the label and read with the box (how to use it). */
  hint?: ReactNode;
  /** Shown under the box, which is then marked invalid. */
  error?: ReactNode;
  /** The text in the box (controlled). */
  text: string;
  onTextChange: (text: string) => void;
  /** Suggestions for the text; `undefined` while there is nothing to show (too short, loading). */
  options: Option[] | undefined;
  onSelect: (option: Option) => void;
  optionKey: (option: Option) => string;
  optionLabel: (option: Option) => string;
  /** What a screen reader hears when suggestions arrive (0 = none found). */
  announce: (count: number) => string;
  id?: string;
};

/**
 * An ARIA 1.2 combobox with a list popup (WAI-ARIA APG "editable combobox with list
 * autocomplete"): type, move with Up/Down (wrapping), Enter chooses the active suggestion (or the
 * only one), Escape closes the list; the number of suggestions is announced by a live region.
 * Focus stays in the box; the active suggestion is pointed at by aria-activedescendant.
 */
export function Combobox<Option>({
  label,
  hint,
  error,
  text,
  onTextChange,
  options,
  onSelect,
  optionKey,
  optionLabel,
  announce,
  id: givenId,
}: ComboboxProps<Option>) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const list = options ?? [];
  const expanded = open && options !== undefined;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");

  const choose = (option: Option) => {
    setOpen(false);
    setActive(-1);
    onSelect(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (list.length ? (current + 1) % list.length : -1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (list.length ? (current <= 0 ? list.length - 1 : current - 1) : -1));
    } else if (event.key === "Enter") {
      // Choosing a suggestion never submits the surrounding form.
      event.preventDefault();
      const option = list[active] ?? (list.length === 1 ? list[0] : undefined);
      if (option !== undefined) choose(option);
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
      <label htmlFor={`${id}-input`}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        aria-activedescendant={active >= 0 && expanded ? `${id}-option-${active}` : undefined}
        value={text}
        onChange={(event) => {
          onTextChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id={`${id}-list`} role="listbox" className="combobox-list" hidden={!expanded}>
        {list.map((option, index) => (
          <li
            key={optionKey(option)}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "is-active" : undefined}
            // mousedown fires before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(option);
            }}
          >
            {optionLabel(option)}
          </li>
        ))}
      </ul>
      {error ? (
        <p className="field-errors" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {expanded ? announce(list.length) : ""}
      </p>
    </div>
  );
}
