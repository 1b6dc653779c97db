// Seeded generator of invalid inputs for every method of the API contract: wrong types, missing and
// extra fields, huge strings, deep nesting, prototype-pollution keys, arrays for objects, null.
// Each case is JSON text (what `serve` receives), and the generator keeps only what the method's own
// schema rejects, so a write method can never be handed a valid call by accident.
import type { z } from 'zod';
import { contract, type MethodName } from '../../shared/api/contract';
import { createSeededRandom } from '../../shared/random/seeded-random';

export interface FuzzCase {
  method: MethodName;
  /** What kind of damage, for failure messages. */
  label: string;
  /** The request body as sent over HTTP. */
  text: string;
}

export const HUGE_STRING_BYTES = 1024 * 1024;
export const DEEP_NESTING_LEVELS = 10_000;
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

const STRING_CANDIDATES = ['r-0001', '2025-03-03', '2025-03-03T12:00:00Z', 'a reason that is long enough', 'x'];
const SCALAR_CANDIDATES: unknown[] = [1, 0, 0.5, true, null];

/** A value the schema accepts, found from a small pool, or undefined when none fits. */
function validSample(schema: z.ZodType): unknown {
  const def = defOf(schema);
  if (def.type === 'object' && def.shape) {
    const value: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(def.shape)) {
      if (field.safeParse(undefined).success) continue;
      const sample = validSample(field);
      if (sample === undefined) return undefined;
      value[key] = sample;
    }
    return schema.safeParse(value).success ? value : undefined;
  }
  if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) return validSample(def.innerType);
  const pool = [...Object.values(def.entries ?? {}), ...(def.values ?? []), ...STRING_CANDIDATES, ...SCALAR_CANDIDATES];
  return pool.find((candidate) => schema.safeParse(candidate).success);
}

function deepArrayText(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

function deepObjectText(levels: number): string {
  return '{"a":'.repeat(levels) + '0' + '}'.repeat(levels);
}

/** `base` with `key` set to raw JSON text (for values JSON.stringify cannot build, like 10,000 levels). */
function withRawField(base: Record<string, unknown>, key: string, rawValue: string): string {
  const rest = JSON.stringify(base).slice(1, -1);
  return `{${rest}${rest ? ',' : ''}${JSON.stringify(key)}:${rawValue}}`;
}

function hugeStringText(): string {
  return JSON.stringify('x'.repeat(HUGE_STRING_BYTES));
}

/** Values of every JSON type, including edge cases, for "wrong type" substitutions. */
const TYPE_PROBES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.000001,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  'x',
  '-1',
  'NaN',
  'Infinity',
  'null',
  '\u0000',
  '\u202e\u200b',
  '😀'.repeat(50),
  '2025-13-45',
  '../../etc/passwd',
  "'; DROP TABLE runs; --",
  'a'.repeat(5000),
  [],
  [1, 2, 3],
  ['r-0001'],
  [null],
  {},
  { a: 1 },
  { length: 1, 0: 'x' },
];

function randomKey(rng: () => number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.$ ';
  const length = 1 + Math.floor(rng() * 12);
  let key = '';
  for (let i = 0; i < length; i++) key += alphabet[Math.floor(rng() * alphabet.length)];
  return key;
}

function randomJson(rng: () => number, depth: number): unknown {
  const roll = rng();
  if (depth <= 0 || roll < 0.5) return TYPE_PROBES[Math.floor(rng() * TYPE_PROBES.length)];
  if (roll < 0.75) return Array.from({ length: Math.floor(rng() * 4) }, () => randomJson(rng, depth - 1));
  const value: Record<string, unknown> = {};
  const count = Math.floor(rng() * 4);
  for (let i = 0; i < count; i++) value[rng() < 0.2 ? PROTOTYPE_KEYS[Math.floor(rng() * 3)]! : randomKey(rng)] = randomJson(rng, depth - 1);
  return value;
}

