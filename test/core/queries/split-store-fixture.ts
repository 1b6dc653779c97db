// The lab of split-cache-fixture.ts written as a lab store, file by file as the format asks, so
// the sync engine can fill a cache from it the way it does for a real team.
import fs from 'node:fs';
import path from 'node:path';
import { splitLab } from './split-cache-fixture';

function write(root: string, file: string, text: string): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

const q = (value: string) => JSON.stringify(value);

export function writeSplitStore(root: string): void {
  write(root, 'tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Split lab' }));
  write(
    root,
    'team.yaml',
    [
      'areas: [model, data, infra, eval]',
      'people:',
      ...splitLab.people.map((p) => `  - {id: ${p.id}, name: ${q(p.name)}, area: ${p.area}}`),
      'phases:',
      ...splitLab.phases.map((ph) => `  - {name: ${q(ph.name)}, start: ${ph.start}, end: ${ph.end}, target_exploratory: ${ph.target}}`),
      '',
    ].join('\n'),
  );
  for (const p of splitLab.proposals) {
    const people = p.people.map((person) => `{id: ${person.id}${person.share === undefined ? '' : `, share: ${person.share}`}}`).join(', ');
    const lines = ['---', `id: ${p.id}`, `title: ${q(p.title)}`];
    if (p.owner) lines.push(`owner: ${p.owner}`);
    if (p.area) lines.push(`area: ${p.area}`);
    if (p.kind) lines.push(`kind: ${p.kind}`);
    lines.push(`status: ${p.status}`, `created: ${q(p.created)}`, `people: [${people}]`, '---', `Why ${p.title.toLowerCase()}.`, '');
    write(root, `proposals/${p.id}.md`, lines.join('\n'));
  }
  for (const r of splitLab.runs) {
    const run: Record<string, unknown> = { id: r.id, created_at: r.createdAt };
    if (r.owner) run.owner = r.owner;
    if (r.proposal) run.proposal = r.proposal;
    if (r.chipHours !== null) run.compute = { chip_hours: r.chipHours };
    write(root, `runs/${r.id}/run.json`, JSON.stringify(run));
    if (r.state) write(root, `runs/${r.id}/status.json`, JSON.stringify({ state: r.state, updated_at: r.stateUpdatedAt }));
  }
  for (const d of splitLab.decisions) {
    const event = { id: d.id, at: d.at, author: 'ana', type: 'decision', target: d.target, decision: d.decision, rationale: 'Known by construction.' };
    write(root, `events/2026/10/${d.id}.json`, JSON.stringify(event));
  }
  write(root, 'events/2026/09/01JA0000000000000000000009.json', JSON.stringify({ id: '01JA0000000000000000000009', at: '2026-09-20T10:00:00Z', author: 'lee', type: 'comment', target: 'p-a', text: 'drop everything?' }));
}
