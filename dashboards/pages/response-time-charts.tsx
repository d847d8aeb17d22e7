// Server-rendered SVG charts of the response-time report (the page and the PDF use the same).
import { vi } from '../i18n.js';
import type { ResponseTimeReport } from '../../src/reports/response-time.js';
import { fmtInt, fmtShare, groupLabel } from '../../src/reports/format.js';
import { CHART_FONT as FONT, Legend } from './svg-charts.js';

const t = vi.responseTime;
const COLORS = { inTime: '#2e7d32', late: '#c62828', open: '#f9a825', target: '#1a1a1a', prev: '#90a4ae', positive: '#2e7d32', negative: '#c62828', neutral: '#9e9e9e' };

/** Share in time of this period and the previous one, as bars against the 100% target line. */
export function ShareChart({ report }: { report: ResponseTimeReport }) {
  const width = 520;
  const barX = 150;
  const barW = width - barX - 70;
  const rows = [
    { label: report.period.label, share: report.share_in_time, color: COLORS.inTime },
    { label: `${t.previous} (${report.previous.period.label})`, share: report.previous.share_in_time, color: COLORS.prev },
  ];
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width="100%" preserveAspectRatio="xMinYMin meet" viewBox={`0 0 ${width} 110`} role="img" aria-label={t.chartShare} font-family={FONT}>
      <title>{t.chartShare}</title>
      {rows.map((row, i) => (
        <g>
          <text x={0} y={30 + i * 40} font-size="11">
            {row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label}
          </text>
          <rect x={barX} y={16 + i * 40} width={barW} height={20} fill="#eceff1" />
          <rect x={barX} y={16 + i * 40} width={Math.round(barW * (row.share ?? 0))} height={20} fill={row.color} />
          <text x={barX + barW + 6} y={31 + i * 40} font-size="12" font-weight="bold">
            {fmtShare(row.share)}
          </text>
        </g>
      ))}
      <line x1={barX + barW} y1={8} x2={barX + barW} y2={94} stroke={COLORS.target} stroke-width="2" stroke-dasharray="4 3" />
      <text x={barX + barW} y={106} font-size="10" text-anchor="end">
        {t.target}
      </text>
    </svg>
  );
}

/** Per category: stacked bars of handled in time, late (handled late or overdue), still open. */
export function CategoryChart({ report }: { report: ResponseTimeReport }) {
  const entries = Object.entries(report.by_category);
  const width = 520;
  const labelW = 190;
  const barW = width - labelW - 40;
  const max = Math.max(1, ...entries.map(([, g]) => g.detected));
  const height = 40 + entries.length * 26;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width="100%" preserveAspectRatio="xMinYMin meet" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t.chartCategory} font-family={FONT}>
      <title>{t.chartCategory}</title>
      {entries.map(([key, g], i) => {
        const inTime = g.handled_in_time;
        const late = g.handled - g.handled_in_time;
        const open = g.open;
        const scale = barW / max;
        const y = 8 + i * 26;
        const label = groupLabel('by_category', key);
        return (
          <g>
            <text x={0} y={y + 13} font-size="11">
              {label.length > 30 ? `${label.slice(0, 29)}…` : label}
            </text>
            <rect x={labelW} y={y} width={inTime * scale} height={18} fill={COLORS.inTime} />
            <rect x={labelW + inTime * scale} y={y} width={late * scale} height={18} fill={COLORS.late} />
            <rect x={labelW + (inTime + late) * scale} y={y} width={open * scale} height={18} fill={COLORS.open} />
            <text x={labelW + g.detected * scale + 4} y={y + 13} font-size="11">
              {fmtInt(g.detected)}
            </text>
          </g>
        );
      })}
      <Legend y={height - 16} items={[[t.inTime, COLORS.inTime], [t.late, COLORS.late], [t.openShort, COLORS.open]]} />
    </svg>
  );
}

/** Positive ("phủ xanh") against negative posts about the commune, this period and the previous. */
export function SentimentChart({ report }: { report: ResponseTimeReport }) {
  const width = 520;
  const labelW = 150;
  const barW = width - labelW - 50;
  const rows = [
    { label: report.period.label, s: report.sentiment },
    { label: t.previous, s: report.previous.sentiment },
  ];
  const max = Math.max(1, ...rows.flatMap((r) => [r.s.positive, r.s.negative]));
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width="100%" preserveAspectRatio="xMinYMin meet" viewBox={`0 0 ${width} 150`} role="img" aria-label={t.chartSentiment} font-family={FONT}>
      <title>{t.chartSentiment}</title>
      {rows.map((row, i) => (
        <g>
          <text x={0} y={22 + i * 56} font-size="11">
            {row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label}
          </text>
          <rect x={labelW} y={8 + i * 56} width={(row.s.positive / max) * barW} height={18} fill={COLORS.positive} />
          <text x={labelW + (row.s.positive / max) * barW + 4} y={21 + i * 56} font-size="11">
            {fmtInt(row.s.positive)}
          </text>
          <rect x={labelW} y={30 + i * 56} width={(row.s.negative / max) * barW} height={18} fill={COLORS.negative} />
          <text x={labelW + (row.s.negative / max) * barW + 4} y={43 + i * 56} font-size="11">
            {fmtInt(row.s.negative)}
          </text>
        </g>
      ))}
      <Legend y={134} items={[[t.positive, COLORS.positive], [t.negative, COLORS.negative]]} />
    </svg>
  );
}
