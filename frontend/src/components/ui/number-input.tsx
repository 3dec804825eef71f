import { useState, type InputHTMLAttributes } from "react";

type NumberInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "value" | "onChange" | "min" | "max"
> & {
  value: number;
  min: number;
  max: number;
  onValue: (value: number) => void;
};

/**
 * A whole-number input that can be emptied while typing ("1" → "" → "6"): the value is
 * reported whenever the text is a number in range, and the text is put back in range on blur.
 */
export function NumberInput({ value, min, max, onValue, onBlur, ...props }: NumberInputProps) {
  const [text, setText] = useState(String(value));
  const [synced, setSynced] = useState(value);
  if (value !== synced) {
    setSynced(value);
    setText(String(value));
  }
  const clamp = (n: number) => Math.min(Math.max(n, min), max);
  return (
    <input
      {...props}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const parsed = Number.parseInt(event.target.value, 10);
        if (Number.isFinite(parsed) && parsed >= min && parsed <= max) {
          setSynced(parsed);
          onValue(parsed);
        }
      }}
      onBlur={(event) => {
        const parsed = Number.parseInt(text, 10);
        const next = Number.isFinite(parsed) ? clamp(parsed) : value;
        setText(String(next));
        if (next !== value) onValue(next);
        onBlur?.(event);
      }}
    />
  );
}
