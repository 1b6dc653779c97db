// Data-area proposals: mixture, filtering, deduplication and synthetic data.
import { complexity } from './proposal-spec';
import type { ProposalSpec } from './proposal-spec';

const C4 = 'eval/heldout/c4/loss';
const CODE = 'eval/heldout/code/loss';

export const DATA_PROPOSALS: ProposalSpec[] = [
  {
    id: 'p-009', title: 'Web mix v5 with 10 % code', owner: 'lena', area: 'data', kind: 'critical-path',
    status: 'adopted', createdDay: -105, people: [['lena', 0.5], ['kofi', 0.3]], chipHours: 9000,
    expected: { metric: CODE, delta: -0.04 }, complexity: complexity(1, 1, 0, 1, 0.01),
    why: 'The launch model must write code. Web-v4 has under 2 % code, and code loss is where we trail.',
    plan: ['Add 10 % permissively licensed code to web-v5.', 'Check code loss and what web loss pays at three sizes.'],
    snippet: { lang: 'yaml', code: 'mixture: web-v5-code10\nsources:\n  web: 0.82\n  code: 0.10\n  books: 0.05\n  papers: 0.03' },
    link: { text: 'The Stack', url: 'https://arxiv.org/abs/2211.15533' },
    decisions: [{ at: { day: -75, hour: 15 }, author: 'lena', decision: 'adopt', rationale: 'Code loss −0.06 at 708M and the gain grows with size; web loss pays +0.003.' }],
  },
  {
    id: 'p-010', title: 'Fuzzy deduplication (MinHash) v2', owner: 'kofi', area: 'data', kind: 'critical-path',
    status: 'adopted', createdDay: -95, people: [['kofi', 0.6], ['yuki', 0.3]], chipHours: 9000,
    expected: { metric: C4, delta: -0.008 }, complexity: complexity(2, 1, 2, 1, 0.01),
    why: 'Exact dedup leaves boilerplate pages that differ by a date or a counter. They are about 9 % of web-v5.',
    plan: ['MinHash with 5-grams, 20 bands of 10 rows, Jaccard 0.8.', 'Compare at matched tokens at three sizes.'],
    snippet: { lang: 'yaml', code: 'dedup:\n  method: minhash\n  ngram: 5\n  bands: 20\n  rows: 10\n  threshold: 0.8' },
    link: { text: 'Deduplicating Training Data Makes Language Models Better', url: 'https://arxiv.org/abs/2107.06499' },
    decisions: [{ at: { day: -60, hour: 15 }, author: 'lena', decision: 'adopt', rationale: '−0.010 at every size, two seeds each, no eval goes the wrong way.' }],
  },
  {
    id: 'p-011', title: 'Synthetic rephrased web data', owner: 'sara', area: 'data', kind: 'exploratory',
    status: 'dropped', createdDay: -58, people: [['sara', 0.5], ['yuki', 0.3]], chipHours: 15000,
    expected: { metric: C4, delta: -0.01 }, complexity: complexity(3, 2, 3, 2, 0.03),
    why: 'Rephrasing noisy web pages into clean prose is reported to speed up pre-training about 3×.',
    plan: ['Rephrase 25 % of web-v5 tokens with the 7B instruct model.', 'Held-out and public evals at three sizes.'],
    snippet: { lang: 'yaml', code: 'mixture: web-v5-rephrase25\nrephrase:\n  model: instruct-7b\n  styles: [wikipedia, qa]\n  share: 0.25' },
    link: { text: 'Rephrasing the Web', url: 'https://arxiv.org/abs/2401.16380' },
    decisions: [{ at: { day: -3, hour: 11 }, author: 'lena', decision: 'drop', rationale: 'Held-out gain vanishes at 708M; the public-benchmark gains look like question-format leakage.' }],
    comments: [{ at: { day: -6, hour: 9 }, author: 'priya', text: 'HellaSwag and ARC-Easy are up a point at every size; held-out C4 is flat at 708M. Public sets alone would have adopted this.' }],
  },
  {
    id: 'p-012', title: 'Stricter quality-classifier threshold', owner: 'lena', area: 'data', kind: 'critical-path',
    status: 'promising', createdDay: -40, people: [['lena', 0.6], ['yuki', 0.3]], chipHours: 12000,
    expected: { metric: C4, delta: -0.01 }, complexity: complexity(1, 1, 1, 1, 0.01),
    why: 'Keeping only the top of the quality classifier raises quality but repeats data at large budgets.',
    plan: ['Top 30 % and top 15 % against top 50 % at three sizes.', 'Watch the trend with size for repetition.'],
    snippet: { lang: 'yaml', code: 'quality_filter:\n  classifier: fasttext-edu-v2\n  keep_top: 0.30' },
    link: { text: 'The FineWeb Datasets', url: 'https://arxiv.org/abs/2406.17557' },
    comments: [{ at: { day: -5, hour: 16 }, author: 'kofi', text: 'Top 15 % repeats the data 1.6× at 708M × 14B; its edge over top 30 % is shrinking with size.' }],
  },
  {
    id: 'p-013', title: 'Domain weights from DoReMi', owner: 'yuki', area: 'data', kind: 'exploratory',
    status: 'inconclusive', createdDay: -110, people: [['yuki', 0.4], ['lena', 0.2]], chipHours: 8000,
    expected: { metric: C4, delta: -0.01 }, complexity: complexity(3, 3, 1, 2, 0.03),
    why: 'Mixture weights are hand-set. A small proxy model can learn them by minimising the worst-case excess loss.',
    plan: ['Train a 124M proxy with group DRO over 22 domains.', 'Re-weight web-v5 and compare at 124M and 302M.'],
    snippet: { lang: 'python', code: 'weights = doremi(proxy="124M", reference="124M-uniform", domains=22, steps=20_000)' },
    link: { text: 'DoReMi', url: 'https://arxiv.org/abs/2305.10429' },
    decisions: [{ at: { day: -70, hour: 15 }, author: 'lena', decision: 'park', rationale: 'Weights moved toward code and books, but the 124M gain is inside the noise floor.' }],
  },
  {
    id: 'p-014', title: 'Multilingual share of 15 %', owner: 'yuki', area: 'data', kind: 'exploratory',
    status: 'proposed', createdDay: -10, people: [['yuki', 0.2], ['lena', 0.2]], chipHours: 20000,
    expected: { metric: C4, delta: 0.005 }, complexity: complexity(2, 1, 1, 2, 0.02),
    why: 'The model after the launch must serve five more languages; the question is what English loss pays.',
    plan: ['15 % from the top five languages, tokenizer unchanged.', 'English held-out and a new multilingual held-out set.'],
    snippet: { lang: 'yaml', code: 'mixture: web-v5-ml15\nlanguages: [de, fr, es, ja, pt]\nshare: 0.15' },
    link: { text: 'Data team wiki: multilingual plan', url: 'https://wiki.tessera-lab.example/data/multilingual' },
  },
  {
    id: 'p-015', title: 'Decontaminate web-v5 against public eval sets', owner: 'sara', area: 'data', kind: 'critical-path',
    status: 'active', createdDay: -26, people: [['sara', 0.4], ['kofi', 0.5]], chipHours: 500,
    complexity: complexity(1, 0, 1, 0, 0.005),
    why: 'Public benchmark questions appear verbatim in web crawls. Any gain measured on them is suspect until the data is clean.',
    plan: ['13-gram overlap between web-v5 and every public eval set.', 'Drop matching documents and publish the overlap report.'],
    snippet: { lang: 'bash', code: 'decontam --ngram 13 --evals hellaswag,arc-easy,mmlu --data web-v5 --out reports/overlap.json' },
    link: { text: 'Data team wiki: decontamination', url: 'https://wiki.tessera-lab.example/data/decontamination' },
  },
];
