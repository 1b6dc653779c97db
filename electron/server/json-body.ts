// Reading an API call's JSON body within bounds: at most MAX_BODY_BYTES, at most MAX_JSON_DEPTH levels
// of nesting. No API input nests more than a few levels, and a deeply nested value (10,000 levels)
// overflows the stack when it is copied to the core worker, so it is refused (bounded-json.ts).
import type { IncomingMessage } from 'node:http';
import { JsonTooDeepError, MAX_JSON_DEPTH, parseBoundedJson } from '../core/store/bounded-json';

export { MAX_JSON_DEPTH };
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** A request body the server refuses, with the HTTP status to answer. */
export class RequestBodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

/**
 * The body as text. Past the limit the rest is read and dropped rather than the connection cut,
 * so the client gets its 413 instead of a reset connection.
 */
export function readRequestBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) return;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (tooLarge) reject(new RequestBodyError(413, `The request body is over ${maxBytes} bytes.`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

/** The call's input: an empty body means no arguments; anything else must be JSON within the depth limit. */
export function parseJsonBody(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (text.length === 0) return {};
  try {
    return parseBoundedJson(text, maxDepth);
  } catch (error) {
    if (error instanceof JsonTooDeepError) {
      throw new RequestBodyError(400, `The request body nests deeper than ${maxDepth} levels; no API input needs that many.`);
    }
    throw new RequestBodyError(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
