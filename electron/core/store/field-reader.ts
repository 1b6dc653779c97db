// Reads the fields of one store document one by one, so that a bad optional field becomes an
// issue naming it (and is treated as absent) while the rest of the document is kept.
import { z } from 'zod';
import { describeValue, STORE_ID_EXPECTED } from './store-ids';
import { isIsoTime, ISO_TIME_EXPECTED } from './iso-time';
import type { IssueList } from './sync-issue';
import { isPlainObject } from './store-text';

export type LineOf = (path: (string | number)[]) => number | null;

export interface FieldSpec<T> {
  schema: z.ZodType<T>;
  expected: string;
}

export const fieldSpecs = {
  id: { schema: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/), expected: STORE_ID_EXPECTED } satisfies FieldSpec<string>,
  text: { schema: z.string(), expected: 'a string' } satisfies FieldSpec<string>,
  /** Labels written by hand are sometimes numbers (variant: 2); they are kept as text. */
  label: {
    schema: z.union([z.string(), z.number().finite()]).transform((v) => String(v)),
    expected: 'a string',
  } satisfies FieldSpec<string>,
  time: { schema: z.string().refine(isIsoTime), expected: ISO_TIME_EXPECTED } satisfies FieldSpec<string>,
  positive: { schema: z.number().finite().positive(), expected: 'a number > 0' } satisfies FieldSpec<number>,
  nonNegative: { schema: z.number().finite().nonnegative(), expected: 'a number ≥ 0' } satisfies FieldSpec<number>,
  integer: { schema: z.number().int(), expected: 'a whole number' } satisfies FieldSpec<number>,
  fraction: { schema: z.number().finite().min(0).max(1), expected: 'a number from 0 to 1' } satisfies FieldSpec<number>,
  number: { schema: z.number().finite(), expected: 'a number' } satisfies FieldSpec<number>,
};

export function enumSpec<const T extends readonly [string, ...string[]]>(values: T): FieldSpec<T[number]> {
  return { schema: z.enum(values), expected: `one of ${values.map((v) => `"${v}"`).join(', ')}` };
}

export class FieldReader {
  constructor(
    readonly raw: Record<string, unknown>,
    private readonly issues: IssueList,
    private readonly lineOf: LineOf = () => null,
    private readonly path: (string | number)[] = [],
  ) {}

  private name(key: string | number): string {
    return [...this.path, key].join('.');
  }

  private line(key: string | number): number | null {
    return this.lineOf([...this.path, key]);
  }

  /** A field that must be present; reported as missing or invalid otherwise. */
  required<T>(key: string, spec: FieldSpec<T>): T | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) {
      this.issues.add('missing-field', `Required field "${this.name(key)}" is missing.`, spec.expected, this.line(key));
      return undefined;
    }
    return this.check(key, value, spec);
  }

  /** A field that may be absent (or null); an invalid value is reported and treated as absent. */
  optional<T>(key: string, spec: FieldSpec<T>): T | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    return this.check(key, value, spec);
  }

  /** A nested mapping (model, data, compute); anything else is reported and treated as absent. */
  object(key: string): FieldReader | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (!isPlainObject(value)) {
      this.issues.add('invalid-field', `Field "${this.name(key)}" is ${describeValue(value)}.`, 'a mapping of fields', this.line(key));
      return undefined;
    }
    return new FieldReader(value, this.issues, this.lineOf, [...this.path, key]);
  }

  /** A list whose elements are each checked by `spec`; bad elements are reported and dropped. */
  valueList<T>(key: string, spec: FieldSpec<T>): T[] {
    const list = this.rawList(key);
    if (!list) return [];
    const reader = new FieldReader(Object.fromEntries(list.entries()), this.issues, this.lineOf, [...this.path, key]);
    return list.flatMap((item, index) => {
      const value = reader.check(index, item, spec);
      return value === undefined ? [] : [value];
    });
  }

  /** A list of mappings, each read by `read` (which returns undefined to drop one); non-mappings are reported. */
  objectList<T>(key: string, expected: string, read: (entry: FieldReader, index: number) => T | undefined): T[] {
    const list = this.rawList(key);
    if (!list) return [];
    return list.flatMap((item, index) => {
      if (!isPlainObject(item)) {
        this.issues.add('invalid-field', `Entry "${this.name(key)}.${index}" is ${describeValue(item)}.`, expected, this.lineOf([...this.path, key, index]));
        return [];
      }
      const value = read(new FieldReader(item, this.issues, this.lineOf, [...this.path, key, index]), index);
      return value === undefined ? [] : [value];
    });
  }

  private rawList(key: string): unknown[] | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.issues.add('invalid-field', `Field "${this.name(key)}" is ${describeValue(value)}.`, 'a list', this.line(key));
      return undefined;
    }
    return value;
  }

  check<T>(key: string | number, value: unknown, spec: FieldSpec<T>): T | undefined {
    const parsed = spec.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    this.issues.add('invalid-field', `Field "${this.name(key)}" is ${describeValue(value)}.`, spec.expected, this.line(key));
    return undefined;
  }

  /** Keys of this mapping that the format does not define. */
  unknownKeys(known: readonly string[]): string[] {
    return Object.keys(this.raw).filter((key) => !known.includes(key));
  }
}
