// Eval-area proposals: held-out sets, noise floors and which benchmarks to trust.
import { complexity } from './proposal-spec';
import type { ProposalSpec } from './proposal-spec';

export const EVAL_PROPOSALS: ProposalSpec[] = [
  {
    id: 'p-023', title: 'Internal held-out code set v2', owner: 'priya', area: 'eval', kind: 'critical-path',
    status: 'adopted', createdDay: -108, people: [['priya', 0.5], ['jonas', 0.4]], chipHours: 300,
    complexity: complexity(1, 0, 0, 0, 0),
    why: 'The old code set was scraped from public repositories that are in the training data. A held-out set must never be.',
    plan: ['40k functions written after the crawl cut-off, from our own repositories.', 'Loss per token, no sampling.'],
    snippet: { lang: 'yaml', code: 'eval:\n  name: heldout/code\n  metric: loss\n  documents: 40000\n  cutoff: after-crawl' },
    link: { text: 'Eval wiki: held-out sets', url: 'https://wiki.tessera-lab.example/eval/held-out' },
    decisions: [{ at: { day: -85, hour: 15 }, author: 'priya', decision: 'adopt', rationale: 'Seed noise 0.008, zero 13-gram overlap with web-v5.' }],
  },
  {
    id: 'p-024', title: 'Noise floor for every eval, every ablation', owner: 'priya', area: 'eval', kind: 'critical-path',
    status: 'active', createdDay: -44, people: [['priya', 0.5], ['jonas', 0.3]], chipHours: 200,
    complexity: complexity(1, 0, 0, 0, 0),
    why: 'Half of last quarter\'s decisions rested on deltas smaller than the seed-to-seed spread of the eval they used.',
    plan: ['Two seeds per variant as the minimum.', 'Report the minimum detectable effect next to every delta.'],
    snippet: { lang: 'python', code: 'mde = (z_alpha + z_power) * noise_floor * (2 / seeds) ** 0.5' },
    link: { text: 'Eval wiki: noise floors', url: 'https://wiki.tessera-lab.example/eval/noise-floor' },
  },
  {
    id: 'p-025', title: 'Replace ARC-Easy in the decision suite', owner: 'amara', area: 'eval', kind: 'critical-path',
    status: 'promising', createdDay: -20, people: [['amara', 0.4], ['priya', 0.3]], chipHours: 400,
    complexity: complexity(1, 0, 0, 1, 0),
    why: 'ARC-Easy has a tiny noise floor at 124M, which is why people trust it, but its small-scale deltas do not predict the 708M ones.',
    plan: ['Compare small- and large-scale deltas of every eval across the multi-scale ablations.', 'Keep the evals whose rank correlation is high.'],
    snippet: { lang: 'yaml', code: 'decision_suite:\n  - eval/heldout/c4/loss\n  - eval/heldout/code/loss\n  # arc-easy: removed, small-scale deltas do not predict' },
    link: { text: 'Think you have Solved Question Answering? Try ARC', url: 'https://arxiv.org/abs/1803.05457' },
    comments: [{ at: { day: -4, hour: 15 }, author: 'amara', text: 'ARC-Easy deltas at 124M have no rank relation to the 708M ones across the multi-scale ablations; held-out C4 keeps its ranking.' }],
  },
  {
    id: 'p-026', title: 'Long-context eval suite', owner: 'priya', area: 'eval', kind: 'exploratory',
    status: 'proposed', createdDay: -8, people: [['priya', 0.1]], chipHours: 1000,
    complexity: complexity(2, 1, 1, 1, 0.01),
    why: 'Nothing we run measures more than 2k tokens of context; the next model targets 32k.',
    plan: ['Needle retrieval, multi-hop tracing and aggregation at 4k to 32k.', 'Run on every 1.46B checkpoint.'],
    snippet: { lang: 'yaml', code: 'eval:\n  name: long-context\n  lengths: [4096, 8192, 16384, 32768]\n  tasks: [needle, multi-hop, aggregate]' },
    link: { text: 'RULER', url: 'https://arxiv.org/abs/2404.06654' },
  },
  {
    id: 'p-027', title: 'Contamination audit of public benchmarks', owner: 'amara', area: 'eval', kind: 'exploratory',
    status: 'active', createdDay: -38, people: [['amara', 0.3], ['yuki', 0.3], ['sara', 0.3]], chipHours: 100,
    complexity: complexity(1, 0, 0, 0, 0),
    why: 'If public sets leak into web data, which of them can still be used, and for what?',
    plan: ['Overlap of every public set with each mixture version.', 'Loss on leaked against clean items.'],
    snippet: { lang: 'bash', code: 'overlap-report --evals public --mixtures web-v3,web-v4,web-v5 --ngram 13' },
    link: { text: 'Eval wiki: contamination', url: 'https://wiki.tessera-lab.example/eval/contamination' },
  },
  {
    id: 'p-028', title: 'Per-domain loss breakdown', owner: 'jonas', area: 'eval', kind: 'exploratory',
    status: 'inconclusive', createdDay: -90, people: [['jonas', 0.5], ['kofi', 0.3]], chipHours: 300,
    complexity: complexity(1, 1, 0, 0, 0.005),
    why: 'One held-out loss hides which domains a change helps; a breakdown would explain mixture effects.',
    plan: ['Tag held-out documents with 22 domains.', 'Report loss per domain for every ablation.'],
    snippet: { lang: 'yaml', code: 'eval:\n  name: heldout/c4\n  breakdown: domain\n  domains: 22' },
    link: { text: 'Eval wiki: domain tags', url: 'https://wiki.tessera-lab.example/eval/domains' },
    decisions: [{ at: { day: -49, hour: 15 }, author: 'priya', decision: 'park', rationale: 'Per-domain deltas are too noisy at 124M to act on; revisit with three seeds.' }],
  },
];
