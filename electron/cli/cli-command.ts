// The shape of a `tessera` sub-command: its flags (node:util parseArgs, strict), help text and body.
import type { ParseArgsConfig } from 'node:util';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  /** Machine-readable output only (JSON, tables meant for pipes). */
  stdout: (text: string) => void;
  /** Progress, logs, messages for people. */
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars redraw in place). */
  interactive: boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Usage lines shown by --help, e.g. `tessera sync --store DIR --db FILE [--watch] [--json]`. */
  usage: string;
  /** One line per flag for --help. */
  flagHelp: string[];
  options: CliOptions;
  allowPositionals?: boolean;
  run(values: Record<string, unknown>, positionals: string[], io: CliIo): Promise<number>;
}

/** A mistake in how the command was called: one line on stderr, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export function requireString(values: Record<string, unknown>, flag: string): string {
  const value = values[flag];
  if (typeof value !== 'string' || value.length === 0) throw new CliUsageError(`--${flag} is required.`);
  return value;
}

export function optionalString(values: Record<string, unknown>, flag: string): string | undefined {
  const value = values[flag];
  return typeof value === 'string' ? value : undefined;
}

export function parseIntegerFlag(values: Record<string, unknown>, flag: string, min: number, max: number): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (!/^-?\d+$/.test(text)) throw new CliUsageError(`--${flag} must be a whole number, got "${text}".`);
  const value = Number(text);
  if (value < min || value > max) throw new CliUsageError(`--${flag} must be between ${min} and ${max}, got ${value}.`);
  return value;
}

export function parseNumberFlag(values: Record<string, unknown>, flag: string): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new CliUsageError(`--${flag} must be a number, got "${String(raw)}".`);
  return value;
}

export function parseChoiceFlag<T extends string>(values: Record<string, unknown>, flag: string, choices: readonly T[]): T | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  if (!choices.includes(raw as T)) throw new CliUsageError(`--${flag} must be one of ${choices.join(', ')}, got "${String(raw)}".`);
  return raw as T;
}
