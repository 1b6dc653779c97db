// `tessera demo`: writes the deterministic demo lab, a realistic team's store, to a folder.
import fs from 'node:fs';
import path from 'node:path';
import { generateDemoLab } from '../../core/demo';
import { CliUsageError, parseChoiceFlag, parseIntegerFlag, requireString, optionalString, type CliCommand } from '../cli-command';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Write the demo lab (a generated, realistic lab store) to a folder.',
  usage: 'tessera demo --out DIR [--seed N] [--size small|large|year] [--as-of ISO-TIME] [--json]',
  flagHelp: [
    '--out DIR           folder to create (must not exist, or be empty)',
    '--seed N            random seed (default 1); the same seed and --as-of give the same bytes',
    '--size S            small: a few hundred runs (default); large: 2,000+ runs and 20M+ points; year: the large lab',
    '                    plus 240 long runs of 100k–1M steps and 23 metrics a line, 300M+ points (about 8 GB); both for the benchmark',
    '--as-of ISO-TIME    the lab\'s "now" (default: the current hour)',
    '--json              print the summary as JSON on stdout',
  ],
  options: {
    out: { type: 'string' },
    seed: { type: 'string' },
    size: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const outDir = path.resolve(requireString(values, 'out'));
    const seed = parseIntegerFlag(values, 'seed', 0, 2 ** 31 - 1) ?? 1;
    const size = parseChoiceFlag(values, 'size', ['small', 'large', 'year'] as const) ?? 'small';
    const asOfText = optionalString(values, 'as-of');
    const asOf = asOfText === undefined ? undefined : new Date(asOfText);
    if (asOf && Number.isNaN(asOf.getTime())) throw new CliUsageError(`--as-of must be an ISO 8601 time, got "${asOfText}".`);
    if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
      throw new CliUsageError(`${outDir} exists and is not empty; choose a new folder.`);
    }
    let lastShown = 0;
    const summary = await generateDemoLab({
      outDir,
      seed,
      size,
      asOf,
      onProgress: (p) => {
        const now = Date.now();
        if (values.json || !io.interactive || now - lastShown < 500) return;
        lastShown = now;
        io.stderr(`demo: ${p.runsWritten}/${p.runsTotal} runs, ${p.points.toLocaleString('en-US')} points\r`);
      },
    });
    if (values.json) {
      io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      io.stderr(
        `demo: wrote ${summary.runs} runs, ${summary.points.toLocaleString('en-US')} points, ${summary.ablations} ablations, ` +
          `${summary.proposals} proposals and ${summary.events} events to ${summary.root}\n`,
      );
    }
    return 0;
  },
};
