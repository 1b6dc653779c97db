// The server's record of every call to a method that writes, allowed or not: who (person, token id,
// role), what (method, input, outcome, the event written), when, and from which address. One JSON
// object per line, appended; group-readable (0640) so the team's admins can read it. Each replica
// keeps its own file: appends from several hosts to one file on a network mount can interleave.
import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../../shared/api/api-result';
import { describeCaller, type Caller } from './access/request-caller';

/** Inputs are bounded by their schemas; this only keeps a refused, oversized one from bloating the log. */
const MAX_INPUT_CHARS = 4096;

export interface AuditRecord {
  at: string;
  person: string | null;
  tokenId: string | null;
  role: string;
  address: string | null;
  /** As the client or a proxy sent it: recorded, not trusted. */
  forwardedFor: string | null;
  method: string;
  input: unknown;
  inputTruncated?: true;
  outcome: 'ok' | 'refused' | 'failed';
  error?: { code: string; message: string };
  /** The event the call wrote (decide, comment, setComplexity, closeReview): its id, author and where it went. */
  event?: { id: string; author: string | null; state: string; path: string };
}

export interface AuditLog {
  readonly file: string;
  record(entry: AuditRecord): void;
  close(): void;
}

function eventOf(value: unknown): AuditRecord['event'] | undefined {
  const written = value as { state?: unknown; path?: unknown; event?: { id?: unknown; author?: unknown } } | null;
  if (!written || typeof written !== 'object' || typeof written.event?.id !== 'string') return undefined;
  return {
    id: written.event.id,
    author: typeof written.event.author === 'string' ? written.event.author : null,
    state: String(written.state),
    path: String(written.path),
  };
}

/** One audit line from a finished write call. */
export function auditRecordOf(options: {
  caller: Caller;
  address: string | undefined;
  forwardedFor: string | string[] | undefined;
  method: string;
  input: unknown;
  result: ApiResult<unknown>;
  at: Date;
}): AuditRecord {
  const inputText = JSON.stringify(options.input ?? null);
  const refused = !options.result.ok && ['forbidden', 'validation', 'unauthorized', 'not-found'].includes(options.result.error.code);
  const record: AuditRecord = {
    at: options.at.toISOString(),
    ...describeCaller(options.caller),
    address: options.address ?? null,
    forwardedFor: Array.isArray(options.forwardedFor) ? options.forwardedFor.join(', ') : (options.forwardedFor ?? null),
    method: options.method,
    input: inputText.length > MAX_INPUT_CHARS ? inputText.slice(0, MAX_INPUT_CHARS) : options.input,
    outcome: options.result.ok ? 'ok' : refused ? 'refused' : 'failed',
  };
  if (inputText.length > MAX_INPUT_CHARS) record.inputTruncated = true;
  if (!options.result.ok) record.error = { code: options.result.error.code, message: options.result.error.message };
  else {
    const event = eventOf(options.result.value);
    if (event) record.event = event;
  }
  return record;
}

export function openAuditLog(file: string): AuditLog {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Opened once for appending; each record is one write of one line, so lines never interleave.
  const fd = fs.openSync(file, 'a', 0o640);
  return {
    file,
    record(entry) {
      fs.writeSync(fd, `${JSON.stringify(entry)}\n`);
    },
    close() {
      fs.closeSync(fd);
    },
  };
}
