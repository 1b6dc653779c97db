// Fuzzing `tessera serve` (writes allowed, so write methods reach validation): thousands of invalid
// inputs across every method of the contract must each get a validation error, leave the server
// serving, and change nothing — not the cache, not the store, not the settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgressInfo } from '../../shared/api/app-methods';
import { contract } from '../../shared/api/contract';
import { callApi, startServe, type ServeProcess } from '../e2e/support/start-serve';
import { generateApiFuzzCases, type FuzzCase } from '../helpers/api-fuzz-inputs';
import { createFuzzLab, fingerprintDatabase, fingerprintTree, waitForStartSync, type FuzzLab } from '../helpers/api-fuzz-lab';

interface Answer {
  status: number;
  code: string | undefined;
}

async function post(baseUrl: string, method: string, body: string | Uint8Array<ArrayBuffer>): Promise<Answer> {
  const response = await fetch(new URL(`api/${method}`, baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code: string } }).error?.code;
  } catch {
    code = `unparseable response: ${text.slice(0, 80)}`;
  }
  return { status: response.status, code };
}

/** Runs the cases a few at a time and returns those not answered with 400 + validation. */
async function sendAll(baseUrl: string, cases: FuzzCase[], concurrency: number): Promise<string[]> {
  const wrong: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const fuzz = cases[next++]!;
      const answer = await post(baseUrl, fuzz.method, fuzz.text).catch((error: Error) => ({ status: 0, code: `request failed: ${error.message}` }));
      if (answer.status !== 400 || answer.code !== 'validation') wrong.push(`${fuzz.method} ← ${fuzz.label}: ${answer.status} ${answer.code}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return wrong;
}

describe('serve --allow-write under invalid input', () => {
  let dir: string;
  let lab: FuzzLab;
  let serve: ServeProcess;
  let before: { db: ReturnType<typeof fingerprintDatabase>; store: Record<string, string>; home: Record<string, string> };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-api-fuzz-'));
    lab = await createFuzzLab(dir);
    serve = await startServe(['--store', lab.storeDir, '--db', lab.dbFile, '--no-watch', '--allow-write'], { home: lab.homeDir });
    // The server's sync worker syncs once as it starts; the baseline is taken after that pass has ended.
    await waitForStartSync(async () => {
      const { body } = await callApi(serve.url, 'getSyncProgress', {});
      return body.ok ? (body.value as SyncProgressInfo) : null;
    });
    before = { db: fingerprintDatabase(lab.dbFile), store: fingerprintTree(lab.storeDir), home: fingerprintTree(lab.homeDir) };
    expect(before.db.runs!.rows).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await serve?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers every generated invalid input for every method with a validation error', async () => {
    const cases = generateApiFuzzCases({ seed: 20250602, randomPerMethod: 60 });
    const methods = new Set(cases.map((fuzz) => fuzz.method));
    expect([...methods].sort()).toEqual(Object.keys(contract).sort());
    expect(cases.length).toBeGreaterThan(2000);
    const wrong = await sendAll(serve.url, cases, 8);
    expect(wrong, `${wrong.length} of ${cases.length} cases`).toEqual([]);
  });

  it('answers bodies that are not JSON at all with a validation error', async () => {
    const bodies: Array<string | Uint8Array<ArrayBuffer>> = [
      '{',
      '{"limit": 1',
      "{'limit': 1}",
      '{"limit": NaN}',
      '{"limit": Infinity}',
      '[1,]',
      '{} {}',
      '\uFEFF{}',
      '{"a": 1} // comment',
      'undefined',
      new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x7d]),
      new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)),
    ];
    for (const method of ['getAppInfo', 'listSyncIssues', 'decide']) {
      for (const body of bodies) {
        const answer = await post(serve.url, method, body);
        expect(answer, `${method} ← ${JSON.stringify(body.toString()).slice(0, 40)}`).toEqual({ status: 400, code: 'validation' });
      }
    }
  });

  it('names no method that is not in the contract, whatever the name', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'getAppInfo%00', '..%2FgetAppInfo', 'GETAPPINFO', 'x'.repeat(5000)]) {
      const answer = await post(serve.url, name, '{}');
      expect(answer, name.slice(0, 40)).toEqual({ status: 404, code: 'unknown-method' });
    }
  });

  it('is still serving afterwards, and nothing changed: cache, store, settings', async () => {
    const counts = await callApi(serve.url, 'getCacheCounts', {});
    expect(counts.status).toBe(200);
    expect(counts.body.ok).toBe(true);
    expect(serve.child.exitCode).toBeNull();
    expect(fingerprintDatabase(lab.dbFile)).toEqual(before.db);
    expect(fingerprintTree(lab.storeDir)).toEqual(before.store);
    expect(fingerprintTree(lab.homeDir)).toEqual(before.home);
  });
});
