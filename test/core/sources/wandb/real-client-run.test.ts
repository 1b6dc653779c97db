// The offline run the real wandb 0.30 client wrote (test/fixtures/real-clients, see its README for
// what was logged): every value read back bit-exact, and our test writer's framing byte-identical to
// the client's, so runs the tests write are runs wandb would write.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordLogReader } from '../../../../electron/core/sources/wandb/record-log-reader';
import { WandbRunFileReader } from '../../../../electron/core/sources/wandb/run-file-reader';
import type { MetricPoint } from '../../../../electron/core/sources/source-types';
import { frameRecords } from '../../../helpers/wandb-writer';

const wandbDir = join(__dirname, '../../../fixtures/real-clients/wandb-offline/wandb');
const runDir = readdirSync(wandbDir).find((name) => name.startsWith('offline-run-'))!;
const runFile = join(wandbDir, runDir, 'run-f0hcublq.wandb');
const bytes = new Uint8Array(readFileSync(runFile));
/** What was logged, computed by CPython as the client computed it (JS's Math.exp differs in the last bit). */
const expected = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/real-clients/expected-values.json'), 'utf8')).wandb as Record<string, string[]>;
const logged = (metric: string) => expected[metric]!.map(Number);

function series(points: MetricPoint[], metric: string): Array<[number, number]> {
  return points.filter((p) => p.metric === metric).map((p) => [p.step, p.value]);
}

describe('the run the real wandb client wrote', () => {
  it('reads back every logged value exactly, NaN included', () => {
    const reader = new WandbRunFileReader('run-f0hcublq.wandb');
    const { points, issues } = reader.push(bytes);
    expect(issues).toEqual([]);
    const loss = series(points, 'train/loss');
    expect(loss).toHaveLength(500);
    expect(loss).toEqual(logged('train/loss').map((v, s) => [s, v]));
    expect(Number.isNaN(loss[250]![1])).toBe(true);
    expect(series(points, 'train/lr')).toEqual(logged('train/lr').map((v, s) => [s, v]));
    expect(series(points, 'eval/loss')).toEqual(logged('eval/loss').map((v, i) => [i * 50, v]));
    expect(series(points, '_step')).toEqual(Array.from({ length: 500 }, (_, s) => [s, s]));
    // Every row's time is its _timestamp, rising; _runtime counts from the start.
    const times = points.filter((p) => p.metric === '_timestamp');
    expect(times.every((p, i) => i === 0 || p.value >= times[i - 1]!.value)).toBe(true);
    expect(points.filter((p) => p.metric === 'train/loss').map((p) => p.time)).toEqual(times.map((p) => p.value));
    expect(series(points, '_runtime')).toHaveLength(500);
  });

  it('says what the run is: id, name, project, group, job type, tags, config, summary, finished', () => {
    const reader = new WandbRunFileReader('run-f0hcublq.wandb');
    reader.push(bytes);
    const state = reader.snapshot();
    expect(state.run).toMatchObject({ runId: 'f0hcublq', displayName: 'tiny-500', project: 'fixtures', group: 'ladder', jobType: 'train', tags: ['demo'], resumed: false });
    expect(state.run!.startTime).toBeGreaterThan(1.7e9);
    expect(state.config).toEqual({ lr: 3e-4, batch_size: 64, 'model.n_params': 124000000 });
    expect(state.summary).toMatchObject({ final_note: 'done', 'train/loss': logged('train/loss')[499], _step: 499 });
    expect(state.exit).toEqual({ exitCode: 0, runtime: expect.any(Number) });
    expect(state.cursor.offset).toBe(bytes.length);
  });

  it('is framed exactly as the test writer frames the same records', () => {
    const records: Uint8Array[] = [];
    new RecordLogReader().push(bytes, { record: (data) => records.push(data.slice()), problem: (p) => expect.fail(p.reason) });
    expect(records.length).toBeGreaterThan(1500);
    expect(Buffer.compare(frameRecords(records), Buffer.from(bytes))).toBe(0);
  });
});
