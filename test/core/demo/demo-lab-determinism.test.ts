// The demo lab is reproducible: same seed and asOf give a byte-identical store; it never overwrites a folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../../electron/core/demo/index';
import { DAY_MS, defaultAsOf } from '../../../electron/core/demo/lab-clock';
import { AS_OF, generateSmallLab, hashTree, makeTemporaryDir, readRuns, removeTemporaryDirs } from './read-demo-lab';

afterAll(removeTemporaryDirs);

describe('generateDemoLab determinism', () => {
  it('writes a byte-identical tree for the same seed and asOf, and a different one for another seed', async () => {
    const first = await generateSmallLab('det-a', 11);
    const second = await generateSmallLab('det-b', 11);
    const other = await generateSmallLab('det-c', 12);
    expect(first.root).not.toBe(second.root);
    expect(hashTree(first.root)).toBe(hashTree(second.root));
    expect({ ...first, root: '' }).toEqual({ ...second, root: '' });
    expect(hashTree(other.root)).not.toBe(hashTree(first.root));
  });

  it('dates everything from asOf: a day later shifts every date by a day and changes nothing else', async () => {
    const early = await generateSmallLab('det-d', 11);
    const laterDir = path.join(makeTemporaryDir('det-e'), 'lab');
    const later = await generateDemoLab({ outDir: laterDir, seed: 11, asOf: new Date(AS_OF.getTime() + DAY_MS) });
    expect(later.points).toBe(early.points);
    const earlyRuns = readRuns(early.root);
    const laterRuns = readRuns(later.root);
    expect(laterRuns.map((r) => r.id)).toEqual(earlyRuns.map((r) => r.id));
    laterRuns.forEach((run, i) => {
      const before = earlyRuns[i];
      expect(Date.parse(run.run.created_at) - Date.parse(before.run.created_at)).toBe(DAY_MS);
      expect(Date.parse(run.status.updated_at) - Date.parse(before.status.updated_at)).toBe(DAY_MS);
      expect(run.lines.map((l) => ({ ...l, time: Math.round(((l.time as number) - 86400) * 10) / 10 }))).toEqual(before.lines);
    });
  });

  it('reports the counts it wrote and reports progress run by run', async () => {
    const seen: number[] = [];
    const outDir = path.join(makeTemporaryDir('progress'), 'lab');
    const summary = await generateDemoLab({ outDir, asOf: AS_OF, onProgress: (p) => seen.push(p.runsWritten) });
    expect(summary.root).toBe(path.resolve(outDir));
    expect(summary.size).toBe('small');
    expect(summary.asOf).toBe('2026-11-27T14:00:00Z');
    expect(seen).toEqual(Array.from({ length: summary.runs }, (_, i) => i + 1));
    expect(fs.readdirSync(path.join(outDir, 'runs'))).toHaveLength(summary.runs);
    expect(fs.readdirSync(path.join(outDir, 'proposals'))).toHaveLength(summary.proposals);
    expect(fs.readdirSync(path.join(outDir, 'ablations'))).toHaveLength(summary.ablations);
  });

  it('refuses a folder that already holds something, leaving it untouched', async () => {
    const dir = makeTemporaryDir('busy');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    await expect(generateDemoLab({ outDir: dir, asOf: AS_OF })).rejects.toThrow(/is not empty/);
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('rejects a bad seed or size with a message naming the option', async () => {
    const dir = path.join(os.tmpdir(), 'tessera-demo-never');
    await expect(generateDemoLab({ outDir: dir, seed: -1 })).rejects.toThrow(/seed/);
    await expect(generateDemoLab({ outDir: dir, size: 'huge' as 'small' })).rejects.toThrow(/size/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('defaults asOf to the current time rounded down to the hour', () => {
    expect(defaultAsOf(Date.parse('2026-11-27T14:59:59.999Z')).toISOString()).toBe('2026-11-27T14:00:00.000Z');
  });
});
