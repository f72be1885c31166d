/** JSON text as Go's encoding/json writes it for OPA: sorted keys, HTML-safe escapes, MarshalIndent layout. */
import { toJSON, type Value } from '../value.js';
import { numberText } from './goformat.js';

function escapeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1];
        i++;
      } else {
        out += '\\ufffd';
      }
    } else out += ch;
  }
  return out + '"';
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function write(x: unknown, prefix: string, indent: string | undefined, depth: number): string {
  if (x === null) return 'null';
  if (typeof x === 'boolean') return String(x);
  if (typeof x === 'number') return numberText(x);
  if (typeof x === 'string') return escapeString(x);
  const nl = (d: number): string => (indent === undefined ? '' : '\n' + prefix + indent.repeat(d));
  if (Array.isArray(x)) {
    if (x.length === 0) return '[]';
    const items = x.map((e) => nl(depth + 1) + write(e, prefix, indent, depth + 1));
    return '[' + items.join(',') + nl(depth) + ']';
  }
  const entries = Object.entries(x as Record<string, unknown>).sort(([a], [b]) => byCodePoint(a, b));
  if (entries.length === 0) return '{}';
  const sep = indent === undefined ? ':' : ': ';
  const items = entries.map(([k, v]) => nl(depth + 1) + escapeString(k) + sep + write(v, prefix, indent, depth + 1));
  return '{' + items.join(',') + nl(depth) + '}';
}

/** json.Marshal of a Rego value (sets become sorted arrays). */
export function goMarshal(v: Value): string {
  return write(toJSON(v), '', undefined, 0);
}

/** json.MarshalIndent of a Rego value. */
export function goMarshalIndent(v: Value, prefix: string, indent: string): string {
  return write(toJSON(v), prefix, indent, 0);
}
