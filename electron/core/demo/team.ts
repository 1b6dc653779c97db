// team.yaml: who is on the team, the two phases around asOf, and which eval suites to trust.
import type { LabClock } from './lab-clock';
import { isoDay } from './lab-clock';
import { yamlFlowMap } from './yaml-text';

export const AREAS = ['model', 'data', 'infra', 'eval'] as const;

export interface Person {
  id: string;
  name: string;
  area: (typeof AREAS)[number];
}

export const PEOPLE: readonly Person[] = [
  { id: 'ana', name: 'Ana Ruiz', area: 'model' },
  { id: 'raj', name: 'Raj Patel', area: 'model' },
  { id: 'mei', name: 'Mei Chen', area: 'model' },
  { id: 'tomas', name: 'Tomás Novak', area: 'model' },
  { id: 'lena', name: 'Lena Fischer', area: 'data' },
  { id: 'kofi', name: 'Kofi Mensah', area: 'data' },
  { id: 'sara', name: 'Sara Lindqvist', area: 'data' },
  { id: 'yuki', name: 'Yuki Tanaka', area: 'data' },
  { id: 'omar', name: 'Omar Haddad', area: 'infra' },
  { id: 'ines', name: 'Inês Costa', area: 'infra' },
  { id: 'dmitri', name: 'Dmitri Volkov', area: 'infra' },
  { id: 'priya', name: 'Priya Nair', area: 'eval' },
  { id: 'jonas', name: 'Jonas Berg', area: 'eval' },
  { id: 'amara', name: 'Amara Okafor', area: 'eval' },
];

export interface Phase {
  name: string;
  start: string;
  end: string;
  targetExploratory: number;
}

/** Scale-up ended five weeks before asOf; pre-launch de-risking runs from then until about six weeks after. */
export function labPhases(clock: LabClock): Phase[] {
  return [
    { name: 'Scale-up', start: isoDay(clock.at(-126)), end: isoDay(clock.at(-36)), targetExploratory: 0.5 },
    { name: 'Pre-launch de-risking', start: isoDay(clock.at(-35)), end: isoDay(clock.at(40)), targetExploratory: 0.2 },
  ];
}

export const EVAL_SUITES = [
  { prefix: 'eval/heldout/', name: 'Internal held-out', kind: 'internal' },
  { prefix: 'eval/public/', name: 'Public benchmarks', kind: 'public' },
] as const;

export function renderTeamYaml(clock: LabClock): string {
  const lines = [`areas: [${AREAS.join(', ')}]`, 'people:'];
  for (const p of PEOPLE) lines.push(`  - ${yamlFlowMap([['id', p.id], ['name', p.name], ['area', p.area]])}`);
  lines.push('phases:');
  for (const phase of labPhases(clock)) {
    lines.push(`  - ${yamlFlowMap([['name', phase.name], ['start', { raw: phase.start }], ['end', { raw: phase.end }], ['target_exploratory', phase.targetExploratory]])}`);
  }
  lines.push('evals:');
  for (const suite of EVAL_SUITES) lines.push(`  - ${yamlFlowMap([['prefix', suite.prefix], ['name', suite.name], ['kind', suite.kind]])}`);
  return lines.join('\n') + '\n';
}
