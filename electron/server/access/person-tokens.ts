// Per-person tokens: `tsr_<id>_<secret>`, the id (12 hex digits) to find the entry, the secret 32
// random bytes. Only HMAC-SHA256(salt, secret) is stored. A token carries 256 random bits, so nothing
// can be guessed and a slow password hash would add only per-request latency; the HMAC with its own
// salt per token keeps two files' hashes unrelatable, and the comparison runs in constant time.
import crypto from 'node:crypto';
import type { TokenEntry, TokenRole } from './users-file';

const TOKEN_RE = /^tsr_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  /** Shown once to the person; never stored. */
  token: string;
  entry: TokenEntry;
}

function secretHash(salt: Buffer, secret: string): Buffer {
  return crypto.createHmac('sha256', salt).update(secret, 'utf8').digest();
}

export function issuePersonToken(person: string, role: TokenRole, now = new Date()): IssuedToken {
  const id = crypto.randomBytes(6).toString('hex');
  const secret = crypto.randomBytes(32).toString('base64url');
  const salt = crypto.randomBytes(16);
  return {
    token: `tsr_${id}_${secret}`,
    entry: {
      id,
      person,
      role,
      salt: salt.toString('base64url'),
      hash: secretHash(salt, secret).toString('base64url'),
      created_at: now.toISOString(),
      revoked_at: null,
    },
  };
}

/** The token id of something shaped like a person token, else null (the room display's shared token, garbage). */
export function personTokenId(presented: string): string | null {
  return TOKEN_RE.exec(presented)?.[1] ?? null;
}

/** Whether `presented` is the token of `entry` (a revoked entry never matches). */
export function personTokenMatches(presented: string, entry: TokenEntry): boolean {
  const match = TOKEN_RE.exec(presented);
  if (!match || match[1] !== entry.id || entry.revoked_at !== null) return false;
  const expected = Buffer.from(entry.hash, 'base64url');
  const given = secretHash(Buffer.from(entry.salt, 'base64url'), match[2]!);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
