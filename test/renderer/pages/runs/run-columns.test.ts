// How the runs table shares its width: the run names first, then the text columns, each column no
// wider than its widest value needs.
import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../../../shared/domain/run-views';
import { columnWidths, fitColumns, runNameWidth, type ColumnWidth, type RunColumn } from '../../../../renderer/src/pages/runs/run-columns';

const run = (id: string, name: string | null, group: string | null): RunRow => ({ id, name, group }) as RunRow;
const group: RunColumn = { key: 'group', label: 'Group', text: (r) => r.group ?? '—', maxWidth: 200, shrinkTo: 90 };
const seed: RunColumn = { key: 'seed', label: 'Seed', numeric: true, text: () => '2' };

describe('columnWidths', () => {
  it('is as wide as the widest value or the header word, within the column bounds', () => {
    const runs = [run('r-1', 'a', 'mup'), run('r-2', 'b', 'sweep-warmup-web-v5-dedup')];
    const [g, s] = columnWidths([group, seed], runs);
    // 25 characters at 7 px and 8 px of padding: 183, under the 200 bound; it may shrink to 90.
    expect(g).toEqual({ min: 90, max: 183 });
    // "Seed" at 7.6 px a character and 16 px for the sort arrow, wider than "2"; it does not shrink.
    expect(s).toEqual({ min: 47, max: 47 });
    const wide = columnWidths([group], [run('r-3', 'c', 'x'.repeat(80))])[0]!;
    expect(wide.max).toBe(200);
  });

  it('measures a header that wraps by its longest word', () => {
    const ablation: RunColumn = { key: 'ablation', label: 'Ablation · variant', text: () => '—' };
    expect(columnWidths([ablation], [run('r-1', null, null)])[0]!.max).toBe(Math.ceil('Ablation'.length * 7.6 + 16));
  });
});

describe('fitColumns', () => {
  const widths: ColumnWidth[] = [
    { min: 90, max: 183 },
    { min: 47, max: 47 },
  ];

  it('gives the run names their room first, then the text columns theirs, then the rest to the names', () => {
    // 220 + 90 + 47 = 357 at the least; names want 300.
    expect(fitColumns(widths, 220, 300, 400)).toEqual({ name: 263, columns: [90, 47] });
    expect(fitColumns(widths, 220, 300, 480)).toEqual({ name: 300, columns: [133, 47] });
    expect(fitColumns(widths, 220, 300, 700)).toEqual({ name: 470, columns: [183, 47] });
  });

  it('keeps every minimum when the room is short (the table then scrolls sideways)', () => {
    expect(fitColumns(widths, 220, 300, 200)).toEqual({ name: 220, columns: [90, 47] });
  });

  it('measures the names with their ids', () => {
    expect(runNameWidth([run('r-0001', 'ladder 1B', null), run('r-2', null, null)])).toBe(Math.ceil('ladder 1B r-0001'.length * 7 + 8));
  });
});
