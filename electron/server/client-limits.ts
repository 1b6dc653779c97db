// Per-client bounds on what a team server holds open: push channels and API calls in flight, counted
// per client (a person's token, else the address). Past a bound the client gets a 429 that says
// which bound and what to do, and nobody else notices.
export interface ClientLimitOptions {
  /** Open push channels (/api/events) per client: one per open tab or window. */
  maxStreamsPerClient: number;
  /** API calls in flight per client at once. */
  maxCallsPerClient: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimitOptions = { maxStreamsPerClient: 8, maxCallsPerClient: 32 };

export type LimitedResource = 'stream' | 'call';

export class ClientLimits {
  private readonly counts = { stream: new Map<string, number>(), call: new Map<string, number>() };

  constructor(private readonly options: ClientLimitOptions = DEFAULT_CLIENT_LIMITS) {}

  /** Takes one slot; returns its release (idempotent), or null when the client is at its bound. */
  acquire(resource: LimitedResource, client: string): (() => void) | null {
    const counts = this.counts[resource];
    const held = counts.get(client) ?? 0;
    if (held >= this.bound(resource)) return null;
    counts.set(client, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (counts.get(client) ?? 1) - 1;
      if (now <= 0) counts.delete(client);
      else counts.set(client, now);
    };
  }

  held(resource: LimitedResource, client: string): number {
    return this.counts[resource].get(client) ?? 0;
  }

  bound(resource: LimitedResource): number {
    return resource === 'stream' ? this.options.maxStreamsPerClient : this.options.maxCallsPerClient;
  }

  /** What a client at its bound is told. */
  refusal(resource: LimitedResource): string {
    return resource === 'stream'
      ? `This token already has ${this.options.maxStreamsPerClient} live-update channels open (one per tab or window): close some Tessera tabs.`
      : `This token already has ${this.options.maxCallsPerClient} requests in progress: wait for them to finish, then retry.`;
  }
}