/** JSON text of an object whose own keys include a prototype-pollution key (a literal would set the prototype instead). */
function pollutionText(base: Record<string, unknown>, key: string): string {
  return withRawField(base, key, '{"polluted":"yes","isAdmin":true}');
}

function casesFor(method: MethodName, rng: () => number, randomCount: number): FuzzCase[] {
  const schema = contract[method].input as z.ZodType;
  const shape = defOf(schema).shape ?? {};
  const base = (validSample(schema) ?? {}) as Record<string, unknown>;
  const keys = Object.keys(shape);
  const raw: Array<[string, string]> = [];
  const add = (label: string, value: unknown) => raw.push([label, JSON.stringify(value)]);

  for (const probe of TYPE_PROBES) add(`top-level ${JSON.stringify(probe).slice(0, 30)}`, probe);
  add('array holding the input', [base]);
  raw.push(['top-level 1 MB string', hugeStringText()]);
  raw.push([`top-level array nested ${DEEP_NESTING_LEVELS} levels`, deepArrayText(DEEP_NESTING_LEVELS)]);
  raw.push([`top-level object nested ${DEEP_NESTING_LEVELS} levels`, deepObjectText(DEEP_NESTING_LEVELS)]);
  for (const key of PROTOTYPE_KEYS) {
    raw.push([`own "${key}" key`, pollutionText(base, key)]);
    raw.push([`only "${key}" key`, pollutionText({}, key)]);
  }
  raw.push(['constructor.prototype chain', withRawField(base, 'constructor', '{"prototype":{"polluted":"yes"}}')]);
  for (const extra of ['extra', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '0', 'length']) add(`extra field "${extra}"`, { ...base, [extra]: 1 });
  for (const key of keys) {
    const { [key]: _dropped, ...without } = base;
    add(`missing "${key}"`, without);
    for (const probe of TYPE_PROBES) add(`"${key}" = ${JSON.stringify(probe).slice(0, 30)}`, { ...base, [key]: probe });
    add(`"${key}" as an array of itself`, { ...base, [key]: [base[key] ?? 'x'] });
    const nested = defOf(shape[key]!).innerType ?? shape[key]!;
    if (defOf(nested).type === 'object') {
      for (const pollution of PROTOTYPE_KEYS) raw.push([`"${key}" with own "${pollution}"`, withRawField(base, key, pollutionText((validSample(nested) ?? {}) as Record<string, unknown>, pollution))]);
    }
  }
  const firstKey = keys[0];
  if (firstKey) {
    raw.push([`"${firstKey}" = 1 MB string`, withRawField(base, firstKey, hugeStringText())]);
    raw.push([`"${firstKey}" nested ${DEEP_NESTING_LEVELS} levels`, withRawField(base, firstKey, deepArrayText(DEEP_NESTING_LEVELS))]);
  }
  raw.push([`extra field nested ${DEEP_NESTING_LEVELS} levels`, withRawField(base, 'extra', deepObjectText(DEEP_NESTING_LEVELS))]);
  for (let i = 0; i < randomCount; i++) {
    const junk: Record<string, unknown> = rng() < 0.7 ? { ...base } : {};
    const edits = 1 + Math.floor(rng() * 3);
    for (let e = 0; e < edits; e++) {
      const key = keys.length > 0 && rng() < 0.6 ? keys[Math.floor(rng() * keys.length)]! : randomKey(rng);
      junk[key] = randomJson(rng, 3);
    }
    add(`random #${i}`, junk);
  }
  return raw
    .filter(([, text]) => !schema.safeParse(JSON.parse(text)).success)
    .map(([label, text]) => ({ method, label, text }));
}

/** Every method of the contract, each with its invalid inputs; the same seed gives the same cases. */
export function generateApiFuzzCases(options: { seed: number; randomPerMethod: number }): FuzzCase[] {
  const rng = createSeededRandom(options.seed).next;
  return (Object.keys(contract) as MethodName[]).flatMap((method) => casesFor(method, rng, options.randomPerMethod));
}
