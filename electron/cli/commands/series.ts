// `tessera series`: one run's metric reduced for a chart W pixels wide, exactly as the Compare page
// receives it — M4 per pixel column over the multi-resolution summary, non-finite values as markers.
import { X_KINDS } from '../../../shared/domain/run-views';
import { MAX_SMOOTHING_WEIGHT } from '../../../shared/series';
import { loadEvalTrust } from '../../core/queries/runs/eval-trust';
import { getSeries, SeriesQueryError } from '../../core/queries/series/get-series';
import { CliUsageError, parseChoiceFlag, parseIntegerFlag, parseNumberFlag, requireString, type CliCommand } from '../cli-command';
import { openExistingCache } from './runs';

export const seriesCommand: CliCommand = {
  name: 'series',
  summary: "Print a run's metric reduced to a pixel width, as the chart receives it.",
  usage: 'tessera series --db FILE --run ID --metric KEY --width W [--from X --to Y] [--x step|tokens|flops|time|relative-time] [--log-x] [--smoothing S] [--json]',
  flagHelp: [
    '--db FILE           SQLite cache synced from a lab store',
    '--run ID            the run id',
    '--metric KEY        the metric key, e.g. train/loss',
    '--width W           the chart width in pixels (1–8192): one M4 column per pixel',
    '--from X --to Y     the visible x range (default: the whole series)',
    '--x UNIT            step (default), tokens, flops (6·N·tokens unless run.json gives FLOPs), time or relative-time',
    '--log-x             columns evenly spaced on a log x axis',
    `--smoothing S       also the smoothed line: TensorBoard's debiased EMA, 0–${MAX_SMOOTHING_WEIGHT}, over every point`,
    '--json              print the API result (otherwise CSV: kind,x,y)',
  ],
  options: {
    db: { type: 'string' },
    run: { type: 'string' },
    metric: { type: 'string' },
    width: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    x: { type: 'string' },
    'log-x': { type: 'boolean' },
    smoothing: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const runId = requireString(values, 'run');
    const metric = requireString(values, 'metric');
    const width = parseIntegerFlag(values, 'width', 1, 8192);
    if (width === undefined) throw new CliUsageError('--width is required.');
    const smoothing = parseNumberFlag(values, 'smoothing') ?? 0;
    if (smoothing < 0 || smoothing > MAX_SMOOTHING_WEIGHT) throw new CliUsageError(`--smoothing must be between 0 and ${MAX_SMOOTHING_WEIGHT}, got ${smoothing}.`);
    const x = parseChoiceFlag(values, 'x', X_KINDS) ?? 'step';
    const cache = openExistingCache(values);
    try {
      const result = getSeries(
        cache.sqlite,
        { runIds: [runId], metrics: [metric], width, from: parseNumberFlag(values, 'from'), to: parseNumberFlag(values, 'to'), x, xLog: values['log-x'] === true, smoothing },
        loadEvalTrust(cache.sqlite),
      );
      const series = result.series[0];
      if (series.note && series.xs.length === 0 && series.markerXs.length === 0) {
        io.stderr(`tessera series: ${series.note}.\n`);
        return 1;
      }
      if (values.json === true) {
        io.stdout(`${JSON.stringify(result)}\n`);
        return 0;
      }
      const lines = ['kind,x,y'];
      series.xs.forEach((px, i) => lines.push(`point,${px},${series.ys[i]}`));
      series.markerXs.forEach((mx, i) => lines.push(`${series.markerKinds[i]},${mx},`));
      series.smoothed?.xs.forEach((sx, i) => lines.push(`smoothed,${sx},${series.smoothed!.ys[i]}`));
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    } catch (error) {
      if (error instanceof SeriesQueryError) throw new CliUsageError(error.message);
      throw error;
    } finally {
      cache.close();
    }
  },
};
