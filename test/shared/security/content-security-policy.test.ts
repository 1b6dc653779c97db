// The Content-Security-Policy the desktop window and `serve` send, and the copy in the renderer's HTML:
// the same strict policy in both places, so neither mode runs foreign or inline script.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) parsed.set(name, sources);
  }
  return parsed;
}

function metaPolicy(htmlFile: string): string {
  const html = fs.readFileSync(htmlFile, 'utf8');
  const match = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i);
  if (!match) throw new Error(`${htmlFile} has no Content-Security-Policy meta tag`);
  return match[1]!;
}

describe('CONTENT_SECURITY_POLICY', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('allows only our own scripts: no inline script, no eval, nothing remote', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/unsafe-eval|wasm-unsafe-eval|^\*$|^https?:|^wss?:|^'strict-dynamic'$/);
        if (name !== 'style-src') expect(source, `${name} ${source}`).not.toBe("'unsafe-inline'");
      }
    }
  });

  it('cannot be framed and posts no forms', () => {
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });
});

describe("the renderer's CSP meta tag", () => {
  it('is the shared policy (less frame-ancestors, which a meta tag cannot set)', () => {
    const expected = directives(CONTENT_SECURITY_POLICY);
    expected.delete('frame-ancestors');
    const meta = directives(metaPolicy(path.resolve(__dirname, '../../../renderer/index.html')));
    expect(Object.fromEntries(meta)).toEqual(Object.fromEntries(expected));
  });
});
