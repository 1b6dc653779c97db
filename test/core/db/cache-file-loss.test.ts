// The cache file deleted or damaged while the app is closed. Deleted (or emptied): the next sync
// rebuilds it from the store, equal to the original. Damaged: either the same rebuild, or a refusal
// whose first line names the file and says it is damaged — and the damaged file is never altered.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import { generateDemoLab } from '../../../electron/core/demo/index';
import { runCli } from '../../e2e/support/start-serve';
import { migrationsDir } from '../../helpers/api-fuzz-lab';
import { dumpCache } from '../sync/support/cache-dump';

let dir: string;
let store: string;
let goodDb: string;
let reference: Record<string, unknown[]>;

function dump(file: string): Record<string, unknown[]> {
  const cache = openCacheDatabase({ file, migrationsDir, readonly: true });
  try {
    return dumpCache(cache.sqlite);
  } finally {
    cache.close();
  }
}

/** A copy of the good cache, damaged by `harm`. */
function damagedCopy(name: string, harm: (file: string) => void): string {
  const file = path.join(dir, `${name}.sqlite`);
  fs.copyFileSync(goodDb, file);
  harm(file);
  return file;
}

const overwrite = (offset: (size: number) => number, bytes: Buffer) => (file: string) => {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, bytes, 0, bytes.length, offset(fs.statSync(file).size));
  } finally {
    fs.closeSync(fd);
  }
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cache-loss-'));
  store = path.join(dir, 'lab');
  await generateDemoLab({ outDir: store, seed: 3, size: 'small', asOf: new Date('2025-06-02T00:00:00Z') });
  for (const run of fs.readdirSync(path.join(store, 'runs')).sort().slice(8)) fs.rmSync(path.join(store, 'runs', run), { recursive: true });
  goodDb = path.join(dir, 'good.sqlite');
  const synced = await runCli(['sync', '--store', store, '--db', goodDb]);
  expect(synced.code, synced.stderr).toBe(0);
  // A checkpointed, closed cache: what is left on disk when the app has quit.
  const cache = openCacheDatabase({ file: goodDb, migrationsDir });
  cache.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  cache.close();
  reference = dump(goodDb);
  expect(reference.runs!.length).toBe(8);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a cache deleted or emptied while the app is closed', () => {
  it('is rebuilt from the store by the next sync, equal to the original', async () => {
    const deleted = path.join(dir, 'deleted.sqlite');
    const emptied = damagedCopy('emptied', (file) => fs.truncateSync(file, 0));
    for (const file of [deleted, emptied]) {
      const result = await runCli(['sync', '--store', store, '--db', file]);
      expect(result.code, result.stderr).toBe(0);
      expect(dump(file)).toEqual(reference);
    }
  });
});

describe('a cache damaged while the app is closed', () => {
  const cases: Array<[string, (file: string) => void]> = [
    ['its header overwritten', overwrite(() => 0, Buffer.from('garbage!'.repeat(12)))],
    ['pages in the middle overwritten', overwrite((size) => Math.floor(size / 2), Buffer.alloc(16_384, 0xa5))],
    ['cut to half its size', (file) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))],
    ['replaced by a text file', (file) => fs.writeFileSync(file, 'these are my notes, not a database\n')],
  ];

  for (const [what, harm] of cases) {
    it(`with ${what}: rebuilt from the store, or refused with a first line that names the file, and never altered`, async () => {
      const file = damagedCopy(what.replace(/\W+/g, '-'), harm);
      const damagedBytes = fs.readFileSync(file);
      const result = await runCli(['sync', '--store', store, '--db', file]);
      if (result.code === 0) {
        expect(dump(file)).toEqual(reference);
        return;
      }
      expect(result.code).toBe(1);
      const firstLine = result.stderr.split('\n')[0]!;
      expect(firstLine).toContain(path.basename(file));
      expect(firstLine).toMatch(/damaged|not a database|malformed/);
      expect(result.stdout).toBe('');
      expect(fs.readFileSync(file).equals(damagedBytes)).toBe(true);
    });
  }
});
