// Simulated people on a team server, each a real HTTPS client on 127.0.0.1 with its own token and
// connections: the push channel held open, pages opened at a human pace (each page's calls at once,
// as the app's queries go out), and every open page's calls again when a "data changed" push comes,
// as the app's react-query invalidation does. Every call is timed from request to last byte.
import https from 'node:https';
import zlib from 'node:zlib';
import { eventStreamParser } from '../../shared/api/event-stream-parser';
import type { PushEvent } from '../../shared/api/push-events';
import { answerMayChange } from '../../shared/api/query-invalidation';
import { sleep } from './serve-load-client';

/** What the pages can be about: as the server lists it now (the lists grow while the first sync runs). */
export interface LabFacts {
  runIds: string[];
  metricKeys: string[];
  proposalIds: string[];
  ablationIds: string[];
}

export interface TimedRequest {
  /** performance.now() when it was sent. */
  at: number;
  ms: number;
  method: string;
  /** Sent because a push said the data changed (the refetch burst), not by a page opening. */
  refetch: boolean;
}

type PageCall = { method: string; input: unknown };

/** The calls of one page view, as the renderer's pages make them. */
function pageCalls(lab: LabFacts, random: () => number): PageCall[] {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const roll = random();
  if (roll < 0.4 && lab.runIds.length > 0 && lab.metricKeys.length > 0) {
    // Compare: one or two charts of 1–4 runs, the whole run or a zoomed range.
    const runIds = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(lab.runIds)))];
    const charts = 1 + Math.floor(random() * 2);
    return Array.from({ length: charts }, () => {
      const input: Record<string, unknown> = { runIds, metrics: [pick(lab.metricKeys)], width: 800 + Math.floor(random() * 800) };
      if (random() < 0.4) {
        const from = Math.floor(random() * 4000);
        Object.assign(input, { from, to: from + 500 + Math.floor(random() * 4000) });
      }
      return { method: 'getSeries', input };
    });
  }
  if (roll < 0.6) return [{ method: 'listRuns', input: { limit: 200 } }, { method: 'listMetrics', input: {} }];
  if (roll < 0.75) return [{ method: 'listProposals', input: {} }, { method: 'listDecisions', input: {} }];
  if (roll < 0.85 && lab.proposalIds.length > 0) return [{ method: 'getProposal', input: { id: pick(lab.proposalIds) } }];
  if (roll < 0.93 && lab.ablationIds.length > 0) return [{ method: 'getAblation', input: { id: pick(lab.ablationIds) } }];
  return [{ method: 'getWorkSplit', input: { by: 'week' } }, { method: 'getBalanceNow', input: {} }];
}

export class SimulatedPerson {
  readonly requests: TimedRequest[] = [];
  readonly errors: string[] = [];
  /** When each "data changed" push arrived (performance.now()). */
  readonly pushesAt: number[] = [];
  private readonly agent: https.Agent;
  private stream: ReturnType<typeof https.request> | null = null;
  private page: PageCall[] = [];
  private running = false;
  private loop: Promise<void> | null = null;
  streamOpen = false;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    ca: Buffer,
    private readonly lab: LabFacts,
    private readonly random: () => number,
    private readonly thinkMs: [number, number],
  ) {
    // A browser opens up to 6 connections to a host; the push channel takes one of them.
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 5, ca });
  }

  /** Opens the push channel and resolves once the server answered it. */
  openPushChannel(): Promise<void> {
    return new Promise((resolve, reject) => {
      const url = new URL('api/events', this.baseUrl);
      // The channel has its own connection, as the browser's EventSource does.
      const request = https.request(url, { headers: { Authorization: `Bearer ${this.token}` }, ca: this.agent.options.ca, agent: false }, (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`push channel answered ${response.statusCode}`));
          response.resume();
          return;
        }
        this.streamOpen = true;
        resolve();
        response.setEncoding('utf8');
        response.on(
          'data',
          eventStreamParser((data) => {
            const event = JSON.parse(data) as PushEvent;
            if (event.type === 'data-changed') this.onDataChanged(event);
          }),
        );
        response.on('close', () => {
          this.streamOpen = false;
          if (this.running) this.errors.push('the push channel closed');
        });
      });
      request.on('error', (error) => {
        if (this.running || !this.streamOpen) this.errors.push(`push channel: ${error.message}`);
        reject(error);
      });
      request.end();
      this.stream = request;
    });
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      // Not all at once: people arrive over the first think time.
      await sleep(this.random() * this.thinkMs[1]);
      while (this.running) {
        this.page = pageCalls(this.lab, this.random);
        await this.callAll(this.page, false);
        await sleep(this.thinkMs[0] + this.random() * (this.thinkMs[1] - this.thinkMs[0]));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.stream?.destroy();
    this.agent.destroy();
  }

  /** As the app does: the open page asks again what the push may have changed. */
  private onDataChanged(event: Extract<PushEvent, { type: 'data-changed' }>): void {
    this.pushesAt.push(performance.now());
    const stale = this.page.filter((call) => answerMayChange(call.method, call.input, event));
    if (this.running && stale.length > 0) void this.callAll(stale, true);
  }

  private callAll(calls: PageCall[], refetch: boolean): Promise<void> {
    return Promise.all(calls.map((call) => this.call(call, refetch))).then(() => undefined);
  }

  private call(call: PageCall, refetch: boolean, at = performance.now(), retried = false): Promise<void> {
    const url = new URL(`api/${call.method}`, this.baseUrl);
    const body = JSON.stringify(call.input);
    return new Promise((resolve) => {
      const request = https.request(
        url,
        { method: 'POST', agent: this.agent, headers: { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip', Authorization: `Bearer ${this.token}` } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            // Read as a browser reads it: unzipped and parsed, before the time is taken.
            const raw = Buffer.concat(chunks);
            const text = (response.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8');
            const ok = response.statusCode === 200 && (JSON.parse(text) as { ok: boolean }).ok;
            const ms = performance.now() - at;
            if (ok) this.requests.push({ at, ms, method: call.method, refetch });
            else this.errors.push(`${call.method} answered ${response.statusCode}: ${text.slice(0, 160)}`);
            resolve();
          });
          response.on('error', (error) => {
            this.errors.push(`${call.method}: ${error.message}`);
            resolve();
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed just as it was reused: browsers send the request
        // again on a new one, once, and so does this client (the time counts from the first try).
        if (request.reusedSocket && error.code === 'ECONNRESET' && !retried) {
          void this.call(call, refetch, at, true).then(resolve);
          return;
        }
        this.errors.push(`${call.method}: ${error.message}`);
        resolve();
      });
      request.end(body);
    });
  }
}
