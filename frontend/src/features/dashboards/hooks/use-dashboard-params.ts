import { useSearchParams } from "react-router";

/**
 * A dashboard's parameters live in the URL (shareable, back button): `params` to read them,
 * `update({key: value})` to change some ("" removes one), replacing the history entry.
 */
export function useDashboardParams() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  return { params, update };
}
