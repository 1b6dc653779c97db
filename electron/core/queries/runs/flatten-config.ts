// Config objects as flat key → value pairs ("optimizer.lr": 3e-4): what a table column or a diff row shows.
import type { ConfigValue } from '../../../../shared/domain/run-views';

export function flattenConfig(value: unknown, prefix = '', out: Map<string, ConfigValue> = new Map()): Map<string, ConfigValue> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [key, inner] of entries) flattenConfig(inner, prefix ? `${prefix}.${key}` : key, out);
    return out;
  }
  if (!prefix) return out;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') out.set(prefix, value);
  else if (typeof value === 'number') out.set(prefix, Number.isFinite(value) ? value : String(value));
  else out.set(prefix, JSON.stringify(value));
  return out;
}

export function parseJsonObject(text: string | null): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
