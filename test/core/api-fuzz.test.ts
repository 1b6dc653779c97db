// Fuzzing the core the way Electron IPC reaches it: dispatchApiCall over the core service's real
// handler table, and the core worker client that ipc-bridge calls. IPC carries structured-clone
// values, so besides the generated JSON cases this sends what JSON cannot (NaN, BigInt, Map, Date,
// undefined fields …). Every input must get a validation error and change nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, type MethodName } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/api-result';
import type { SyncProgressInfo } from '../../shared/api/app-methods';
import { dispatchApiCall } from '../../electron/core/api/dispatch-api-call';
import type { HandlerContext } from '../../electron/core/api/handlers';
import { startCoreWorker, type CoreClient } from '../../electron/core/host/core-client';
import { createCoreService, type CoreService, type CoreServiceOptions } from '../../electron/core/host/core-service';
import { DEEP_NESTING_LEVELS, generateApiFuzzCases } from '../helpers/api-fuzz-inputs';
import { createFuzzLab, fingerprintDatabase, fingerprintTree, migrationsDir, waitForStartSync, type FuzzLab } from '../helpers/api-fuzz-lab';

const distCore = path.resolve(__dirname, '..', '..', 'dist', 'core');
const ipc: HandlerContext = { transport: 'ipc', canWrite: true };

type Snapshot = { db: ReturnType<typeof fingerprintDatabase>; store: Record<string, string>; home: Record<string, string> };

interface ValueCase {
  method: MethodName;
  label: string;
  value: unknown;
}

/** Values IPC's structured clone carries but JSON cannot, at the top level and in each field. */
function structuredCloneOnlyValues(): Array<[string, () => unknown]> {
  const sparse: unknown[] = [];
  sparse[5] = 1;
  return [
    ['NaN', () => NaN],
    ['Infinity', () => Infinity],
    ['-Infinity', () => -Infinity],
    ['-0', () => -0],
    ['BigInt', () => 10n ** 30n],
    ['Date', () => new Date('2025-03-03T00:00:00Z')],
    ['invalid Date', () => new Date(NaN)],
    ['Map', () => new Map([['limit', 1]])],
    ['Set', () => new Set(['r-0001'])],
    ['RegExp', () => /r-.*/g],
    ['Uint8Array', () => new Uint8Array([1, 2, 3])],
    ['ArrayBuffer', () => new ArrayBuffer(8)],
    ['Error', () => new Error('boom')],
    ['sparse array', () => sparse],
    ['boxed String', () => new String('r-0001')],
    ['boxed Number', () => new Number(1)],
    ['boxed Boolean', () => new Boolean(true)],
  ];
}

function ipcOnlyCases(): ValueCase[] {
  const cases: ValueCase[] = [];
  for (const method of Object.keys(contract) as MethodName[]) {
    const schema = contract[method].input as z.ZodType;
    const keys = Object.keys((schema as unknown as { shape?: Record<string, unknown> }).shape ?? {});
    for (const [label, make] of structuredCloneOnlyValues()) {
      cases.push({ method, label: `top-level ${label}`, value: make() });
      for (const key of [...keys, 'extra']) cases.push({ method, label: `"${key}" = ${label}`, value: { [key]: make() } });
    }
    cases.push({ method, label: 'null-prototype object with an extra key', value: Object.assign(Object.create(null) as object, { extra: 1 }) });
    cases.push({ method, label: 'undefined extra field', value: { extra: undefined } });
  }
  return cases.filter(({ method, value }) => !(contract[method].input as z.ZodType).safeParse(value).success);
}

function allCases(): ValueCase[] {
  const fromJson = generateApiFuzzCases({ seed: 7, randomPerMethod: 60 }).map(({ method, label, text }) => ({ method, label, value: JSON.parse(text) as unknown }));
  return [...fromJson, ...ipcOnlyCases()];
}

function notValidation(fuzz: ValueCase, result: ApiResult<unknown>): string | null {
  if (!result.ok && result.error.code === 'validation') return null;
  return `${fuzz.method} ← ${fuzz.label}: ${JSON.stringify(result).slice(0, 200)}`;
}

function coreOptions(lab: FuzzLab): Omit<CoreServiceOptions, 'log'> {
  return {
    dbFile: lab.dbFile,
    storeUrl: lab.storeDir,
    isDemo: false,
    migrationsDir,
    settingsFile: path.join(lab.homeDir, 'settings.json'),
    outboxDir: path.join(lab.homeDir, 'outbox'),
    watch: false,
    version: '0.0.0-fuzz',
    workerDir: distCore,
  };
}

