import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export type BarSeries = { key: string; label: string; color: string };

type RateBarChartProps = {
  data: Record<string, string | number | null>[];
  /** The category field (a date label, a department...). */
  category: string;
  series: BarSeries[];
  width: number;
  height?: number;
  /** Formats a value for the axis and tooltip (rates: percent). */
  format: (value: number) => string;
};

/** Rates run from 0 to 1 (100 %): the axis always shows that whole range, in quarters, so an
 * empty period reads 0 % on a 0–100 % scale (recharts' automatic ticks of an all-zero series
 * are 0, 1, 2, 3, 4: "400 %"), and a rate above 1 — booked time beyond opening hours — is
 * clipped at the top of the chart while its tooltip and the table give the exact figure. */
const RATE_TICKS = [0, 0.25, 0.5, 0.75, 1];

/** Bars of rates (0 to 1), one group per category (recharts, drawn in SVG). */
export function RateBarChart({
  data,
  category,
  series,
  width,
  height = 280,
  format,
}: RateBarChartProps) {
  return (
    <BarChart
      width={width}
      height={height}
      data={data}
      margin={{ top: 8, right: 8, left: 8, bottom: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey={category} tick={{ fontSize: 12 }} />
      <YAxis
        domain={[0, 1]}
        ticks={RATE_TICKS}
        allowDataOverflow
        tickFormatter={(value: number) => format(value)}
        width={56}
        tick={{ fontSize: 12 }}
      />
      <Tooltip formatter={(value) => (typeof value === "number" ? format(value) : String(value))} />
      {series.length > 1 ? <Legend /> : null}
      {series.map((item) => (
        <Bar
          key={item.key}
          dataKey={item.key}
          name={item.label}
          fill={item.color}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
