// What a caller may write on a team server, decided from its token alone: a viewer and the room
// display never write; a writer writes the team's record and, only when the server was started with
// --allow-setup, its set-up too; the context the core runs in carries the person and, when the caller
// cannot write, the reason in words the app shows.
import { describe, expect, it } from 'vitest';
import { handlerContextOf, writeRefusal, type Caller, type ServerAccess } from '../../electron/server/access/request-caller';
import { SERVER_SETUP_METHODS, writeMethodNames } from './support/write-method-inputs';

const writer: Caller = { kind: 'person', person: 'raj', role: 'writer', tokenId: '0123456789ab' };
const viewer: Caller = { kind: 'person', person: 'mei', role: 'viewer', tokenId: 'ba9876543210' };
const room: Caller = { kind: 'room-display' };

function access(overrides: Partial<ServerAccess> = {}): ServerAccess {
  // The registry is never consulted once a caller is known; the tests here start from callers.
  return { token: 'room', users: null, allowWrite: true, ...overrides };
}

describe('writeRefusal', () => {
  it("lets a writer's token write the team's record but not the server's set-up, unless --allow-setup", () => {
    const teamWrites = writeMethodNames().filter((method) => !SERVER_SETUP_METHODS.includes(method));
    expect(teamWrites).toContain('decide');
    for (const method of teamWrites) expect(writeRefusal(writer, access(), method), method).toBeNull();
    for (const method of SERVER_SETUP_METHODS) {
      expect(writeRefusal(writer, access(), method), method).toMatch(/changes how this team server is set up.*--allow-setup/);
      expect(writeRefusal(writer, access({ allowSetup: true }), method), method).toBeNull();
    }
    // A method nobody has reviewed yet counts as set-up.
    expect(writeRefusal(writer, access(), 'someFutureWrite')).toMatch(/set up/);
  });

  it('refuses every write to a viewer and the room display, whatever the server allows', () => {
    for (const method of writeMethodNames()) {
      expect(writeRefusal(viewer, access({ allowSetup: true }), method), method).toMatch(/viewer's: it reads only.*tessera token add mei --role writer/);
      expect(writeRefusal(room, access({ allowSetup: true }), method), method).toMatch(/room-display token reads only/);
    }
  });

  it('refuses every write on a server started without --allow-write', () => {
    expect(writeRefusal(writer, access({ allowWrite: false, allowSetup: true }), 'decide')).toMatch(/read-only \(start it with --allow-write\)/);
    expect(writeRefusal({ kind: 'shared-token' }, access({ allowWrite: false }), 'decide')).toMatch(/read-only/);
    expect(writeRefusal({ kind: 'shared-token' }, access(), 'saveSource')).toBeNull();
  });
});

describe('handlerContextOf', () => {
  it("carries the token's person, and why the caller cannot write (or change the set-up) when it cannot", () => {
    expect(handlerContextOf(writer, access())).toEqual({ transport: 'http', canWrite: true, person: 'raj', setupLockedReason: expect.stringMatching(/--allow-setup/) });
    expect(handlerContextOf(writer, access({ allowSetup: true }))).toEqual({ transport: 'http', canWrite: true, person: 'raj' });
    expect(handlerContextOf(viewer, access())).toMatchObject({ canWrite: false, person: 'mei', readOnlyReason: expect.stringMatching(/viewer's/) });
    expect(handlerContextOf(room, access())).toMatchObject({ canWrite: false, person: null, readOnlyReason: expect.stringMatching(/room-display/) });
    // Without people, the transport knows nobody: the window's own "Who am I" stands.
    expect(handlerContextOf({ kind: 'local' }, access({ token: null }))).toEqual({ transport: 'http', canWrite: true });
  });
});
