// One store holding every kind of bad input the format names, next to good data, with the
// issues and the exact histories a sync must produce. Shared by the issue test and the crash test.
import fs from 'node:fs';
import path from 'node:path';
import { metricsLines, runJson, storeMarker, writeFiles } from './lab-store-fixture';

export interface ExpectedIssue {
  path: string;
  line: number | null;
  code: string;
}

export interface EveryCaseStore {
  expectedIssues: ExpectedIssue[];
  /** run id → metric → exported history. */
  expectedHistories: Record<string, Record<string, Array<[number, number | string]>>>;
  /** Runs that must be in the cache. */
  expectedRuns: string[];
}

const OVER_ONE_MIB = `{"step": 99, "loss": 1, "pad": "${'x'.repeat(1024 * 1024 + 10)}"}`;

const mixedLines = [
  '{"step": 0, "loss": 3.0, "acc": 0.1, "tokens": 0, "time": 1764412800}', // 1
  'this is not json', // 2
  '[1, 2, 3]', // 3
  '{"loss": 2.9}', // 4: step missing
  '{"step": -1, "loss": 2.9}', // 5: negative step
  '{"step": 1.5, "loss": 2.9}', // 6: fractional step
  '{"step": 2, "loss": "oops", "acc": 0.2}', // 7: bad value, acc kept
  OVER_ONE_MIB, // 8: over 1 MiB
  '{"step": 3, "loss": "NaN", "acc": "Infinity", "grad_norm": "-Infinity", "skipped": null}', // 9
  '', // 10: blank, no issue
  '{"step": 4, "loss": 2.5, "tokens": "many"}', // 11: bad tokens, loss kept
  '\u0000\u0001\u0002garbage', // 12: binary line
  '{"step": "5", "loss": 1}', // 13: step as a string
  '{"step": 5, "loss": 2.4, "acc": true}', // 14: bad value (boolean), loss kept
];

