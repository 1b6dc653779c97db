// A folder of W&B runs as runs for the sync: each run-<id>.wandb file is a stream, a resumed run's
// files join in the order they were started, and what the records say about the run (name, config,
// summary, exit) is kept in each file's saved state, so a pass reads only new bytes.
import { WandbRunFileReader, type WandbFileState } from '../../sources/wandb/run-file-reader';
import { discoverWandbRuns, type WandbRunFiles } from '../../sources/wandb/run-discovery';
import { mergeWandbStates, wandbRunFacts, wandbRunState } from '../../sources/wandb/run-facts';
import type { SourceListingEntry } from '../../sources/source-types';
import type { RunStatus } from '../../store/parse-run-status';
import type { SourcePlan, SourceStreamReader, StreamRowState } from './source-sync-context';

class WandbStream implements SourceStreamReader {
  private readonly reader: WandbRunFileReader;

  constructor(file: string, saved: StreamRowState | null) {
    this.reader = new WandbRunFileReader(file, (saved?.cursor as WandbFileState | null) ?? undefined);
  }

  push(chunk: Uint8Array) {
    return this.reader.push(chunk);
  }

  get offset(): number {
    return this.reader.offset;
  }

  readonly lineNo = 0;

  state(): Omit<StreamRowState, 'run'> {
    return { cursor: this.reader.snapshot() };
  }
}

function fileStates(run: WandbRunFiles, states: ReadonlyMap<string, StreamRowState>): WandbFileState[] {
  return run.files.flatMap((f) => {
    const cursor = states.get(f.path)?.cursor as WandbFileState | null | undefined;
    return cursor ? [cursor] : [];
  });
}

const STATUS: Record<ReturnType<typeof wandbRunState>, RunStatus['state']> = {
  running: 'running',
  preempting: 'running',
  finished: 'finished',
  failed: 'failed',
};

export function planWandbRuns(listing: readonly SourceListingEntry[]): SourcePlan {
  const runs = discoverWandbRuns(listing).map((run): SourcePlan['runs'][number] => ({
    id: run.id,
    issuePath: run.files[0]!.path,
    streams: run.files,
    streamKind: 'wandb-records',
    openStream: (file, saved) => new WandbStream(file, saved),
    facts: (states) => wandbRunFacts(run, fileStates(run, states)),
    status: (lastTimeSeconds, states) => {
      const merged = mergeWandbStates(fileStates(run, states));
      const state = wandbRunState(merged);
      const last = merged.lastTime ?? lastTimeSeconds;
      return {
        state: STATUS[state],
        updatedAt: last !== null && Number.isFinite(last) ? new Date(last * 1000).toISOString() : null,
        message: state === 'preempting' ? 'preempting' : state === 'failed' ? `exit code ${merged.exit!.exitCode}` : null,
      };
    },
  }));
  return { runs };
}
