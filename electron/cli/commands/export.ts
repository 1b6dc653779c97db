// `tessera export`: a run's final history of one metric, [[step, value], …] with non-finite values
// as "NaN", "Infinity" and "-Infinity" (or step,value CSV lines without --json).
import { exportSeries, exportedJson, exportedText } from '../../core/queries/export-series';
import { requireString, type CliCommand } from '../cli-command';
import { openExistingCache } from './runs';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: "Print a run's final history of one metric.",
  usage: 'tessera export --db FILE --run ID --metric KEY [--json]',
  flagHelp: [
    '--db FILE           SQLite cache synced from a lab store',
    '--run ID            the run id',
    '--metric KEY        the metric key, e.g. train/loss',
    '--json              print [[step, value], …] (otherwise CSV: step,value)',
  ],
  options: { db: { type: 'string' }, run: { type: 'string' }, metric: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const runId = requireString(values, 'run');
    const metric = requireString(values, 'metric');
    const cache = openExistingCache(values);
    try {
      const points = exportSeries(cache.sqlite, runId, metric);
      if (values.json === true) io.stdout(`${exportedJson(points)}\n`);
      else io.stdout(`step,value\n${points.map(([step, value]) => `${step},${exportedText(value, false)}`).join('\n')}${points.length > 0 ? '\n' : ''}`);
      return 0;
    } finally {
      cache.close();
    }
  },
};
