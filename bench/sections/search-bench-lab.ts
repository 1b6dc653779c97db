// The stores the search benchmark reads: the large demo lab (kept between runs in the temp folder, as
// generating it takes about a minute) and a text-heavy lab written here — thousands of runs with
// configs and tags, hundreds of proposals with long bodies, thousands of decisions and comments — so
// the index holds more text than the demo lab's 37 proposals. Both are deterministic.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoLab } from '../../electron/core/demo';
import { createSeededRandom } from '../../shared/random/seeded-random';

const STORES_DIR = path.join(os.tmpdir(), 'tessera-bench-stores');

export async function largeDemoLabStore(): Promise<string> {
  const dir = path.join(STORES_DIR, 'demo-large-seed1');
  const done = `${dir}.complete`;
  if (fs.existsSync(done) && fs.existsSync(dir)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(STORES_DIR, { recursive: true });
  await generateDemoLab({ outDir: dir, seed: 1, size: 'large', asOf: new Date('2026-11-29T08:00:00Z') });
  fs.writeFileSync(done, new Date().toISOString());
  return dir;
}

const WORDS = (
  'loss eval tokens batch warmup decay schedule learning rate optimizer adamw muon lion momentum weight norm layer attention ' +
  'head heads query key value rotary position embedding vocabulary tokenizer byte fallback mixture experts routing capacity ' +
  'dense sparse gate expert shard shards checkpoint restart preemption pipeline tensor parallel data parallelism sequence ' +
  'context window sliding long short memory activation recompute fp8 bf16 precision matmul kernel fused flash throughput ' +
  'latency step steps ladder scaling law chinchilla compute optimal params flops budget chip hours cluster slice network ' +
  'dedup minhash fuzzy exact quality classifier filter threshold web crawl snapshot code math books wiki multilingual ' +
  'curriculum domain weights doremi synthetic rephrased contamination benchmark held out public internal suite harness ' +
  'noise floor seeds variance delta gain regression spike divergence instability logits softmax z-loss clipping gradient ' +
  'accumulation micro global size scale transfer parametrization mup width depth init initialisation residual prenorm ' +
  'postnorm qk-norm layernorm rmsnorm swiglu gelu mlp block blocks interleaved schedule 1f1b bubble stage stages ' +
  'launch recipe baseline variant ablation result results drop park adopt revisit later promising inconclusive cost ' +
  'complexity knobs infra risk tax owner team review decision rationale evidence matched compare holds vanishes'
).split(' ');

/** About `chars` characters of ordinary lab words in sentences: a proposal body no one would call hostile. */
export function ordinaryText(chars: number, seed = 11): string {
  const random = createSeededRandom(seed).next;
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const sentence = `${Array.from({ length: 6 + Math.floor(random() * 10) }, () => WORDS[Math.floor(random() * WORDS.length)]!).join(' ')}.`;
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return parts.join(' ');
}

export interface TextLabSize {
  runs: number;
  proposals: number;
  events: number;
}

/** Writes the text-heavy lab into `dir` (which must not exist yet). */
export function writeTextHeavyLab(dir: string, size: TextLabSize, seed = 7): void {
  const random = createSeededRandom(seed).next;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentences = (n: number) => Array.from({ length: n }, () => `${words(int(6, 16))}.`).join(' ');
  const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const people = ['ana', 'raj', 'kim', 'lena', 'kofi', 'mei', 'omar', 'ines', 'yuki', 'sara', 'tomas', 'priya'];
  const areas = ['model', 'data', 'infra', 'eval'];
  write('tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Text-heavy lab' }));
  write('team.yaml', `areas: [${areas.join(', ')}]\npeople:\n${people.map((id, i) => `  - {id: ${id}, name: ${id}, area: ${areas[i % areas.length]}}`).join('\n')}\n`);
  const proposalIds: string[] = [];
  for (let i = 0; i < size.proposals; i++) {
    const id = `p-${String(i + 1).padStart(4, '0')}`;
    proposalIds.push(id);
    const front = [
      `id: ${id}`,
      `title: ${words(int(3, 7))}`,
      `owner: ${pick(people)}`,
      `area: ${pick(areas)}`,
      `kind: ${pick(['critical-path', 'exploratory'])}`,
      `status: ${pick(['proposed', 'active', 'promising', 'active'])}`,
      `created: ${day(int(0, 330))}`,
      `expected: {metric: eval/c4/loss, delta: -0.0${int(1, 9)}}`,
    ];
    const body = Array.from({ length: int(3, 8) }, () => sentences(int(3, 7))).join('\n\n');
    write(`proposals/${id}.md`, `---\n${front.join('\n')}\n---\n${body}\n`);
  }
  const runIds: string[] = [];
  for (let i = 0; i < size.runs; i++) {
    const id = `r-${String(i + 1).padStart(5, '0')}`;
    runIds.push(id);
    const group = `${pick(WORDS)}-v${int(1, 5)}`;
    const config: Record<string, unknown> = {};
    for (let k = int(8, 15); k > 0; k--) config[`${pick(WORDS)}_${pick(WORDS)}`] = random() < 0.5 ? Number((random() * 10).toPrecision(3)) : pick(WORDS);
    const run = {
      id,
      name: `${group} ${pick(['51M', '124M', '302M', '708M', '1.1B', '2.2B'])} ${words(2)}`,
      created_at: `${day(int(0, 330))}T${String(int(0, 23)).padStart(2, '0')}:00:00Z`,
      owner: pick(people),
      group,
      proposal: pick(proposalIds),
      config,
      tags: Array.from({ length: int(1, 3) }, () => pick(WORDS)),
    };
    write(`runs/${id}/run.json`, JSON.stringify(run));
  }
  for (let i = 0; i < size.events; i++) {
    const id = `01JB${String(i).padStart(22, '0')}`;
    const at = `${day(int(0, 330))}T${String(int(0, 23)).padStart(2, '0')}:00:00Z`;
    const decision = random() < 0.4;
    const event = decision
      ? { id, at, author: pick(people), type: 'decision', target: pick(proposalIds), decision: pick(['adopt', 'drop', 'park', 'continue']), rationale: sentences(int(1, 3)) }
      : { id, at, author: pick(people), type: 'comment', target: random() < 0.6 ? pick(proposalIds) : pick(runIds), text: sentences(int(1, 2)) };
    write(`events/${at.slice(0, 4)}/${at.slice(5, 7)}/${id}.json`, JSON.stringify(event));
  }
}
