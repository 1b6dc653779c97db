// One computation for the whole team: a team server's many clients ask the same questions (the runs
// table, the proposals, the week's work split), so an answer that does not depend on who asks is
// computed once per version of the data and shared; identical calls in flight share one core call.
// Any "data changed" push starts a new version before it reaches the clients; answers also expire
// after a few seconds, so anything that moves with the clock alone (a run turning stale) stays fresh.
// Only the methods listed here are shared: a new method is not, until someone checks that its answer
// depends on its input and the data alone.
import zlib from 'node:zlib';
import type { ApiResult } from '../../shared/api/api-result';
import type { MethodName } from '../../shared/api/contract';
import type { PushEvent } from '../../shared/api/push-events';
import { answerMayChange } from '../../shared/api/query-invalidation';

const SHARED_METHODS = new Set<MethodName>([
  'getCacheCounts',
  'listSyncIssues',
  'listRuns',
  'getRun',
  'listMetrics',
  'getSeries',
  'getSeedGroups',
  'listAblations',
  'getAblation',
  'listProposals',
  'getProposal',
  'listDecisions',
  'listNotPursued',
  'getGainVsCost',
  'getWorkSplit',
  'getBalanceNow',
]);

export interface SharedAnswerOptions {
  /** How long an answer is shared at most, even when the data does not change. */
  maxAgeMs: number;
  /** Bound on the answers kept (their JSON size), oldest dropped first. */
  maxBytes: number;
}

export const DEFAULT_SHARED_ANSWERS: SharedAnswerOptions = { maxAgeMs: 5_000, maxBytes: 64 * 1024 * 1024 };

/** A call's result and its JSON text, serialised (and compressed) once however many clients it is sent to. */
export interface Answer {
  result: ApiResult<unknown>;
  body: string;
  gzipped?: Buffer;
}

/** Below this, compressing costs more than it saves. */
const MIN_GZIP_BYTES = 1024;

/** The answer's body gzipped, made on the first request that accepts it and kept with the answer. */
export function gzippedBody(answer: Answer): Buffer | null {
  if (answer.body.length < MIN_GZIP_BYTES) return null;
  answer.gzipped ??= zlib.gzipSync(answer.body);
  return answer.gzipped;
}

interface Entry {
  method: string;
  input: unknown;
  at: number;
  version: number;
  answer: Promise<Answer>;
  bytes: number;
  /** How often it was asked in this version: what to compute again first after a change. */
  asked: number;
}

type DataChanged = Extract<PushEvent, { type: 'data-changed' }>;

export interface RefreshLimits {
  /** The most-asked stale questions computed again before the push goes out. */
  maxQuestions: number;
  /** How long the push waits for them at most. */
  maxWaitMs: number;
}

export const DEFAULT_REFRESH: RefreshLimits = { maxQuestions: 64, maxWaitMs: 1500 };

async function settle(compute: () => Promise<ApiResult<unknown>>): Promise<Answer> {
  const result = await compute();
  return { result, body: JSON.stringify(result) };
}

export class SharedAnswers {
  private readonly entries = new Map<string, Entry>();
  private version = 0;
  private bytes = 0;

  constructor(
    private readonly options: SharedAnswerOptions = DEFAULT_SHARED_ANSWERS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  static shares(method: string): boolean {
    return SHARED_METHODS.has(method as MethodName);
  }

  /**
   * A new version of the data: no answer it may have changed is handed out again (with no event,
   * none at all), and no answer still being computed is kept.
   */
  invalidate(event?: DataChanged): void {
    this.version++;
    for (const [key, entry] of this.entries) {
      if (!event || answerMayChange(entry.method, entry.input, event)) this.drop(key, entry);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * A change, handled so that the clients' refetches after its push find their answers ready: the
   * stale answers clients asked most are computed again at once. Resolves when they are, or after
   * `maxWaitMs`, whichever is first; then the push goes out.
   */
  async refresh(event: DataChanged, compute: (method: string, input: unknown) => Promise<ApiResult<unknown>>, limits: RefreshLimits = DEFAULT_REFRESH): Promise<void> {
    const stale = [...this.entries.values()]
      .filter((entry) => answerMayChange(entry.method, entry.input, event))
      .sort((a, b) => b.asked - a.asked)
      .slice(0, limits.maxQuestions);
    this.invalidate(event);
    const warming = Promise.allSettled(stale.map((entry) => this.answer(entry.method, entry.input, () => compute(entry.method, entry.input))));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([warming, new Promise((resolve) => (timer = setTimeout(resolve, limits.maxWaitMs)))]);
    clearTimeout(timer);
  }

  /** The shared answer to `method(input)`, computing it with `compute` when there is none. */
  answer(method: string, input: unknown, compute: () => Promise<ApiResult<unknown>>): Promise<Answer> {
    if (!SharedAnswers.shares(method)) return settle(compute);
    const key = `${method}\u0000${JSON.stringify(input ?? {})}`;
    const now = this.now();
    const found = this.entries.get(key);
    if (found && now - found.at <= this.options.maxAgeMs) {
      found.asked++;
      return found.answer;
    }
    if (found) this.drop(key, found);
    const version = this.version;
    const answer = settle(compute);
    const entry: Entry = { method, input, at: now, version, answer, bytes: 0, asked: 1 };
    this.entries.set(key, entry);
    void answer.then(
      ({ result, body }) => {
        // Failed answers and answers from before an invalidation are not kept for anyone else.
        if (!result.ok || this.version !== version || this.entries.get(key) !== entry) {
          if (this.entries.get(key) === entry) this.drop(key, entry);
          return;
        }
        entry.bytes = key.length + body.length;
        this.bytes += entry.bytes;
        this.evictOverBudget();
      },
      () => {
        if (this.entries.get(key) === entry) this.drop(key, entry);
      },
    );
    return answer;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evictOverBudget(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) return;
      this.drop(key, entry);
    }
  }
}
