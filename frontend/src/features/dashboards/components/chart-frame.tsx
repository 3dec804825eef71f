import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useDashboardsT } from "../i18n";

type ChartFrameProps = {
  title: ReactNode;
  /** Draws the chart at the given width (px). */
  chart: (width: number) => ReactNode;
  /** The same figures as a table: what screen readers and keyboard users read. */
  table: ReactNode;
  tableOpen?: boolean;
};

/** Width of an element, following resizes (640 px until measured, e.g. in tests). */
function useWidth<T extends HTMLElement>(fallback = 640) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      if (element.clientWidth > 0) setWidth(element.clientWidth);
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * A chart and its table equivalent. The drawing is hidden from assistive technologies (its
 * figures are in the table, a native disclosure any keyboard or screen-reader user can open).
 */
export function ChartFrame({ title, chart, table, tableOpen = false }: ChartFrameProps) {
  const { t } = useDashboardsT();
  const [ref, width] = useWidth<HTMLDivElement>();
  return (
    <figure className="dashboard-chart">
      <figcaption>{title}</figcaption>
      <div ref={ref} className="dashboard-chart-drawing" aria-hidden="true">
        {chart(width)}
      </div>
      <p className="visually-hidden">{t("common.chartHint")}</p>
      <details open={tableOpen}>
        <summary>{t("common.showTable")}</summary>
        {table}
      </details>
    </figure>
  );
}
