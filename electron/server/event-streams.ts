// The push channel (Server-Sent Events) of every open page: one subscription to the core, each event
// serialised once and written to every stream. A stream whose token stops being valid (revoked, the
// users file changed) is ended at once; one that stops reading is dropped before its backlog grows.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PushEvent } from '../../shared/api/push-events';
import type { CoreClient } from '../core/host/core-client';
import { securityHeaders } from './static-files';

/** A stream's unsent backlog past which it is dropped (the page reconnects and refetches). */
const MAX_BACKLOG_BYTES = 1 << 20;
/**
 * "Data changed" makes every open page ask again at once. Told in batches of this many, a few ms
 * apart, 200 pages' questions arrive spread over about a quarter of a second instead of in one
 * instant, and each is answered sooner; the last page hears of the change that much later.
 */
const FAN_OUT_BATCH = 20;
const FAN_OUT_INTERVAL_MS = 25;

interface OpenStream {
  response: ServerResponse;
  /** Whether the stream's token is still accepted. */
  stillValid: () => boolean;
  end: () => void;
}

export class EventStreams {
  private readonly streams = new Set<OpenStream>();
  private readonly unsubscribe: () => void;

  constructor(
    core: Pick<CoreClient, 'onEvent'>,
    private readonly heartbeatMs = 15_000,
  ) {
    this.unsubscribe = core.onEvent((event) => this.broadcast(event));
  }

  get size(): number {
    return this.streams.size;
  }

  open(request: IncomingMessage, response: ServerResponse, options: { stillValid: () => boolean; onClose: () => void }): void {
    response.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Proxies (nginx) pass the stream through as it is written instead of buffering it.
      'X-Accel-Buffering': 'no',
    });
    response.write(': connected\n\n');
    const heartbeat = setInterval(() => this.write(stream, ': heartbeat\n\n'), this.heartbeatMs);
    let ended = false;
    const stream: OpenStream = {
      response,
      stillValid: options.stillValid,
      end: () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        this.streams.delete(stream);
        options.onClose();
        response.end();
      },
    };
    this.streams.add(stream);
    request.on('close', stream.end);
  }

  /** Ends every stream whose token is no longer accepted; returns how many. */
  endRevoked(): number {
    let ended = 0;
    for (const stream of [...this.streams]) {
      if (stream.stillValid()) continue;
      stream.end();
      ended++;
    }
    return ended;
  }

  close(): void {
    this.unsubscribe();
    for (const stream of [...this.streams]) stream.end();
  }

  private broadcast(event: PushEvent): void {
    const text = `data: ${JSON.stringify(event)}\n\n`;
    const streams = [...this.streams];
    const batch = event.type === 'data-changed' ? FAN_OUT_BATCH : streams.length;
    const sendFrom = (start: number) => {
      for (const stream of streams.slice(start, start + batch)) if (this.streams.has(stream)) this.write(stream, text);
      if (start + batch < streams.length) setTimeout(() => sendFrom(start + batch), FAN_OUT_INTERVAL_MS).unref();
    };
    sendFrom(0);
  }

  private write(stream: OpenStream, text: string): void {
    if (stream.response.writableLength > MAX_BACKLOG_BYTES) {
      stream.response.destroy();
      stream.end();
      return;
    }
    stream.response.write(text);
  }
}
