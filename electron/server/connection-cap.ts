// A bound on the connections the whole server holds, under the process's file-descriptor limit.
// Past the bound a new connection still gets an answer (503, "too many connections", then closed)
// instead of being dropped unanswered; far past it Node drops them, so descriptors never run out.
import fs from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

const OVER_CAP = Symbol('tessera.overConnectionCap');
/** Descriptors kept for the cache, the store, workers and logs. */
const RESERVED_FDS = 256;
const DEFAULT_CAP = 4096;

/** The soft "Max open files" of this process on Linux; null elsewhere. */
export function openFileLimit(limitsText?: string): number | null {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = fs.readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return null;
    }
  }
  const match = /^Max open files\s+(\d+|unlimited)\s/m.exec(text);
  if (!match) return null;
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

export function defaultConnectionCap(fdLimit = openFileLimit()): number {
  if (fdLimit === null) return DEFAULT_CAP;
  return Math.max(64, Math.min(DEFAULT_CAP, Math.floor((fdLimit - RESERVED_FDS) / 2)));
}

/**
 * Counts connections; those past `cap` are marked so their requests get a 503. An HTTPS server counts
 * at 'secureConnection', where the socket is the one its requests arrive on.
 */
export function capConnections(server: Server, cap: number, tls: boolean): { open: () => number } {
  let open = 0;
  // Beyond twice the cap Node closes new connections at once: the answered 503s cost descriptors too.
  server.maxConnections = cap * 2;
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    open++;
    if (open > cap) (socket as Socket & { [OVER_CAP]?: boolean })[OVER_CAP] = true;
    socket.once('close', () => open--);
  });
  return { open: () => open };
}

export function overConnectionCap(request: IncomingMessage): boolean {
  return (request.socket as Socket & { [OVER_CAP]?: boolean })[OVER_CAP] === true;
}
