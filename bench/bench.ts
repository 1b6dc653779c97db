// `npm run bench`: every section measures its figures beside the limit it names, in the same run.
// `npm run bench -- sync scaling` runs only the named sections.
import type { BenchRow } from './bench-row';
import { benchSections } from './sections';

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toPrecision(3);
}

function printTable(rows: BenchRow[]): void {
  const header = ['section', 'measure', 'value', 'unit', 'limit / target', 'ok', 'note'];
  const lines = rows.map((r) => [r.section, r.name, formatValue(r.value), r.unit, r.limit ?? '', r.ok === undefined ? '' : r.ok ? 'yes' : 'NO', r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${fmt(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const line of lines) process.stdout.write(`${fmt(line)}\n`);
}

const wanted = process.argv.slice(2);
const rows: BenchRow[] = [];
for (const section of benchSections) {
  if (wanted.length > 0 && !wanted.includes(section.name)) continue;
  process.stderr.write(`bench: ${section.name} …\n`);
  const started = Date.now();
  try {
    rows.push(...(await section.run()));
  } catch (error) {
    rows.push({ section: section.name, name: 'FAILED', value: NaN, unit: '', note: (error as Error).message });
  }
  process.stderr.write(`bench: ${section.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
printTable(rows);
process.exitCode = rows.some((r) => r.name === 'FAILED') ? 1 : 0;
