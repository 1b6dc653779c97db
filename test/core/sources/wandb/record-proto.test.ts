import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WANDB_FIELDS } from '../../../../electron/core/sources/wandb/record-proto';

/** message name → field name → number, from a .proto text (fields of oneofs included). */
function protoFields(text: string): Map<string, Map<string, number>> {
  const messages = new Map<string, Map<string, number>>();
  let current: Map<string, number> | null = null;
  let depth = 0;
  for (const line of text.split('\n').map((l) => l.replace(/\/\/.*$/, '').trim())) {
    const start = /^message\s+(\w+)\s*\{/.exec(line);
    if (start && depth === 0) {
      current = new Map();
      messages.set(start[1]!, current);
      depth = 1;
      continue;
    }
    if (line.endsWith('{')) depth++;
    const field = /^(?:repeated\s+)?[\w.]+\s+(\w+)\s*=\s*(\d+)\s*;/.exec(line);
    if (field && current) current.set(field[1]!, Number(field[2]));
    if (line.startsWith('}')) depth--;
    if (depth === 0) current = null;
  }
  return messages;
}

describe('W&B Record field numbers', () => {
  it('are the ones W&B publishes in wandb_internal.proto', () => {
    const published = protoFields(readFileSync(join(__dirname, '../../../fixtures/wandb/wandb_internal.excerpt.proto'), 'utf8'));
    let checked = 0;
    for (const [message, fields] of Object.entries(WANDB_FIELDS)) {
      const definition = published.get(message);
      expect(definition, message).toBeDefined();
      for (const [name, number] of Object.entries(fields)) {
        expect(definition!.get(name), `${message}.${name}`).toBe(number);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
