// A Compare chart's exports: a PNG of what is on screen, a CSV of what is drawn (the on-screen reduction:
// per pixel column the first, last, lowest and highest point, with smoothed lines, markers and bands),
// and a CSV of the runs' full history (every logged point, as stored, unsmoothed), each saying which it is.
import { useRef, useState, type RefObject } from 'react';
import { HISTORY_MAX_POINTS, type XKind } from '../../../../shared/domain/run-views';
import { callOrThrow } from '../../api/use-api';
import { exportChartCsv, exportChartPng, exportHistoryCsv } from '../../components/series-chart/chart-export';
import type { ChartModel } from '../../components/series-chart/chart-model';
import type { ChartTheme } from '../../components/series-chart/chart-theme';
import { ErrorPanel } from '../../components/state-views';

interface ChartExportsProps {
  frame: RefObject<HTMLDivElement | null>;
  model: ChartModel;
  hidden: ReadonlySet<string>;
  theme: ChartTheme;
  title: string;
  xKind: XKind;
  metric: string;
  runIds: string[];
  labels: ReadonlyMap<string, string>;
  /** Points the runs have stored for the metric, when known (the runs view knows it). */
  storedPoints: number | null;
}

export function ChartExports(props: ChartExportsProps) {
  const { frame, model, hidden, theme, title, xKind, metric, runIds, labels, storedPoints } = props;
  const [error, setError] = useState<Error | null>(null);
  const [fetching, setFetching] = useState(false);
  const busy = useRef(false);
  const empty = model.lines.length === 0;
  const tooMany = storedPoints !== null && storedPoints > HISTORY_MAX_POINTS;
  const fullHistory = async () => {
    if (busy.current) return;
    busy.current = true;
    setFetching(true);
    setError(null);
    try {
      exportHistoryCsv(await callOrThrow('getHistory', { runIds, metric }), labels, metric);
    } catch (e) {
      setError(e as Error);
    } finally {
      busy.current = false;
      setFetching(false);
    }
  };
  return (
    <>
      <div className="chart-toolbar" role="group" aria-label="Export">
        <button
          className="btn small"
          type="button"
          disabled={empty}
          onClick={() => {
            setError(null);
            if (frame.current) exportChartPng(frame.current, model, hidden, theme, title).catch((e: Error) => setError(e));
          }}
        >
          PNG
        </button>
        <button
          className="btn small"
          type="button"
          disabled={empty}
          data-testid="export-csv-drawn"
          title="The points this chart draws: per pixel column its first, last, lowest and highest value (M4), with smoothed lines, NaN/±Infinity markers and bands. Not every logged point."
          onClick={() => exportChartCsv(model, xKind, title)}
        >
          CSV as drawn
        </button>
        <button
          className="btn small"
          type="button"
          disabled={empty || fetching || tooMany}
          data-testid="export-csv-history"
          title={
            tooMany
              ? `${storedPoints!.toLocaleString('en-US')} points: more than the ${HISTORY_MAX_POINTS.toLocaleString('en-US')} one export carries. Export fewer runs, or each with "tessera export".`
              : `Every logged point of ${metric} of the ${runIds.length} run${runIds.length === 1 ? '' : 's'}${storedPoints !== null ? ` (${storedPoints.toLocaleString('en-US')} points)` : ''}, as stored: step, tokens, time and value, unsmoothed.`
          }
          onClick={() => void fullHistory()}
        >
          {fetching ? 'Exporting…' : 'CSV full history'}
        </button>
      </div>
      {error && <ErrorPanel error={error} title="Export failed" />}
    </>
  );
}
