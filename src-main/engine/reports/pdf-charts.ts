import { COLORS, PAGE, type Pdf } from './pdf-kit';

export interface ChartBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Left gutter for axis labels. */
const GUTTER = 48;

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${(value / 1_000_000).toFixed(2)}M`;
  if (abs >= 10_000) return `${(value / 1_000).toFixed(1)}k`;
  return value.toFixed(abs >= 100 ? 0 : 2);
}

function frame(doc: Pdf, box: ChartBox, title: string): ChartBox {
  doc
    .font('bold')
    .fontSize(9)
    .fillColor(COLORS.text)
    .text(title, box.x, box.y, { lineBreak: false });
  const inner = {
    x: box.x + GUTTER,
    y: box.y + 14,
    width: box.width - GUTTER,
    height: box.height - 26,
  };
  doc
    .rect(inner.x, inner.y, inner.width, inner.height)
    .lineWidth(0.5)
    .strokeColor(COLORS.rule)
    .stroke();
  return inner;
}

function yLabel(doc: Pdf, inner: ChartBox, y: number, text: string): void {
  doc
    .font('regular')
    .fontSize(6.5)
    .fillColor(COLORS.muted)
    .text(text, inner.x - GUTTER, y - 3, {
      width: GUTTER - 4,
      align: 'right',
      lineBreak: false,
    });
}

function xLabels(
  doc: Pdf,
  inner: ChartBox,
  labels: ReadonlyArray<readonly [number, string]>,
): void {
  doc.font('regular').fontSize(6.5).fillColor(COLORS.muted);
  for (const [fraction, text] of labels) {
    const x = inner.x + fraction * inner.width;
    doc.text(text, x - 20, inner.y + inner.height + 3, {
      width: 40,
      align: 'center',
      lineBreak: false,
    });
  }
}

function noData(doc: Pdf, inner: ChartBox, text: string): void {
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(COLORS.muted)
    .text(text, inner.x, inner.y + inner.height / 2 - 4, {
      width: inner.width,
      align: 'center',
      lineBreak: false,
    });
}

/** Equity as a step line over the period (equity holds between samples). */
export function equityChart(
  doc: Pdf,
  box: ChartBox,
  points: ReadonlyArray<{ at: number; value: number }>,
  fromMs: number,
  toMs: number,
  ticks: ReadonlyArray<readonly [number, string]>,
  currency: string,
): void {
  const inner = frame(doc, box, `Equity (${currency})`);
  if (points.length === 0) return noData(doc, inner, 'No equity samples in this period');
  const values = points.map((p) => p.value);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) {
    hi += Math.max(1, Math.abs(hi) * 0.01);
    lo -= Math.max(1, Math.abs(lo) * 0.01);
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const sx = (t: number): number =>
    inner.x + ((Math.max(t, fromMs) - fromMs) / (toMs - fromMs)) * inner.width;
  const sy = (v: number): number => inner.y + inner.height - ((v - lo) / (hi - lo)) * inner.height;
  for (let i = 0; i <= 4; i += 1) {
    const v = lo + ((hi - lo) * i) / 4;
    const y = sy(v);
    doc
      .moveTo(inner.x, y)
      .lineTo(inner.x + inner.width, y)
      .lineWidth(0.3)
      .strokeColor(COLORS.band)
      .stroke();
    yLabel(doc, inner, y, compact(v));
  }
  const first = points[0];
  if (first === undefined) return;
  doc.moveTo(sx(first.at), sy(first.value));
  let lastY = sy(first.value);
  for (const p of points.slice(1)) {
    doc.lineTo(sx(p.at), lastY);
    lastY = sy(p.value);
    doc.lineTo(sx(p.at), lastY);
  }
  doc.lineTo(inner.x + inner.width, lastY);
  doc.lineWidth(1.2).strokeColor(COLORS.equity).stroke();
  xLabels(doc, inner, ticks);
}

/** Drawdown from the running peak, as a filled area below zero (percent of the peak). */
export function drawdownChart(
  doc: Pdf,
  box: ChartBox,
  points: ReadonlyArray<{ at: number; value: number }>,
  fromMs: number,
  toMs: number,
  ticks: ReadonlyArray<readonly [number, string]>,
): void {
  const inner = frame(doc, box, 'Drawdown from peak (%)');
  if (points.length === 0) return noData(doc, inner, 'No equity samples in this period');
  let peak = -Infinity;
  const dd = points.map((p) => {
    peak = Math.max(peak, p.value);
    return { at: p.at, value: peak > 0 ? ((p.value - peak) / peak) * 100 : 0 };
  });
  const worst = Math.min(-0.5, ...dd.map((d) => d.value)) * 1.1;
  const sx = (t: number): number =>
    inner.x + ((Math.max(t, fromMs) - fromMs) / (toMs - fromMs)) * inner.width;
  const sy = (v: number): number => inner.y + (v / worst) * inner.height;
  for (let i = 0; i <= 2; i += 1) {
    const v = (worst * i) / 2;
    yLabel(doc, inner, sy(v), `${v.toFixed(1)}%`);
  }
  const first = dd[0];
  if (first === undefined) return;
  doc.moveTo(sx(first.at), sy(0));
  let lastY = sy(first.value);
  doc.lineTo(sx(first.at), lastY);
  for (const p of dd.slice(1)) {
    doc.lineTo(sx(p.at), lastY);
    lastY = sy(p.value);
    doc.lineTo(sx(p.at), lastY);
  }
  doc
    .lineTo(inner.x + inner.width, lastY)
    .lineTo(inner.x + inner.width, sy(0))
    .closePath();
  doc.fillColor(COLORS.loss).fillOpacity(0.35).fill();
  doc.fillOpacity(1);
  xLabels(doc, inner, ticks);
}

/** One bar per day, green above zero and red below. */
export function dailyBars(
  doc: Pdf,
  box: ChartBox,
  days: ReadonlyArray<{ label: string; value: number }>,
  title: string,
): void {
  const inner = frame(doc, box, title);
  if (days.length === 0) return noData(doc, inner, 'No days in this period');
  if (days.every((d) => d.value === 0)) return noData(doc, inner, 'No realized PnL in this period');
  const maxAbs = Math.max(1e-9, ...days.map((d) => Math.abs(d.value)));
  const zeroY = inner.y + inner.height / 2;
  const scale = (inner.height / 2) * 0.92;
  yLabel(doc, inner, inner.y + inner.height / 2 - scale, compact(maxAbs));
  yLabel(doc, inner, zeroY, '0');
  yLabel(doc, inner, inner.y + inner.height / 2 + scale, compact(-maxAbs));
  doc
    .moveTo(inner.x, zeroY)
    .lineTo(inner.x + inner.width, zeroY)
    .lineWidth(0.5)
    .strokeColor(COLORS.muted)
    .stroke();
  const slot = inner.width / days.length;
  const every = Math.max(1, Math.ceil(days.length / 10));
  days.forEach((d, i) => {
    const h = (Math.abs(d.value) / maxAbs) * scale;
    const x = inner.x + i * slot + slot * 0.15;
    if (h > 0) {
      doc
        .rect(x, d.value >= 0 ? zeroY - h : zeroY, slot * 0.7, h)
        .fill(d.value >= 0 ? COLORS.gain : COLORS.loss);
    }
    if (i % every === 0) {
      doc
        .font('regular')
        .fontSize(6.5)
        .fillColor(COLORS.muted)
        .text(d.label, x - 12, inner.y + inner.height + 3, {
          width: slot * 0.7 + 24,
          align: 'center',
          lineBreak: false,
        });
    }
  });
}

export const CHART_WIDTH = PAGE.contentWidth;
