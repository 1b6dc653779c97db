// What a W&B run offers to a field mapping: config.<key> and summary.<key> (nested keys joined with
// '.', as W&B shows them), run.id, run.name, run.project, run.entity, run.group, run.job_type,
// run.sweep, run.host, run.state and run.tags. The group is W&B's group, else the project; the
// config is the run's config. A resumed run's later files add to and override what earlier ones said.

import type { FactValue, SourceRunFacts } from '../field-mapping';
import type { WandbFileState } from './run-file-reader';
import type { WandbRunFiles } from './run-discovery';

export type WandbRunState = 'running' | 'finished' | 'failed' | 'preempting';

/** The run as its files say, oldest first. */
export function mergeWandbStates(states: readonly WandbFileState[]): Omit<WandbFileState, 'cursor'> {
  const merged: Omit<WandbFileState, 'cursor'> = { run: null, config: {}, summary: {}, exit: null, preempting: false, lastStep: null, lastTime: null, keysCapped: false };
  for (const s of states) {
    merged.run = s.run ? { ...merged.run, ...s.run, tags: s.run.tags.length > 0 ? s.run.tags : (merged.run?.tags ?? []) } : merged.run;
    Object.assign(merged.config, s.config);
    Object.assign(merged.summary, s.summary);
    // A resumed run's later file decides whether it is still going.
    if (s.run || s.exit) {
      merged.exit = s.exit;
      merged.preempting = s.preempting;
    }
    merged.lastStep = s.lastStep ?? merged.lastStep;
    merged.lastTime = s.lastTime ?? merged.lastTime;
  }
  return merged;
}

export function wandbRunState(merged: Omit<WandbFileState, 'cursor'>): WandbRunState {
  if (merged.exit) return merged.exit.exitCode === 0 ? 'finished' : 'failed';
  return merged.preempting ? 'preempting' : 'running';
}

export function wandbRunFacts(run: WandbRunFiles, states: readonly WandbFileState[]): SourceRunFacts {
  const merged = mergeWandbStates(states);
  const info = merged.run;
  const fields: Record<string, FactValue> = { 'run.id': run.wandbId, 'run.state': wandbRunState(merged) };
  const text = (name: string, value: string | undefined) => {
    if (value) fields[name] = value;
  };
  text('run.name', info?.displayName);
  text('run.project', info?.project);
  text('run.entity', info?.entity);
  text('run.group', info?.group);
  text('run.job_type', info?.jobType);
  text('run.sweep', info?.sweepId);
  text('run.host', info?.host);
  if (info && info.tags.length > 0) fields['run.tags'] = info.tags.join(',');
  for (const [key, value] of Object.entries(merged.config)) fields[`config.${key}`] = value;
  for (const [key, value] of Object.entries(merged.summary)) fields[`summary.${key}`] = value;
  const started = info?.startTime ?? Math.min(...run.files.map((f) => (f.mtimeMs ?? 0) / 1000));
  return {
    id: run.id,
    name: info?.displayName || run.wandbId,
    createdAt: new Date((Number.isFinite(started) ? started : 0) * 1000).toISOString(),
    group: info?.group || info?.project || undefined,
    tags: info?.tags,
    fields,
    config: { ...merged.config },
  };
}
