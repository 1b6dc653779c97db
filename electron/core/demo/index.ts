// The demo lab: a deterministic lab store that looks like a real pretraining team's, generated
// from a seed and an "as of" instant. Same seed and asOf give a byte-identical tree.
import fs from 'node:fs';
import path from 'node:path';
import { ABLATIONS } from './ablation-catalog';
import { ablationRunSpecs, renderAblationYaml } from './ablation-plan';
import { planLabEvents } from './event-plan';
import type { LabEvent } from './event-plan';
import { createLabClock, defaultAsOf, isoInstant } from './lab-clock';
import type { LabClock } from './lab-clock';
import { ladderRunSpecs } from './ladder-plan';
import { PROPOSALS } from './proposal-catalog';
import { renderProposalMarkdown } from './proposal-markdown';
import { buildRunPlan } from './run-builder';
import { countRunPoints } from './run-layout';
import type { RunPlan } from './run-plan';
import { smokeRunSpecs } from './smoke-plan';
import { sweepRunSpecs } from './sweep-plan';
import { longRunSpecs } from './year-plan';
import { PEOPLE, renderTeamYaml } from './team';
import { writeDemoRun } from './write-run';

export type DemoLabSize = 'small' | 'large' | 'year';

export interface DemoLabProgress {
  runsWritten: number;
  runsTotal: number;
  points: number;
}

export interface DemoLabOptions {
  outDir: string;
  seed?: number;
  size?: DemoLabSize;
  asOf?: Date;
  onProgress?: (progress: DemoLabProgress) => void;
}

export interface DemoLabSummary {
  root: string;
  seed: number;
  size: DemoLabSize;
  asOf: string;
  runs: number;
  /** Non-null metric values in the runs' final histories (superseded points of a restart excluded). */
  points: number;
  /** Lines of all metrics.jsonl files. */
  metricLines: number;
  ablations: number;
  proposals: number;
  people: number;
  events: number;
  bytes: number;
}

export interface DemoLabPlan {
  seed: number;
  size: DemoLabSize;
  clock: LabClock;
  runs: RunPlan[];
  events: LabEvent[];
}

export const DEFAULT_DEMO_SEED = 1;

/** Density of the metrics files: the large lab logs about ten times as often. */
const DENSITY: Record<DemoLabSize, { linesPerRun: number; evalsPerRun: number; seedsPerVariant: number }> = {
  small: { linesPerRun: 300, evalsPerRun: 25, seedsPerVariant: 2 },
  large: { linesPerRun: 2600, evalsPerRun: 300, seedsPerVariant: 3 },
  // The large lab, plus the long production runs of year-plan (which set their own line counts).
  year: { linesPerRun: 2600, evalsPerRun: 300, seedsPerVariant: 3 },
};

/** Everything the lab will contain, decided up front and without touching the disk. */
export function planDemoLab(options: { seed?: number; size?: DemoLabSize; asOf?: Date } = {}): DemoLabPlan {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const size = options.size ?? 'small';
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`demo seed must be a non-negative integer, got ${seed}`);
  if (size !== 'small' && size !== 'large' && size !== 'year') throw new Error(`demo size must be "small", "large" or "year", got "${String(size)}"`);
  const clock = createLabClock(options.asOf ?? defaultAsOf());
  const density = DENSITY[size];
  const ctx = { seed, clock, linesPerRun: density.linesPerRun, evalsPerRun: density.evalsPerRun };
  const specs = [
    ...ladderRunSpecs(),
    ...ablationRunSpecs(density.seedsPerVariant),
    ...sweepRunSpecs(size === 'small' ? 'small' : 'large'),
    ...smokeRunSpecs(),
    ...(size === 'year' ? longRunSpecs(seed) : []),
  ];
  const runs = specs.map((spec) => buildRunPlan(spec, ctx));
  runs.sort((a, b) => a.createdAtMs - b.createdAtMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const width = Math.max(4, String(runs.length).length);
  runs.forEach((run, i) => (run.id = `r-${String(i + 1).padStart(width, '0')}`));
  return { seed, size, clock, runs, events: planLabEvents(clock, runs, seed) };
}

export async function generateDemoLab(options: DemoLabOptions): Promise<DemoLabSummary> {
  const plan = planDemoLab(options);
  const root = path.resolve(options.outDir);
  prepareEmptyDirectory(root);
  let bytes = 0;
  const write = (relative: string, text: string) => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { flag: 'wx' });
    bytes += Buffer.byteLength(text);
  };

  write('tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Demo lab' }) + '\n');
  write('team.yaml', renderTeamYaml(plan.clock));
  for (const ablation of ABLATIONS) write(`ablations/${ablation.id}.yaml`, renderAblationYaml(ablation));
  for (const proposal of PROPOSALS) write(`proposals/${proposal.id}.md`, renderProposalMarkdown(proposal, plan.clock));
  for (const event of plan.events) {
    const [year, month] = event.at.split('-');
    write(`events/${year}/${month}/${event.id}.json`, JSON.stringify(event) + '\n');
  }

  let points = 0;
  let metricLines = 0;
  for (let i = 0; i < plan.runs.length; i++) {
    const run = plan.runs[i];
    bytes += writeDemoRun(run, root, plan.seed);
    const count = countRunPoints(run);
    points += count.final;
    metricLines += count.lines;
    options.onProgress?.({ runsWritten: i + 1, runsTotal: plan.runs.length, points });
    // Let timers and I/O callbacks (progress bars, the UI) run between runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  return {
    root,
    seed: plan.seed,
    size: plan.size,
    asOf: isoInstant(plan.clock.asOfMs),
    runs: plan.runs.length,
    points,
    metricLines,
    ablations: ABLATIONS.length,
    proposals: PROPOSALS.length,
    people: PEOPLE.length,
    events: plan.events.length,
    bytes,
  };
}

function prepareEmptyDirectory(root: string): void {
  if (fs.existsSync(root)) {
    if (!fs.statSync(root).isDirectory()) throw new Error(`demo lab: ${root} exists and is not a folder`);
    const entries = fs.readdirSync(root);
    if (entries.length > 0) {
      throw new Error(`demo lab: ${root} is not empty (${entries.length} entries); give a new or empty folder so no existing store is overwritten`);
    }
  }
  fs.mkdirSync(root, { recursive: true });
}
