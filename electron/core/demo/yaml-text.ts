// Small, predictable YAML emitting for the demo files: plain scalars where they are unambiguous,
// JSON-quoted strings (valid YAML) everywhere else.
const SAFE_PLAIN = /^[A-Za-z0-9μ(][^\n"'#]*$/;
const LOOKS_TYPED = /^(true|false|null|yes|no|on|off|~)$|^[-+.]?\d/i;

function needsQuotes(value: string, inFlow: boolean): boolean {
  if (value === '' || !SAFE_PLAIN.test(value) || LOOKS_TYPED.test(value)) return true;
  if (value.includes(': ') || value.endsWith(':') || value.endsWith(' ')) return true;
  return inFlow && /[,[\]{}]/.test(value);
}

/** A string as a block-context scalar. */
export function yamlString(value: string): string {
  return needsQuotes(value, false) ? JSON.stringify(value) : value;
}

/** A string inside a flow mapping or sequence ({…} or […]). */
export function yamlFlowString(value: string): string {
  return needsQuotes(value, true) ? JSON.stringify(value) : value;
}

/** A flow mapping of strings and numbers: {id: ana, share: 0.6}. Dates are passed pre-formatted via raw. */
export function yamlFlowMap(entries: [string, string | number | { raw: string }][]): string {
  const parts = entries.map(([key, value]) => {
    if (typeof value === 'number') return `${key}: ${value}`;
    if (typeof value === 'string') return `${key}: ${yamlFlowString(value)}`;
    return `${key}: ${value.raw}`;
  });
  return `{${parts.join(', ')}}`;
}
