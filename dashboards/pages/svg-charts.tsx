// Chart pieces drawn on the server as SVG (no script, strict CSP), shared by the report charts, the
// Dư luận page and the public-opinion PDF. Every label is a string child: hono/jsx escapes it.

export const CHART_FONT = "'Noto Sans', 'Noto Serif', 'DejaVu Sans', sans-serif";
/** Viewbox width of the listening charts: on a phone (375 px, about 320 px inside a card) they are drawn about 1:1, so their 12 px text stays readable. */
export const NARROW_CHART_WIDTH = 340;

/** Colours by key: categories, source types and sentiments keep one colour everywhere. */
export const SERIES_COLORS: Readonly<Record<string, string>> = {
  xuyen_tac: '#b71c1c',
  tin_sai_su_that: '#e65100',
  phan_anh_kien_nghi: '#f9a825',
  tham_nhung_tieu_cuc: '#6a1b9a',
  dan_toc_ton_giao: '#00838f',
  an_ninh_trat_tu: '#283593',
  bau_cu: '#5d4037',
  thien_tai_dich_benh: '#0277bd',
  tich_cuc: '#2e7d32',
  rss: '#1565c0',
  facebook_page: '#3949ab',
  web_page: '#00897b',
  manual: '#8d6e63',
  positive: '#2e7d32',
  neutral: '#9e9e9e',
  negative: '#c62828',
};
const FALLBACK_COLOR = '#78909c';
export const seriesColor = (key: string) => SERIES_COLORS[key] ?? FALLBACK_COLOR;

const LEGEND_ROW = 17;
const legendItemWidth = (label: string) => 24 + label.length * 6.5;

/** Height of a legend of these items laid out within `width` (items wrap to new lines). */
export function legendHeight(items: readonly (readonly [string, string])[], width: number): number {
  let x = 0;
  let rows = 1;
  for (const [label] of items) {
    const w = legendItemWidth(label);
    if (x > 0 && x + w > width) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return items.length ? rows * LEGEND_ROW : 0;
}

/** Coloured squares and their labels, wrapping to a new line rather than past `width`. */
export function Legend({ y, items, width = 520 }: { y: number; items: readonly (readonly [string, string])[]; width?: number }) {
  let x = 0;
  let row = 0;
  return (
    <g>
      {items.map(([label, color]) => {
        const w = legendItemWidth(label);
        if (x > 0 && x + w > width) {
          row++;
          x = 0;
        }
        const at = x;
        x += w;
        const top = y + row * LEGEND_ROW;
        return (
          <g>
            <rect x={at} y={top} width={12} height={12} fill={color} />
            <text x={at + 16} y={top + 10} font-size="11">
              {label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export interface BarRow {
  readonly label: string;
  /** One value per series, in the order of `series`. */
  readonly values: readonly number[];
  /** Written after the bar; default the sum of the values. */
  readonly note?: string;
}

export interface StackedBarsProps {
  readonly title: string;
  /** The legend above the bars (default: shown). */
  readonly legend?: boolean;
  readonly rows: readonly BarRow[];
  readonly series: readonly { readonly label: string; readonly color: string }[];
  /** The value of a full bar; default the largest row total. */
  readonly max?: number;
  readonly format?: (total: number) => string;
  readonly width?: number;
  readonly labelWidth?: number;
}

/** One horizontal bar per row, stacked by series, its total (or note) at the end; the legend above. */
export function StackedBars({ title, rows, series, max, format = String, width = NARROW_CHART_WIDTH, labelWidth = 90, legend = true }: StackedBarsProps) {
  const legendItems = legend ? series.map((s) => [s.label, s.color] as const) : [];
  const top = legendHeight(legendItems, width) + (legendItems.length ? 8 : 0);
  const rowHeight = 20;
  const barWidth = width - labelWidth - 50;
  const full = max ?? Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const height = top + Math.max(1, rows.length) * rowHeight + 4;
  const maxChars = Math.floor(labelWidth / 6.8);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width="100%" preserveAspectRatio="xMinYMin meet" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} font-family={CHART_FONT}>
      <title>{title}</title>
      <Legend y={0} items={legendItems} width={width} />
      {rows.map((row, i) => {
        const y = top + i * rowHeight;
        const total = row.values.reduce((a, b) => a + b, 0);
        let x = labelWidth;
        return (
          <g>
            <text x={0} y={y + 13} font-size="12">
              {row.label.length > maxChars ? `${row.label.slice(0, maxChars - 1)}…` : row.label}
            </text>
            {row.values.map((value, k) => {
              const w = full > 0 ? (value / full) * barWidth : 0;
              const at = x;
              x += w;
              return w > 0 ? <rect x={at} y={y + 2} width={w} height={14} fill={series[k]?.color ?? FALLBACK_COLOR} /> : null;
            })}
            <text x={x + 4} y={y + 13} font-size="12">
              {row.note ?? format(total)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
