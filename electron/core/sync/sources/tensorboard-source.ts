// A TensorBoard log directory as runs for the sync: every folder holding events files is a run,
// its files merge oldest first, and its only params are the HParams plugin's session start values,
// which arrive with the events (kept in the file's state so the run's facts need no re-read).
import { TensorboardEventFileReader, initialTensorboardFileCursor, type TensorboardFileCursor } from '../../sources/tensorboard/event-file-reader';
import type { SessionStartInfo } from '../../sources/tensorboard/hparams';
import { discoverTensorboardRuns, type TensorboardRun } from '../../sources/tensorboard/run-discovery';
import { tensorboardRunFacts } from '../../sources/tensorboard/run-facts';
import type { SourceListingEntry } from '../../sources/source-types';
import type { SourcePlan, SourceStreamReader, StreamRowState } from './source-sync-context';

class TensorboardStream implements SourceStreamReader {
  private readonly reader: TensorboardEventFileReader;
  private session: SessionStartInfo | undefined;

  constructor(file: string, saved: StreamRowState | null) {
    this.reader = new TensorboardEventFileReader(file, (saved?.cursor as TensorboardFileCursor | null) ?? initialTensorboardFileCursor());
    this.session = saved?.session;
  }

  push(chunk: Uint8Array) {
    const batch = this.reader.push(chunk);
    if (batch.sessionStart) this.session = batch.sessionStart;
    return batch;
  }

  get offset(): number {
    return this.reader.cursor.offset;
  }

  readonly lineNo = 0;

  state(): Omit<StreamRowState, 'run'> {
    return this.session ? { cursor: this.reader.cursor, session: this.session } : { cursor: this.reader.cursor };
  }
}

/** The latest session start among the run's files (a restarted job logs its hparams again). */
function latestSession(run: TensorboardRun, states: ReadonlyMap<string, StreamRowState>): SessionStartInfo | undefined {
  let session: SessionStartInfo | undefined;
  for (const file of run.files) session = states.get(file.path)?.session ?? session;
  return session;
}

export function planTensorboardRuns(listing: readonly SourceListingEntry[]): SourcePlan {
  const runs = discoverTensorboardRuns(listing).map((run): SourcePlan['runs'][number] => ({
    id: run.id,
    issuePath: run.dir === '' ? '.' : run.dir,
    streams: run.files,
    streamKind: 'tensorboard-events',
    openStream: (file, saved) => new TensorboardStream(file, saved),
    facts: (states) => tensorboardRunFacts(run, latestSession(run, states)),
  }));
  return { runs };
}