describe('the core under invalid input', () => {
  let dir: string;
  let lab: FuzzLab;
  let cases: ValueCase[];
  let before: Snapshot;
  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
  const cleanPrototype = prototypeKeys();

  const expectNothingChanged = () => {
    expect(fingerprintDatabase(lab.dbFile)).toEqual(before.db);
    expect(fingerprintTree(lab.storeDir)).toEqual(before.store);
    expect(fingerprintTree(lab.homeDir)).toEqual(before.home);
    expect(prototypeKeys()).toEqual(cleanPrototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-core-fuzz-'));
    lab = await createFuzzLab(dir);
    fs.mkdirSync(path.join(lab.homeDir, 'outbox'));
    cases = allCases();
  });

  /** The core's sync worker syncs once as it starts; the baseline is taken after that pass has ended. */
  const baselineAfterSync = async (call: (method: MethodName, input: unknown) => Promise<ApiResult<unknown>>) => {
    await waitForStartSync(async () => {
      const result = await call('getSyncProgress', {});
      return result.ok ? (result.value as SyncProgressInfo) : null;
    });
    before = { db: fingerprintDatabase(lab.dbFile), store: fingerprintTree(lab.storeDir), home: fingerprintTree(lab.homeDir) };
  };

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('dispatchApiCall with the core service handlers (in-process)', () => {
    let service: CoreService;
    beforeAll(async () => {
      service = createCoreService({ ...coreOptions(lab), log: () => {} });
      await baselineAfterSync((method, input) => dispatchApiCall(service.handlers, method, input, ipc));
    });
    afterAll(() => service?.close());

    it('answers every invalid input for every method with a validation error', async () => {
      expect(new Set(cases.map((fuzz) => fuzz.method))).toEqual(new Set(Object.keys(contract)));
      expect(cases.length).toBeGreaterThan(3000);
      const wrong: string[] = [];
      for (const fuzz of cases) {
        const problem = notValidation(fuzz, await dispatchApiCall(service.handlers, fuzz.method, fuzz.value, ipc));
        if (problem) wrong.push(problem);
      }
      expect(wrong, `${wrong.length} of ${cases.length} cases`).toEqual([]);
    });

    it('refuses method names that are not in the contract, of any type', async () => {
      for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', null, undefined, 42, {}, ['getAppInfo'], Symbol.iterator]) {
        const result = await dispatchApiCall(service.handlers, method, {}, ipc);
        expect(result.ok ? 'ok' : result.error.code, String(method)).toBe('unknown-method');
      }
    });

    it('keeps answering, and nothing changed: cache, store, settings, Object.prototype', async () => {
      const counts = await dispatchApiCall(service.handlers, 'getCacheCounts', {}, ipc);
      expect(counts.ok).toBe(true);
      expectNothingChanged();
    });
  });

  describe('the core worker client (what ipc-bridge calls)', () => {
    let core: CoreClient;
    const log: string[] = [];
    beforeAll(async () => {
      core = await startCoreWorker(path.join(distCore, 'core-worker.mjs'), coreOptions(lab), (message) => log.push(message));
      await baselineAfterSync((method, input) => core.call(method, input, ipc));
    });
    afterAll(() => core?.close());

    it(`answers inputs nested ${DEEP_NESTING_LEVELS} levels deep with a validation error instead of failing the call`, async () => {
      const deepArray = JSON.parse('['.repeat(DEEP_NESTING_LEVELS) + ']'.repeat(DEEP_NESTING_LEVELS)) as unknown;
      const deepObject = JSON.parse('{"a":'.repeat(DEEP_NESTING_LEVELS) + '0' + '}'.repeat(DEEP_NESTING_LEVELS)) as unknown;
      for (const value of [deepArray, deepObject, { extra: deepObject }, { by: deepArray }]) {
        const result = await core.call('getWorkSplit', value, ipc);
        expect(result.ok ? 'ok' : result.error.code).toBe('validation');
      }
    });

    it('answers every invalid input with a validation error through the worker', async () => {
      const wrong: string[] = [];
      await Promise.all(
        cases.map(async (fuzz) => {
          const problem = notValidation(fuzz, await core.call(fuzz.method, fuzz.value, ipc));
          if (problem) wrong.push(problem);
        }),
      );
      expect(wrong, `${wrong.length} of ${cases.length} cases`).toEqual([]);
    });

    it('keeps answering, and nothing changed', async () => {
      const counts = await core.call('getCacheCounts', {}, ipc);
      expect(counts.ok).toBe(true);
      expectNothingChanged();
    });
  });
});
