// How many heavy calls (shared/api/heavy-methods.ts) one client may have running on `serve`: a few at
// once, the next ones waiting in line, and past a line of waiting calls a refusal (429) that says so.
// A call whose client leaves while it waits is taken out of line and never runs. A client is its
// remote address: behind a proxy every client is one, and shares the allowance.

export const HEAVY_CALLS_PER_CLIENT = 2;
export const HEAVY_CALLS_WAITING_PER_CLIENT = 16;

interface Line {
  running: number;
  waiting: Array<() => void>;
}

export type GateEntry = { admitted: true; release(): void } | { admitted: false; reason: 'busy' | 'gone' };

export class HeavyCallGate {
  private readonly lines = new Map<string, Line>();

  constructor(
    private readonly perClient = HEAVY_CALLS_PER_CLIENT,
    private readonly maxWaiting = HEAVY_CALLS_WAITING_PER_CLIENT,
  ) {}

  /** Waits for a turn of `client`'s; `signal` aborts the wait when the client leaves. */
  async enter(client: string, signal: AbortSignal): Promise<GateEntry> {
    const line = this.lines.get(client) ?? { running: 0, waiting: [] };
    this.lines.set(client, line);
    if (line.running >= this.perClient) {
      if (line.waiting.length >= this.maxWaiting) return { admitted: false, reason: 'busy' };
      const turn = await new Promise<boolean>((resolve) => {
        const go = () => {
          signal.removeEventListener('abort', leave);
          resolve(true);
        };
        const leave = () => {
          line.waiting.splice(line.waiting.indexOf(go), 1);
          resolve(false);
        };
        line.waiting.push(go);
        signal.addEventListener('abort', leave, { once: true });
      });
      if (!turn) {
        this.tidy(client, line);
        return { admitted: false, reason: 'gone' };
      }
    } else {
      line.running++;
    }
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        const next = line.waiting.shift();
        // The running count passes on to the next in line as it is.
        if (next) next();
        else {
          line.running--;
          this.tidy(client, line);
        }
      },
    };
  }

  private tidy(client: string, line: Line): void {
    if (line.running === 0 && line.waiting.length === 0) this.lines.delete(client);
  }
}
