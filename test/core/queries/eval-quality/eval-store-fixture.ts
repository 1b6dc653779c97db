// A lab store whose eval properties are known by construction, written file by file as the format
// asks and synced by the real engine. 40 ablations (baseline + one variant, 3 seeds per arm) at a
// small (1e8) and a large (1e9) model size; every 4th also at 3e8, with an effect of the opposite sign
// there so a query that compared the wrong sizes would be caught. Every eval value is
//   base − trend·(tokens / planned tokens) + seed offset ~ N(0, σ) + the variant's effect at that size,
// so two seeds of one group differ only by σ at matched tokens (and by trend·Δtokens if read unmatched:
// every 5th ablation's large variant has a seed that stopped at 60 %).
// - eval/heldout/good/loss: small effect = K · large effect + N(0, SMALL_NOISE): a good proxy.
// - eval/public/bad/acc:   small and large effects independent: a poor proxy.
// - eval/public/proxy/acc: built like the good one, but a public benchmark.
// - eval/heldout/sparse/loss: logged only by abl-000..abl-002, too few pairs for a verdict.
// - eval/misc/tokens_per_sec: under no suite (unclassified); train/loss is no eval at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCacheDatabase, type CacheDatabase } from '../../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../../electron/core/sync/sync-folder';
import { createSeededRandom } from '../../../../shared/random/seeded-random';

export const migrationsDir = path.resolve(__dirname, '..', '..', '..', '..', 'migrations');

export const GOOD = 'eval/heldout/good/loss';
export const BAD = 'eval/public/bad/acc';
export const PROXY = 'eval/public/proxy/acc';
export const SPARSE = 'eval/heldout/sparse/loss';
export const MISC = 'eval/misc/tokens_per_sec';

/** Seed standard deviation of each eval. */
export const SIGMA: Record<string, number> = { [GOOD]: 0.002, [BAD]: 0.004, [PROXY]: 0.003, [SPARSE]: 0.002, [MISC]: 0.5 };
export const ABLATIONS = 40;
export const SEEDS = 3;
/** Small-scale effect = K · large-scale effect + N(0, SMALL_NOISE) for the good evals. */
export const K = 0.5;
export const SMALL_NOISE = 0.001;
/** Standard deviation of the true large-scale effects (and of the bad eval's independent ones). */
export const EFFECT_SD = 0.01;
const TREND = 0.5;
const STEPS = 10;
const SMALL = 1e8;
const MIDDLE = 3e8;
const LARGE = 1e9;

export interface TrueEffects {
  ablation: string;
  /** Effect of the variant per eval at the small and the large size. */
  small: Record<string, number>;
  large: Record<string, number>;
}

export interface EvalLab {
  root: string;
  truths: TrueEffects[];
  /** Groups of seeds per eval that hold 2 or more runs (each ablation × variant × size). */
  groups: Record<string, number>;
}

const pad = (i: number) => String(i).padStart(3, '0');

function write(root: string, file: string, text: string): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

function metricForAblation(i: number): string {
  if (i === 2) return SPARSE;
  if (i >= 35) return PROXY;
  if (i >= 30) return BAD;
  return GOOD;
}

const PROPOSALS: { id: string; ablations: number[]; expected?: string }[] = [
  { id: 'p-good', ablations: [0], expected: `{metric: ${GOOD}, delta: -0.004}` },
  { id: 'p-bad', ablations: [30] },
  { id: 'p-public', ablations: [35] },
  { id: 'p-mixed', ablations: [1, 36] },
  { id: 'p-sparse', ablations: [2] },
  { id: 'p-empty', ablations: [], expected: '{metric: train/loss}' },
];

