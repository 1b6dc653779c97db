// A small HTTP(S) client for the serve benchmarks: API calls over keep-alive connections to 127.0.0.1,
// each timed from the request to the last byte of the answer, and percentiles of those times.
import http from 'node:http';
import https from 'node:https';

export interface TimedCall {
  status: number;
  ms: number;
  body: string;
}

export class ServeClient {
  private readonly agent: http.Agent;

  /** `ca`: an HTTPS server's certificate, the only one trusted. */
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | null,
    maxSockets = 32,
    private readonly ca?: Buffer,
  ) {
    this.agent = ca ? new https.Agent({ keepAlive: true, maxSockets, ca }) : new http.Agent({ keepAlive: true, maxSockets });
  }

  /** POST /api/<method>; `auth` 'none' leaves the token out, 'wrong' sends another one. */
  call(method: string, input: unknown, auth: 'token' | 'none' | 'wrong' = 'token'): Promise<TimedCall> {
    const url = new URL(`api/${method}`, this.baseUrl);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (auth === 'token' && this.token) headers.Authorization = `Bearer ${this.token}`;
    if (auth === 'wrong') headers.Authorization = `Bearer ${'x'.repeat(this.token?.length ?? 16)}`;
    const payload = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const request = (this.ca ? https : http).request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  async value<T>(method: string, input: unknown): Promise<T> {
    const { status, body } = await this.call(method, input);
    const parsed = JSON.parse(body) as { ok: boolean; value?: T; error?: { message: string } };
    if (status !== 200 || !parsed.ok) throw new Error(`${method} answered ${status}: ${parsed.error?.message ?? body.slice(0, 200)}`);
    return parsed.value as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls each of `calls` in turn, one at a time and `intervalMs` apart, until each has run `count`
 * times or `maxMs` have passed, and returns every round trip's time by name: what a user clicking
 * around would meet. Warm-up calls (connection, JIT, first statements prepared) are not counted.
 */
export async function pacedRoundTrips<K extends string>(
  calls: Record<K, () => Promise<void>>,
  options: { count: number; intervalMs: number; maxMs: number },
): Promise<Record<K, number[]>> {
  const names = Object.keys(calls) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < 20; i++) for (const name of names) await calls[name]();
  const started = performance.now();
  for (let n = 0; n < options.count && performance.now() - started < options.maxMs; n++) {
    for (const name of names) {
      const t0 = performance.now();
      await calls[name]();
      times[name].push(performance.now() - t0);
      await sleep(options.intervalMs);
    }
  }
  return times;
}
