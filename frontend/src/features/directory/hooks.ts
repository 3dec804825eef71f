import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { filtersToSearchParams, parseFilters, type DirectoryFilters } from "./filters";

/**
 * The directory filters, read from and written to the URL. Each change pushes a history entry
 * (the back button undoes it) and returns to page 1 unless the page itself changes.
 */
export function useDirectoryFilters(): [
  DirectoryFilters,
  (patch: Partial<DirectoryFilters>) => void,
  () => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);

  const update = useCallback(
    (patch: Partial<DirectoryFilters>) => {
      setSearchParams(
        (current) => filtersToSearchParams({ ...parseFilters(current), page: 1, ...patch }),
        // Controls are driven by the URL: update it synchronously (not in a transition) so a
        // checkbox or select shows its new state at once.
        { flushSync: true },
      );
    },
    [setSearchParams],
  );

  const reset = useCallback(
    () => setSearchParams(new URLSearchParams(), { flushSync: true }),
    [setSearchParams],
  );

  return [filters, update, reset];
}
