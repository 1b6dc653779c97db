// Charts: the chart query (M4 over the multi-resolution summary) for 20 runs × 1 million points at
// 1,200 px, beside decoding every point and reducing it to the same pixel columns, in the same run;
// then in Chromium, drawing 20 long series, and hovering and drag-zooming the large demo lab's 20
// heaviest runs.
import fs from 'node:fs';
import path from 'node:path';
import { STEPS, VALUES } from '../../electron/core/points/point-chunk';
import { readSeriesPoints } from '../../electron/core/points/read-series-points';
import { getSeries } from '../../electron/core/queries/series/get-series';
import { reducePointColumns } from '../../electron/core/queries/series/reduce-summary';
import type { BenchRow } from '../bench-row';
import { measureChartDrawing } from './chart-browser';
import { measureChartInteraction } from './chart-interaction';
import { BENCH_METRIC, createChartLab } from './chart-lab';

const RUNS = 20;
const POINTS = 1_000_000;
const WIDTH = 1200;
const REPEATS = 15;
/** Points per run of the store the browser measure syncs: enough for every pixel column to hold four. */
const DRAW_POINTS = 60_000;

/** The value that a fraction q of the values are at or below (nearest rank). */
function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function timeMs(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export async function runChartsBench(): Promise<BenchRow[]> {
  const migrationsDir = path.resolve(process.cwd(), 'migrations');
  const built = performance.now();
  const lab = createChartLab(migrationsDir, RUNS, POINTS);
  const buildSeconds = (performance.now() - built) / 1000;
  const { sqlite } = lab.cache;
  const noTrust = () => null;
  const ranges: [number, number][] = [[0, POINTS - 1]];
  for (let i = 1; i < REPEATS; i++) {
    const span = POINTS * (0.05 + 0.9 * ((i * 37) % 100) / 100);
    const from = ((POINTS - span) * ((i * 61) % 100)) / 100;
    ranges.push([from, from + span]);
  }
  const query = (from: number, to: number, smoothing = 0) =>
    getSeries(sqlite, { runIds: lab.runIds, metrics: [BENCH_METRIC], width: WIDTH, from, to, x: 'step', xLog: false, smoothing }, noTrust);
  query(0, POINTS - 1);
  const fullRange = Array.from({ length: REPEATS }, () => timeMs(() => query(0, POINTS - 1)));
  const zoomed = ranges.map(([from, to]) => timeMs(() => query(from, to)));
  const tokensAxis = Array.from({ length: 5 }, () =>
    timeMs(() => getSeries(sqlite, { runIds: lab.runIds, metrics: [BENCH_METRIC], width: WIDTH, x: 'tokens', xLog: false, smoothing: 0 }, noTrust)),
  );

  // Every point of every run decoded from its chunks and reduced to the same columns: what the chart
  // query would cost without the summary.
  const stepAxis = { kind: 'step', base: 'step', scale: 1, offset: 0, log: false } as const;
  const fullScan = Array.from({ length: 3 }, () =>
    timeMs(() => {
      for (const pk of lab.seriesPks) {
        const points = readSeriesPoints(sqlite, pk, {}, STEPS | VALUES);
        reducePointColumns(points.length, points.steps, points.values, stepAxis, { x0: 0, x1: POINTS - 1, width: WIDTH });
      }
    }),
  );

  const smoothFirst = timeMs(() => query(0, POINTS - 1, 0.6));
  const smoothZoom = ranges.map(([from, to]) => timeMs(() => query(from, to, 0.6)));

  const p50 = median(fullRange);
  const scanP50 = median(fullScan);
  const drawing = await measureChartDrawing(lab.dir, RUNS, DRAW_POINTS, ranges.slice(1, 8).map(([a, b]) => [(a / POINTS) * DRAW_POINTS, (b / POINTS) * DRAW_POINTS]));
  const drawP50 = median(drawing.zooms);
  const interaction = await measureChartInteraction(lab.dir);
  const hoverP50 = median(interaction.hoverFrames);
  const hoverP95 = percentile(interaction.hoverFrames, 0.95);
  const zoomDrawn = interaction.zooms.map((z) => z.drawn);
  const heavy = `large demo lab, ${interaction.runs} heaviest runs, ${interaction.pointsDrawn.toLocaleString('en-US')} points drawn`;
  lab.cache.close();
  fs.rmSync(lab.dir, { recursive: true, force: true });
  const section = 'charts';
  return [
    { section, name: `chart query p50, ${RUNS} runs × 1M points, full range, ${WIDTH} px`, value: p50, unit: 'ms', limit: '< 30', ok: p50 < 30 },
    { section, name: 'chart query p50, zoomed ranges (5–95 % of the run), each asked the first time', value: median(zoomed), unit: 'ms', limit: '< 30', ok: median(zoomed) < 30 },
    { section, name: 'chart query p50, tokens axis, full range', value: median(tokensAxis), unit: 'ms' },
    { section, name: 'full scan: every point decoded from its chunks and reduced to the same columns', value: scanP50, unit: 'ms' },
    { section, name: 'speed-up of the chart query over the full scan', value: scanP50 / p50, unit: '×', limit: '≥ 20', ok: scanP50 / p50 >= 20 },
    { section, name: 'smoothed (0.6) first query: EMA over all 20 M points', value: smoothFirst, unit: 'ms', note: 'once per (series, weight)' },
    { section, name: 'smoothed (0.6) zoom p50, raw and smoothed lines', value: median(smoothZoom), unit: 'ms' },
    { section, name: `data arrival → drawn chart in Chromium, ${RUNS} series, first view`, value: drawing.first, unit: 'ms', limit: '< 300', ok: drawing.first < 300 },
    { section, name: `data arrival → drawn chart in Chromium, ${RUNS} series, p50 of zooms`, value: drawP50, unit: 'ms', limit: '< 300', ok: drawP50 < 300, note: `${drawing.lines} lines, ${drawing.pointsDrawn.toLocaleString('en-US')} points at 1,200 px` },
    { section, name: `hover frame p50 in Chromium, ${heavy}`, value: hoverP50, unit: 'ms', note: `${interaction.hoverFrames.length} moves, ${interaction.longTasks} long tasks` },
    { section, name: 'hover frame p95, same moves', value: hoverP95, unit: 'ms', limit: '≤ 20', ok: hoverP95 <= 20 },
    { section, name: 'renderer main-thread CPU per pointer move, same moves', value: interaction.hoverCpuPerMove, unit: 'ms', note: 'thread time from a trace: what other load stretches least' },
    {
      section,
      name: `drag-zoom → drawn p50, ${interaction.zooms.length} zooms, same runs`,
      value: median(zoomDrawn),
      unit: 'ms',
      limit: '≤ 300',
      ok: median(zoomDrawn) <= 300,
      note: `max ${Math.round(Math.max(...zoomDrawn))} ms; data arrived after p50 ${Math.round(median(interaction.zooms.map((z) => z.data)))} ms`,
    },
    { section, name: 'building the bench cache (points + summaries)', value: buildSeconds, unit: 's' },
  ];
}
