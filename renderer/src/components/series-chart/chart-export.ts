// Exports of a chart: a PNG of what is on screen (the SVG drawn onto a canvas, with its legend below), its
// drawn data as CSV (every drawn point, marker and band: the on-screen reduction, M4 per pixel column),
// and the full history of the runs as CSV (every logged point, as stored).
import type { HistoryResult } from '../../../../shared/domain/run-views';
import type { ChartModel } from './chart-model';
import type { ChartTheme } from './chart-theme';

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function safeFilename(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'chart';
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    image.src = url;
  });
}

/** Draws the chart's SVG and its legend on a canvas at 2× and downloads it as PNG. */
export async function exportChartPng(container: HTMLElement, model: ChartModel, hidden: ReadonlySet<string>, theme: ChartTheme, title: string): Promise<void> {
  const svg = container.querySelector('svg.recharts-surface');
  if (!svg) throw new Error('no chart to export');
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const text = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = await loadImage(url);
    const entries = model.legend.filter((e) => !hidden.has(e.key));
    const scale = 2;
    const titleHeight = 28;
    const rowHeight = 18;
    const columns = Math.max(1, Math.floor(width / 240));
    const legendHeight = Math.ceil(entries.length / columns) * rowHeight + 10;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil((titleHeight + height + legendHeight) * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.fillStyle = theme.surface;
    ctx.fillRect(0, 0, width, titleHeight + height + legendHeight);
    ctx.fillStyle = theme.text;
    ctx.font = `600 13px ${theme.font}`;
    ctx.fillText(title, 8, 18);
    ctx.drawImage(image, 0, titleHeight, width, height);
    ctx.font = `12px ${theme.font}`;
    entries.forEach((entry, i) => {
      const x = 8 + (i % columns) * 240;
      const y = titleHeight + height + 6 + Math.floor(i / columns) * rowHeight;
      ctx.fillStyle = entry.color;
      ctx.fillRect(x, y + 4, 14, 4);
      ctx.fillStyle = theme.text;
      ctx.fillText(entry.label.length > 34 ? `${entry.label.slice(0, 33)}…` : entry.label, x + 20, y + 10);
    });
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not encode the PNG');
    download(blob, `${safeFilename(title)}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per drawn value: series, kind (point, smoothed, NaN/inf marker, band), x, y (or lower, upper). */
export function chartCsv(model: ChartModel, xName: string): string {
  const labels = new Map(model.legend.map((e) => [e.key, e.label]));
  const rows: (string | number | null)[][] = [['series', 'kind', xName, 'y', 'lower', 'upper']];
  for (const line of model.lines) {
    const label = labels.get(line.legendKey) ?? line.legendKey;
    const kind = line.key.endsWith(':raw') ? 'raw' : line.key.endsWith(':smoothed') ? 'smoothed' : 'line';
    line.xs.forEach((x, i) => rows.push([label, kind, x, line.ys[i] ?? null, null, null]));
  }
  for (const m of model.markers) {
    const label = labels.get(m.legendKey) ?? m.legendKey;
    m.xs.forEach((x, i) => {
      const kind = m.kinds[i] ?? null;
      rows.push([label, kind, x, kind === 'nan' ? 'NaN' : kind === 'inf' ? 'Infinity' : '-Infinity', null, null]);
    });
  }
  for (const band of model.bands) {
    const label = labels.get(band.legendKey) ?? band.legendKey;
    band.xs.forEach((x, i) => rows.push([label, 'band', x, null, band.lower[i] ?? null, band.upper[i] ?? null]));
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

export function exportChartCsv(model: ChartModel, xName: string, title: string): void {
  download(new Blob([chartCsv(model, xName)], { type: 'text/csv;charset=utf-8' }), `${safeFilename(title)}-as-drawn.csv`);
}

/** One row per logged point: run, its label, step, tokens, time (seconds since the epoch), value. */
export function historyCsv(history: HistoryResult, labels: ReadonlyMap<string, string>): string {
  const lines = ['run,label,step,tokens,time,value'];
  for (const run of history.runs) {
    const head = `${csvCell(run.runId)},${csvCell(labels.get(run.runId) ?? run.runId)},`;
    for (let i = 0; i < run.steps.length; i++) lines.push(`${head}${run.steps[i]},${csvCell(run.tokens[i] ?? null)},${csvCell(run.times[i] ?? null)},${run.values[i]}`);
  }
  return `${lines.join('\n')}\n`;
}

export function exportHistoryCsv(history: HistoryResult, labels: ReadonlyMap<string, string>, title: string): void {
  download(new Blob([historyCsv(history, labels)], { type: 'text/csv;charset=utf-8' }), `${safeFilename(title)}-full-history.csv`);
}
