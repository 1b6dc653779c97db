import { describe, expect, it } from 'vitest';
import { RUN_ID_PATTERN, deriveRunId } from '../../../electron/core/sources/run-id';

describe('run ids derived from source paths', () => {
  it('keeps a clean folder path readable, with / turned into .', () => {
    expect(deriveRunId('ladder-v3/run_7')).toBe('ladder-v3.run_7');
    expect(deriveRunId('4f1c2a9be0d34d5c8f1e2a3b4c5d6e7f')).toBe('4f1c2a9be0d34d5c8f1e2a3b4c5d6e7f');
  });

  it.each([
    ['../../etc/passwd'],
    ['..'],
    ['lr 3e-4/seed 1'],
    ['modèle/été'],
    ['実験/ラン1'],
    ['-leading-dash'],
    ['.hidden/run'],
    [''],
    ['a'.repeat(500)],
    [`${'deep/'.repeat(60)}run`],
    ['tab\there/new\nline'],
  ])('makes a valid lab-store id from %j', (path) => {
    const id = deriveRunId(path);
    expect(id).toMatch(RUN_ID_PATTERN);
    expect(id).not.toContain('/');
    expect(id).not.toBe('..');
  });

  it('never gives two different paths the same id, even when they clean up alike', () => {
    const paths = ['a/b', 'a.b', 'a b', 'a_b', 'a-b', 'a/b/', 'a//b', 'a/.b', 'a..b', 'a:b', 'A/b', `${'x'.repeat(200)}1`, `${'x'.repeat(200)}2`, 'a.b..0123456789abcdef', 'run', '', 'root'];
    const ids = paths.map(deriveRunId);
    expect(new Set(ids).size).toBe(paths.length);
  });

  it('gives the same id for the same name in composed and decomposed Unicode (macOS vs Linux listings)', () => {
    expect(deriveRunId('caf\u00e9/run')).toBe(deriveRunId('cafe\u0301/run'));
  });

  it('keeps a readable start when it has to hash a long or unusual path', () => {
    expect(deriveRunId('sweeps/lr=3e-4')).toMatch(/^sweeps\.lr-3e-4\.\.[0-9a-f]{16}$/);
    expect(deriveRunId('x'.repeat(300)).length).toBeLessThanOrEqual(128);
  });
});