export function writeEveryCaseStore(root: string, outside: string): EveryCaseStore {
  fs.mkdirSync(outside, { recursive: true });
  writeFiles(outside, {
    'run/run.json': runJson('r-outside'),
    'run/metrics.jsonl': metricsLines([{ step: 0, loss: 1 }]),
    'secret.jsonl': metricsLines([{ step: 0, loss: 42 }]),
  });
  const goodMetrics = metricsLines([
    { step: 0, tokens: 0, time: 1764412800, 'train/loss': 3.2, 'eval/c4/loss': 3.3 },
    { step: 10, tokens: 40960, time: 1764412810, 'train/loss': 2.9 },
    { step: 20, tokens: 81920, time: 1764412820, 'train/loss': 'NaN', 'eval/c4/loss': 2.8 },
  ]);
  writeFiles(root, {
    'tessera-store.json': storeMarker('Every case'),
    'team.yaml': [
      'areas: [model, data]',
      'people:',
      '  - {id: ana, name: Ana Ruiz, area: model}',
      '  - {id: "../root", name: Intruder, area: model}',
      '  - {id: raj, name: Raj, area: data}',
      'phases:',
      '  - {name: Scale-up, start: 2026-07-01, end: 2026-09-30, target_exploratory: 0.5}',
      'evals:',
      '  - {prefix: eval/heldout/, name: Held-out, kind: internal}',
      '',
    ].join('\n'),
    'runs/r-good/run.json': runJson('r-good', { name: 'good', model: { params: 1e8 }, data: { tokens: 2e9 } }),
    'runs/r-good/metrics.jsonl': goodMetrics,
    'runs/r-good/status.json': JSON.stringify({ state: 'finished', updated_at: '2026-10-02T00:00:00Z' }),
    'runs/r-bom-crlf/run.json': `\ufeff${runJson('r-bom-crlf')}\r\n`,
    'runs/r-bom-crlf/metrics.jsonl': `\ufeff{"step": 0, "loss": 2.0}\r\n{"step": 1, "loss": 1.5}\r\n`,
    'runs/r-mixed/run.json': runJson('r-mixed'),
    'runs/r-mixed/metrics.jsonl': `${mixedLines.join('\n')}\n{"step": 6, "loss": 2.3`,
    'runs/r-empty/run.json': runJson('r-empty'),
    'runs/r-empty/metrics.jsonl': '',
    'runs/r-binary/run.json': runJson('r-binary'),
    'runs/r-binary/metrics.jsonl': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    'runs/r-mismatch/run.json': runJson('r-other'),
    'runs/r-mismatch/metrics.jsonl': metricsLines([{ step: 0, loss: 1 }]),
    'runs/r-traverse/run.json': runJson('../../etc'),
    'runs/bad id/run.json': runJson('bad id'),
    'runs/-dash/run.json': runJson('-dash'),
    'runs/..hidden/run.json': runJson('..hidden'),
    'runs/r-no-json/metrics.jsonl': metricsLines([{ step: 0, loss: 1 }]),
    'runs/r-empty-json/run.json': '',
    'runs/r-binary-json/run.json': Buffer.from([0x7b, 0x00, 0x00, 0x7d]),
    'runs/r-no-created/run.json': JSON.stringify({ id: 'r-no-created' }),
    'runs/r-file-link/run.json': runJson('r-file-link'),
    'runs/r-link-in/run.json': runJson('r-link-in'),
    'ablations/abl-1.yaml': 'id: abl-1\ntitle: MTP\nmetric: train/loss\ncompare_at: tokens\nbaseline: base\n',
    'ablations/abl-bad.yaml': 'id: ../x\ntitle: Sneaky\n',
    'ablations/bad name.yaml': 'title: Spaces\n',
    'ablations/abl-broken.yaml': 'id: abl-broken\ntitle: [unclosed\nmetric: x\n',
    'ablations/notes.txt': 'not an ablation\n',
    'proposals/p-1.md': '---\nid: p-1\ntitle: MTP head\nstatus: active\nkind: exploratory\n---\nWhy.\n',
    'proposals/p-unclosed.md': '---\nid: p-unclosed\ntitle: Never closed\n',
    'proposals/p-badyaml.md': '---\nid: p-badyaml\ntitle: ok\npeople: [{id: ana, share: 0.5}\n---\nBody\n',
    'proposals/p-nofm.md': '# Just markdown\n',
    'proposals/p-mismatch.md': '---\nid: p-other\ntitle: Wrong id\n---\n',
    'events/2026/11/01JDQ7A0000000000000000001.json': JSON.stringify({ id: '01JDQ7A0000000000000000001', at: '2026-11-20T10:00:00Z', author: 'ana', type: 'decision', target: 'p-1', decision: 'drop', rationale: 'No gain.' }),
    'events/2026/11/01JDQ7A0000000000000000002.json': JSON.stringify({ at: '2026-11-20T11:00:00Z', type: 'vote', target: 'p-1' }),
    'events/2026/11/01JDQ7A0000000000000000003.json': JSON.stringify({ at: '2026-11-20T12:00:00Z', type: 'decision', target: 'p-1', decision: 'adopt' }),
    'events/2026/11/01JDQ7A0000000000000000004.json': '{"at": "2026-11-20T12:00:00Z", "type": ',
    'events/2026/11/01JDQ7A0000000000000000005.json': JSON.stringify({ id: '../../x', at: '2026-11-20T12:00:00Z', type: 'comment', target: 'p-1', text: 'hi' }),
    'events/2026/13/01JDQ7A0000000000000000006.json': JSON.stringify({ at: '2026-11-20T12:00:00Z', type: 'comment', target: 'p-1', text: 'hi' }),
  });
  fs.symlinkSync(path.join(outside, 'run'), path.join(root, 'runs', 'r-link-out'));
  fs.symlinkSync(path.join(outside, 'secret.jsonl'), path.join(root, 'runs', 'r-file-link', 'metrics.jsonl'));
  fs.symlinkSync('../r-good/metrics.jsonl', path.join(root, 'runs', 'r-link-in', 'metrics.jsonl'));

  const goodHistories = {
    'train/loss': [[0, 3.2], [10, 2.9], [20, 'NaN']] as Array<[number, number | string]>,
    'eval/c4/loss': [[0, 3.3], [20, 2.8]] as Array<[number, number | string]>,
  };
  return {
    expectedRuns: ['r-binary', 'r-bom-crlf', 'r-empty', 'r-file-link', 'r-good', 'r-link-in', 'r-mixed'],
    expectedHistories: {
      'r-good': goodHistories,
      'r-link-in': goodHistories,
      'r-bom-crlf': { loss: [[0, 2.0], [1, 1.5]] },
      'r-mixed': {
        loss: [[0, 3.0], [3, 'NaN'], [4, 2.5], [5, 2.4]],
        acc: [[0, 0.1], [2, 0.2], [3, 'Infinity']],
        grad_norm: [[3, '-Infinity']],
      },
    },
    expectedIssues: [
      { path: 'ablations/abl-bad.yaml', line: 1, code: 'invalid-id' },
      { path: 'ablations/abl-broken.yaml', line: 3, code: 'invalid-yaml' },
      { path: 'ablations/bad name.yaml', line: null, code: 'invalid-id' },
      { path: 'ablations/notes.txt', line: null, code: 'unexpected-entry' },
      { path: 'events/2026/11/01JDQ7A0000000000000000002.json', line: null, code: 'unknown-event-type' },
      { path: 'events/2026/11/01JDQ7A0000000000000000003.json', line: null, code: 'missing-field' },
      { path: 'events/2026/11/01JDQ7A0000000000000000004.json', line: null, code: 'invalid-json' },
      { path: 'events/2026/11/01JDQ7A0000000000000000005.json', line: null, code: 'invalid-id' },
      { path: 'events/2026/13', line: null, code: 'unexpected-entry' },
      { path: 'proposals/p-badyaml.md', line: 4, code: 'invalid-front-matter' },
      { path: 'proposals/p-mismatch.md', line: 2, code: 'id-mismatch' },
      { path: 'proposals/p-nofm.md', line: 1, code: 'invalid-front-matter' },
      { path: 'proposals/p-unclosed.md', line: 1, code: 'invalid-front-matter' },
      { path: 'runs/-dash', line: null, code: 'invalid-id' },
      { path: 'runs/..hidden', line: null, code: 'invalid-id' },
      { path: 'runs/bad id', line: null, code: 'invalid-id' },
      { path: 'runs/r-binary-json/run.json', line: null, code: 'binary-file' },
      { path: 'runs/r-binary/metrics.jsonl', line: null, code: 'binary-file' },
      { path: 'runs/r-empty-json/run.json', line: null, code: 'empty-file' },
      { path: 'runs/r-file-link/metrics.jsonl', line: null, code: 'symlink-outside-store' },
      { path: 'runs/r-link-out', line: null, code: 'symlink-outside-store' },
      { path: 'runs/r-mismatch/run.json', line: null, code: 'id-mismatch' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 2, code: 'invalid-json' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 3, code: 'not-object' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 4, code: 'invalid-step' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 5, code: 'invalid-step' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 6, code: 'invalid-step' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 7, code: 'invalid-value' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 8, code: 'line-too-long' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 11, code: 'invalid-value' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 12, code: 'binary-line' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 13, code: 'invalid-step' },
      { path: 'runs/r-mixed/metrics.jsonl', line: 14, code: 'invalid-value' },
      { path: 'runs/r-no-created/run.json', line: null, code: 'missing-field' },
      { path: 'runs/r-no-json/run.json', line: null, code: 'missing-file' },
      { path: 'runs/r-traverse/run.json', line: null, code: 'invalid-id' },
      { path: 'team.yaml', line: 4, code: 'invalid-field' },
    ],
  };
}