export function writeEvalStore(root: string, seed = 7): EvalLab {
  const normal = createSeededRandom(seed).normal;
  write(root, 'tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Eval lab' }));
  write(
    root,
    'team.yaml',
    ['evals:', '  - {prefix: eval/heldout/, name: Internal held-out, kind: internal}', '  - {prefix: eval/public/, name: Public benchmarks, kind: public}', ''].join('\n'),
  );
  for (const p of PROPOSALS) {
    const lines = ['---', `id: ${p.id}`, `title: Proposal ${p.id}`, 'status: active'];
    if (p.expected) lines.push(`expected: ${p.expected}`);
    write(root, `proposals/${p.id}.md`, [...lines, '---', 'Known by construction.', ''].join('\n'));
  }
  const proposalOf = (i: number) => PROPOSALS.find((p) => p.ablations.includes(i))?.id;
  const truths: TrueEffects[] = [];
  const groups: Record<string, number> = { [GOOD]: 0, [BAD]: 0, [PROXY]: 0, [SPARSE]: 0, [MISC]: 0 };
  let runIndex = 0;
  for (let i = 0; i < ABLATIONS; i++) {
    const id = `abl-${pad(i)}`;
    const proposal = proposalOf(i);
    write(root, `ablations/${id}.yaml`, [`id: ${id}`, `metric: ${metricForAblation(i)}`, 'compare_at: tokens', 'baseline: base', ...(proposal ? [`proposal: ${proposal}`] : []), ''].join('\n'));
    const goodLarge = EFFECT_SD * normal();
    const proxyLarge = EFFECT_SD * normal();
    const large = { [GOOD]: goodLarge, [BAD]: EFFECT_SD * normal(), [PROXY]: proxyLarge, [SPARSE]: goodLarge, [MISC]: 0 };
    const small = {
      [GOOD]: K * goodLarge + SMALL_NOISE * normal(),
      [BAD]: EFFECT_SD * normal(),
      [PROXY]: K * proxyLarge + SMALL_NOISE * normal(),
      [SPARSE]: K * goodLarge,
      [MISC]: 0,
    };
    truths.push({ ablation: id, small, large });
    const sizes = i % 4 === 0 ? [SMALL, MIDDLE, LARGE] : [SMALL, LARGE];
    for (const params of sizes) {
      const effects: Record<string, number> = params === SMALL ? small : params === LARGE ? large : Object.fromEntries(Object.entries(large).map(([k, v]) => [k, -3 * v]));
      const keys = i <= 2 ? Object.keys(SIGMA) : Object.keys(SIGMA).filter((k) => k !== SPARSE);
      for (const key of keys) groups[key]! += 2;
      for (const variant of ['base', 'var']) {
        for (let s = 1; s <= SEEDS; s++) {
          const runId = `r-${String(++runIndex).padStart(4, '0')}`;
          const plannedTokens = 20 * params;
          const stopped = variant === 'var' && params === LARGE && s === SEEDS && i % 5 === 0;
          const run = { id: runId, created_at: '2026-10-01T00:00:00Z', ablation: id, variant, seed: s, model: { params }, data: { tokens: plannedTokens } };
          write(root, `runs/${runId}/run.json`, JSON.stringify(run));
          const offsets = Object.fromEntries(keys.map((k) => [k, SIGMA[k]! * normal()]));
          const lastStep = stopped ? 6 : STEPS;
          const lines: string[] = [];
          for (let step = 0; step <= lastStep; step++) {
            const fraction = step / STEPS;
            const line: Record<string, number> = { step, tokens: fraction * plannedTokens, 'train/loss': 3 - fraction };
            for (const key of keys) {
              const base = key === MISC ? 1000 : key.endsWith('acc') ? 0.5 : 3;
              line[key] = base - TREND * fraction + offsets[key]! + (variant === 'var' ? effects[key]! : 0);
            }
            lines.push(JSON.stringify(line));
          }
          write(root, `runs/${runId}/metrics.jsonl`, lines.join('\n') + '\n');
          write(root, `runs/${runId}/status.json`, JSON.stringify({ state: stopped ? 'running' : 'finished', updated_at: '2026-10-02T00:00:00Z' }));
        }
      }
    }
  }
  return { root, truths, groups };
}

export interface SyncedEvalLab extends EvalLab {
  dbFile: string;
  cache: CacheDatabase;
}

/** The store written to a fresh temporary folder and synced into a fresh cache there. */
export async function syncedEvalLab(seed = 7): Promise<SyncedEvalLab> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-eval-quality-'));
  const lab = writeEvalStore(path.join(dir, 'lab'), seed);
  const dbFile = path.join(dir, 'cache.sqlite');
  const cache = openCacheDatabase({ file: dbFile, migrationsDir });
  const summary = await syncFolder(cache, lab.root);
  if (summary.issues.length > 0) throw new Error(`the eval lab synced with issues: ${JSON.stringify(summary.issues.slice(0, 3))}`);
  return { ...lab, dbFile, cache };
}
