// The caller a transport knows (a team server's token) goes into the field each method names its
// caller with, whatever the input said; where the transport does not know, the window's own word
// stands. And the contract says it for every method that has such a field, so none is left out.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputAsCaller } from '../../../electron/core/api/caller-person';
import { contract, type MethodName } from '../../../shared/api/contract';

const decide = { proposalId: 'p-001', decision: 'park', rationale: 'noise', author: 'ana' };
const local = { transport: 'ipc', canWrite: true } as const;
const team = (person: string | null) => ({ transport: 'http', canWrite: true, person }) as const;

describe('inputAsCaller', () => {
  it("keeps the window's own word where the transport does not know who calls", () => {
    expect(inputAsCaller('author', decide, local)).toEqual(decide);
  });

  it("puts the token's person in the caller field, replacing or adding it", () => {
    expect(inputAsCaller('author', decide, team('raj'))).toEqual({ ...decide, author: 'raj' });
    const { author: _author, ...unnamed } = decide;
    expect(inputAsCaller('author', unnamed, team('raj'))).toEqual({ ...unnamed, author: 'raj' });
    expect(inputAsCaller('person', { scope: 'mine', person: 'ana' }, team('raj'))).toEqual({ scope: 'mine', person: 'raj' });
  });

  it('leaves the field empty for a token that names nobody, and anything not an object to validation', () => {
    const { author: _author, ...unnamed } = decide;
    expect(inputAsCaller('author', decide, team(null))).toEqual(unnamed);
    expect(inputAsCaller('author', null, team('raj'))).toBeNull();
    expect(inputAsCaller('author', ['ana'], team('raj'))).toEqual(['ana']);
  });

  it('changes nothing of a method that names no caller (the decision log filters by an author of its own choosing)', () => {
    const filter = { proposalId: 'p-001', author: 'ana' };
    expect(inputAsCaller(contract.listDecisions.caller, filter, team('raj'))).toEqual(filter);
  });
});

describe('the contract', () => {
  it('declares the caller field of every method that writes as someone or reads someone’s own', () => {
    const fieldsOf = (method: MethodName) => {
      const input = contract[method].input as z.ZodType;
      return input instanceof z.ZodObject ? Object.keys(input.shape) : [];
    };
    const declared = (Object.keys(contract) as MethodName[]).filter((method) => contract[method].caller !== null);
    // Whoever writes an event names its author; alerts and watches are a person's.
    const expected = (Object.keys(contract) as MethodName[]).filter(
      (method) => (contract[method].writes && fieldsOf(method).includes('author')) || fieldsOf(method).includes('person'),
    );
    expect(declared.sort()).toEqual(expected.sort());
    for (const method of declared) expect(fieldsOf(method), method).toContain(contract[method].caller);
  });
});
