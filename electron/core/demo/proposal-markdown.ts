// proposals/<id>.md: YAML front matter exactly as the lab-store format, then a Markdown body.
import { ABLATIONS } from './ablation-catalog';
import type { AblationSpec } from './ablation-catalog';
import type { LabClock } from './lab-clock';
import { isoDay } from './lab-clock';
import type { Complexity, ProposalSpec } from './proposal-spec';
import { yamlFlowMap, yamlString } from './yaml-text';

export function renderComplexityYaml(c: Complexity, indent: string): string[] {
  return [
    `${indent}code: ${c.code}`,
    `${indent}knobs: ${c.knobs}`,
    `${indent}infra: ${c.infra}`,
    `${indent}risk: ${c.risk}`,
    `${indent}usability_tax: ${c.usabilityTax}`,
  ];
}

export function renderProposalMarkdown(p: ProposalSpec, clock: LabClock): string {
  const front = [
    '---',
    `id: ${p.id}`,
    `title: ${yamlString(p.title)}`,
    `owner: ${p.owner}`,
    `area: ${p.area}`,
    `kind: ${p.kind}`,
    `status: ${p.status}`,
    `created: ${isoDay(clock.at(p.createdDay))}`,
    `people: [${p.people.map(([id, share]) => yamlFlowMap([['id', id], ['share', share]])).join(', ')}]`,
    `compute_budget: ${yamlFlowMap([['chip_hours', p.chipHours]])}`,
  ];
  if (p.expected) front.push(`expected: ${yamlFlowMap([['metric', p.expected.metric], ['delta', p.expected.delta]])}`);
  front.push('complexity:', ...renderComplexityYaml(p.complexity, '  '), '---');
  return [...front, ...renderBody(p)].join('\n') + '\n';
}

function renderBody(p: ProposalSpec): string[] {
  const ablation = ABLATIONS.find((a) => a.proposal === p.id);
  const table = ablation ? resultsTable(ablation) : null;
  return [
    '## Why',
    '',
    p.why,
    '',
    '## Plan',
    '',
    ...p.plan.map((step) => `- ${step}`),
    '',
    ...(table ?? budgetTable(p)),
    '',
    '## Config',
    '',
    '```' + p.snippet.lang,
    p.snippet.code,
    '```',
    '',
    `Background: [${p.link.text}](${p.link.url}).`,
  ];
}

const signed = (x: number) => (x > 0 ? `+${x.toFixed(3)}` : x < 0 ? `−${(-x).toFixed(3)}` : '0.000');

function resultsTable(ablation: AblationSpec): string[] | null {
  const treated = ablation.variants.slice(1);
  const useCode = ablation.metric.includes('/code/');
  const cell = (v: (typeof treated)[number], size: string) => {
    const value = useCode ? v.code?.[size] : v.loss?.[size];
    return value === undefined ? null : signed(value);
  };
  if (treated.every((v) => ablation.sizes.every((s) => cell(v, s) === null))) return null;
  return [
    '## Results so far',
    '',
    `| Size | ${treated.map((v) => `Δ ${v.label}`).join(' | ')} |`,
    `|---|${treated.map(() => '---:').join('|')}|`,
    ...ablation.sizes.map((size) => `| ${size} | ${treated.map((v) => cell(v, size) ?? '—').join(' | ')} |`),
    '',
    `Δ of \`${ablation.metric}\` against \`${ablation.variants[0].label}\` at the end of training, as planned from the first seeds (ablation ${ablation.id}).`,
  ];
}

function budgetTable(p: ProposalSpec): string[] {
  const rows: [string, number][] = [
    ['Small-scale runs', Math.round(p.chipHours * 0.2)],
    ['Scale-up runs', Math.round(p.chipHours * 0.6)],
    ['Contingency', p.chipHours - Math.round(p.chipHours * 0.2) - Math.round(p.chipHours * 0.6)],
  ];
  return ['## Budget', '', '| Stage | Chip-hours |', '|---|---:|', ...rows.map(([stage, hours]) => `| ${stage} | ${withThousands(hours)} |`)];
}

function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
