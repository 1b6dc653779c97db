// Every file of the demo lab follows the lab-store format 1, checked strictly and independently of the generator.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLabSummary } from '../../../electron/core/demo/index';
import { AS_OF, generateSmallLab, listFiles, readEvent, readProposal, readRuns, readYaml, removeTemporaryDirs } from './read-demo-lab';
import type { AblationYaml, LabRun, TeamYaml } from './read-demo-lab';

afterAll(removeTemporaryDirs);

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);
const STATUSES = ['proposed', 'active', 'promising', 'inconclusive', 'adopted', 'dropped'];

let lab: DemoLabSummary;
let runs: LabRun[];
let team: TeamYaml;
beforeAll(async () => {
  lab = await generateSmallLab('format');
  runs = readRuns(lab.root);
  team = readYaml<TeamYaml>(path.join(lab.root, 'team.yaml'));
});

const personIds = () => new Set<string>(team.people.map((p) => p.id));

describe('demo lab format', () => {
  it('marks the root and holds only the folders of the format', () => {
    expect(JSON.parse(fs.readFileSync(path.join(lab.root, 'tessera-store.json'), 'utf8'))).toEqual({ format: 'tessera-store', version: 1, name: 'Demo lab' });
    expect(fs.readdirSync(lab.root).sort()).toEqual(['ablations', 'events', 'proposals', 'runs', 'team.yaml', 'tessera-store.json']);
  });

  it('writes a team.yaml with people in the four areas, two phases around asOf and two eval suites', () => {
    expect(team.areas).toEqual(['model', 'data', 'infra', 'eval']);
    expect(team.people.length).toBeGreaterThanOrEqual(12);
    for (const person of team.people) {
      expect(person.id).toMatch(ID);
      expect(typeof person.name).toBe('string');
      expect(team.areas).toContain(person.area);
    }
    for (const area of team.areas) expect(team.people.filter((p) => p.area === area).length).toBeGreaterThanOrEqual(3);
    expect(team.phases).toHaveLength(2);
    const [scaleUp, preLaunch] = team.phases;
    for (const phase of team.phases) {
      expect(phase.start).toMatch(DAY);
      expect(phase.end).toMatch(DAY);
      expect(phase.start < phase.end).toBe(true);
    }
    expect(scaleUp.target_exploratory).toBe(0.5);
    expect(preLaunch.target_exploratory).toBe(0.2);
    expect(Date.parse(preLaunch.start) - Date.parse(scaleUp.end)).toBe(86_400_000);
    const today = AS_OF.toISOString().slice(0, 10);
    expect(preLaunch.start <= today && today <= preLaunch.end).toBe(true);
    expect(team.evals).toEqual([
      { prefix: 'eval/heldout/', name: 'Internal held-out', kind: 'internal' },
      { prefix: 'eval/public/', name: 'Public benchmarks', kind: 'public' },
    ]);
  });

  it('gives every run a run.json whose id is its folder, with the fields scaling fits need', () => {
    const ablations = new Set(fs.readdirSync(path.join(lab.root, 'ablations')).map((f) => f.replace(/\.yaml$/, '')));
    const proposals = new Set(fs.readdirSync(path.join(lab.root, 'proposals')).map((f) => f.replace(/\.md$/, '')));
    for (const { id, run } of runs) {
      const where = `runs/${id}/run.json`;
      expect(id, where).toMatch(ID);
      expect(run.id, where).toBe(id);
      expect(run.created_at, where).toMatch(ISO_INSTANT);
      expect(Date.parse(run.created_at), where).toBeLessThan(AS_OF.getTime());
      expect(personIds().has(run.owner), where).toBe(true);
      expect(run.group, where).toMatch(ID);
      if (run.proposal !== undefined) expect(proposals.has(run.proposal), where).toBe(true);
      if (run.ablation !== undefined) {
        expect(ablations.has(run.ablation), where).toBe(true);
        expect(typeof run.variant, where).toBe('string');
        expect(Number.isInteger(run.seed), where).toBe(true);
      }
      expect(run.model.params, where).toBeGreaterThan(0);
      expect(run.data.tokens, where).toBeGreaterThan(0);
      expect(run.compute.flops, where).toBeGreaterThan(0);
      expect(run.compute.chips, where).toBeGreaterThan(0);
      expect(run.compute.chip_hours, where).toBeGreaterThan(0);
      expect(typeof run.compute.accelerator, where).toBe('string');
      expect(run.config.lr, where).toBeGreaterThan(0);
      expect(run.config.batch_tokens, where).toBeGreaterThan(0);
    }
  });

  it('writes metrics.jsonl lines that are JSON objects with an integer step and values of the allowed kinds, each ending in a newline', () => {
    const problems: string[] = [];
    for (const { id, text } of runs) {
      if (!text.endsWith('\n')) problems.push(`runs/${id}/metrics.jsonl: last line has no newline`);
      if (text.includes('\r')) problems.push(`runs/${id}/metrics.jsonl: carriage return`);
      text.slice(0, -1).split('\n').forEach((raw, index) => {
        const where = `runs/${id}/metrics.jsonl:${index + 1}`;
        const line = JSON.parse(raw);
        if (typeof line !== 'object' || line === null || Array.isArray(line)) return void problems.push(`${where}: not an object`);
        if (!Number.isInteger(line.step) || line.step < 0) problems.push(`${where}: step ${line.step}`);
        if ('tokens' in line && !(Number.isFinite(line.tokens) && line.tokens >= 0)) problems.push(`${where}: tokens ${line.tokens}`);
        if ('time' in line && !Number.isFinite(line.time)) problems.push(`${where}: time ${line.time}`);
        for (const [key, value] of Object.entries(line)) {
          if (key === 'step' || key === 'tokens' || key === 'time') continue;
          const ok = (typeof value === 'number' && Number.isFinite(value)) || value === null || (typeof value === 'string' && NON_FINITE.has(value));
          if (!ok) problems.push(`${where}: ${key} is ${JSON.stringify(value)}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('writes a status.json for every run with a known state and a time no later than asOf', () => {
    for (const { id, status } of runs) {
      expect(['running', 'finished', 'failed', 'killed'], id).toContain(status.state);
      expect(status.updated_at, id).toMatch(ISO_INSTANT);
      expect(Date.parse(status.updated_at), id).toBeLessThanOrEqual(AS_OF.getTime());
      expect(status.message.length, id).toBeGreaterThan(0);
    }
  });

  it('writes ablations with every field of the format, pointing at real proposals and owners', () => {
    for (const file of listFiles(path.join(lab.root, 'ablations'))) {
      const ablation = readYaml<AblationYaml>(file);
      const id = path.basename(file, '.yaml');
      expect(Object.keys(ablation).sort(), file).toEqual(['baseline', 'compare_at', 'id', 'metric', 'owner', 'proposal', 'question', 'title']);
      expect(ablation.id, file).toBe(id);
      expect(id).toMatch(ID);
      expect(['step', 'tokens', 'flops'], file).toContain(ablation.compare_at);
      expect(ablation.metric, file).toMatch(/^eval\/(heldout|public)\//);
      expect(personIds().has(ablation.owner), file).toBe(true);
      expect(fs.existsSync(path.join(lab.root, 'proposals', `${ablation.proposal}.md`)), file).toBe(true);
      expect(runs.some((r) => r.run.ablation === id && r.run.variant === ablation.baseline), `${file}: baseline runs`).toBe(true);
    }
  });

  it('writes proposals whose front matter follows the format and whose bodies use real Markdown', () => {
    for (const file of listFiles(path.join(lab.root, 'proposals'))) {
      const { front, body } = readProposal(file);
      expect(front.id, file).toBe(path.basename(file, '.md'));
      expect(front.id).toMatch(ID);
      expect(typeof front.title, file).toBe('string');
      expect(personIds().has(front.owner), file).toBe(true);
      expect(team.areas, file).toContain(front.area);
      expect(['critical-path', 'exploratory'], file).toContain(front.kind);
      expect(STATUSES, file).toContain(front.status);
      expect(front.created, file).toMatch(DAY);
      expect(front.people.length, file).toBeGreaterThan(0);
      for (const p of front.people) {
        expect(personIds().has(p.id), `${file}: ${p.id}`).toBe(true);
        expect(p.share > 0 && p.share <= 1, file).toBe(true);
      }
      expect(front.compute_budget.chip_hours, file).toBeGreaterThan(0);
      if (front.expected) {
        expect(front.expected.metric, file).toMatch(/^eval\//);
        expect(typeof front.expected.delta, file).toBe('number');
      }
      for (const key of ['code', 'knobs', 'infra', 'risk']) {
        expect(Number.isInteger(front.complexity[key]) && front.complexity[key] >= 0 && front.complexity[key] <= 5, `${file}: ${key}`).toBe(true);
      }
      expect(front.complexity.usability_tax >= 0 && front.complexity.usability_tax < 1, file).toBe(true);
      expect(body, file).toMatch(/^## /m);
      expect(body, file).toMatch(/^- /m);
      expect(body, file).toMatch(/^\|---/m);
      expect(body, file).toMatch(/^```\w+\n[\s\S]+?\n```$/m);
      expect(body, file).toMatch(/\[[^\]]+\]\(https:\/\/[^)\s]+\)/);
      expect(body, file).not.toMatch(/<[a-z]/i);
    }
  });

  it('names every event file by a valid ULID whose time is the event time, in its year and month folder', () => {
    const files = listFiles(path.join(lab.root, 'events'));
    expect(files.length).toBe(lab.events);
    const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (const file of files) {
      const event = readEvent(file);
      const name = path.basename(file, '.json');
      expect(name, file).toMatch(ULID);
      expect(event.id, file).toBe(name);
      expect(event.at, file).toMatch(ISO_INSTANT);
      const timeMs = [...name.slice(0, 10)].reduce((t, c) => t * 32 + crockford.indexOf(c), 0);
      expect(timeMs, file).toBe(Date.parse(event.at));
      expect(Date.parse(event.at), file).toBeLessThan(AS_OF.getTime());
      const [year, month] = event.at.split('-');
      expect(path.relative(path.join(lab.root, 'events'), path.dirname(file)), file).toBe(`${year}/${month}`);
      expect(personIds().has(event.author), file).toBe(true);
      expect(['decision', 'comment', 'complexity', 'review'], file).toContain(event.type);
      if (event.type === 'decision') {
        expect(['adopt', 'drop', 'park', 'continue'], file).toContain(event.decision);
        expect(event.rationale!.length, file).toBeGreaterThan(10);
      }
      if (event.type === 'comment') expect(event.text!.length, file).toBeGreaterThan(10);
      if (event.type !== 'review') expect(event.target, file).toMatch(ID);
    }
  });
});
