// Who sent a request, from the token it presents, and what that lets it do. Four kinds of caller:
// a person (a token of the users file: their events carry their id, a viewer never writes); the room
// display (the shared --token while a users file is in use: reads only, names nobody); the shared
// token alone (no people known: as before, --allow-write decides); and a local caller where no token
// is asked at all (loopback without --token).
import type { MethodName } from '../../../shared/api/contract';
import type { HandlerContext } from '../../core/api/handlers';
import { tokensEqual } from '../request-auth';
import type { PersonTokenRegistry } from './person-token-registry';
import type { TokenRole } from './users-file';

export type Caller =
  | { kind: 'person'; person: string; role: TokenRole; tokenId: string }
  | { kind: 'room-display' }
  | { kind: 'shared-token' }
  | { kind: 'local' };

export interface ServerAccess {
  /** The one shared token (--token); null when none was given. */
  token: string | null;
  /** Per-person tokens (--users); null when the server knows no people. */
  users: PersonTokenRegistry | null;
  /** The server-wide switch (--allow-write); a role can only narrow it. */
  allowWrite: boolean;
  /** Writers' tokens may also change how the server is set up (--allow-setup). */
  allowSetup?: boolean;
}

/** Whether requests must present a token at all. */
export function accessNeedsToken(access: ServerAccess): boolean {
  return access.token !== null || access.users !== null;
}

/** The caller a presented token makes, or null: no valid token where one is needed. */
export function callerOf(presented: string | null, access: ServerAccess): Caller | null {
  if (!accessNeedsToken(access)) return { kind: 'local' };
  if (presented === null || presented.length === 0) return null;
  if (access.users) {
    const entry = access.users.authenticate(presented);
    if (entry) return { kind: 'person', person: entry.person, role: entry.role, tokenId: entry.id };
  }
  if (access.token !== null && tokensEqual(presented, access.token)) return access.users ? { kind: 'room-display' } : { kind: 'shared-token' };
  return null;
}

/**
 * What a person may change through a team server: the team's record (decisions, comments,
 * assessments, reviews), their own alerts and watches, the sync, the outbox and fit exclusions. How
 * the server itself is set up (its sources, SSH keys, trusted hosts) is its admins' business, on its
 * command line, unless it was started with --allow-setup; a write method added later counts as set-up
 * until it is listed here, so nobody's token can reconfigure the team's server by accident.
 */
const TEAM_WRITES: ReadonlySet<string> = new Set<MethodName>([
  'decide',
  'comment',
  'setComplexity',
  'closeReview',
  'watch',
  'unwatch',
  'setAlertSettings',
  'syncNow',
  'retryPendingEvents',
  'setFitExclusion',
]);

/** Why this caller cannot call `method`, which writes, or null when it can. */
export function writeRefusal(caller: Caller, access: ServerAccess, method: string): string | null {
  if (caller.kind === 'person' && caller.role !== 'writer') {
    return `Your token is a viewer's: it reads only. Ask an admin for a writer token ("tessera token add ${caller.person} --role writer").`;
  }
  if (caller.kind === 'room-display') return 'The shared room-display token reads only; sign in with your own token to write.';
  if (!access.allowWrite) return 'This server is read-only (start it with --allow-write).';
  if (caller.kind === 'person' && !TEAM_WRITES.has(method) && access.allowSetup !== true) {
    return "It changes how this team server is set up (its sources, its keys): its admins do that where it runs, with serve's flags (or start it with --allow-setup).";
  }
  return null;
}

/** The context the core runs the call in: the person behind a token is the author of its events. */
export function handlerContextOf(caller: Caller, access: ServerAccess): HandlerContext {
  const refusal = writeRefusal(caller, access, 'decide');
  const setupRefusal = writeRefusal(caller, access, 'saveSource');
  const ctx: HandlerContext = { transport: 'http', canWrite: refusal === null };
  if (refusal !== null) ctx.readOnlyReason = refusal;
  else if (setupRefusal !== null) ctx.setupLockedReason = setupRefusal;
  if (caller.kind === 'person') ctx.person = caller.person;
  else if (caller.kind === 'room-display') ctx.person = null;
  return ctx;
}

/**
 * The client a per-client limit counts against: a person's token, else the address it comes from;
 * null for the local caller of a loopback server without tokens, which is this machine's one user.
 */
export function clientKeyOf(caller: Caller, remoteAddress: string | undefined): string | null {
  if (caller.kind === 'local') return null;
  return caller.kind === 'person' ? `token:${caller.tokenId}` : `address:${remoteAddress ?? 'unknown'}`;
}

/** For logs and the audit file: who, without the secret. */
export function describeCaller(caller: Caller): { person: string | null; tokenId: string | null; role: string } {
  switch (caller.kind) {
    case 'person':
      return { person: caller.person, tokenId: caller.tokenId, role: caller.role };
    case 'room-display':
      return { person: null, tokenId: null, role: 'room-display' };
    case 'shared-token':
      return { person: null, tokenId: null, role: 'shared-token' };
    case 'local':
      return { person: null, tokenId: null, role: 'local' };
  }
}
