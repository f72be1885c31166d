/**
 * `${VAR}` interpolation of config values from the environment. `$${` is a literal `${`.
 * A missing or empty variable is an error naming the key path and the variable; values stay
 * strings (a `${PORT}` under a numeric key then fails schema validation, as it should).
 */
import { formatKeyPath } from './schema.js';
import { setOwn } from '../own-properties.js';

export type KeyPath = (string | number)[];

export interface InterpolationIssue {
  segments: KeyPath;
  message: string;
}

export interface InterpolationResult {
  value: unknown;
  /** Key paths (formatKeyPath) whose whole value was one `${VAR}` reference. */
  wholeReferences: Set<string>;
  issues: InterpolationIssue[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Expands one string; returns the expansion and whether it was exactly one reference. */
export function interpolateString(
  raw: string,
  env: Record<string, string | undefined>,
): { value: string; whole: boolean; missing: string[]; malformed: string | null } {
  let out = '';
  const missing: string[] = [];
  let references = 0;
  let i = 0;
  while (i < raw.length) {
    if (raw.startsWith('$${', i)) {
      out += '${';
      i += 3;
      continue;
    }
    if (raw.startsWith('${', i)) {
      const end = raw.indexOf('}', i + 2);
      const name = end === -1 ? null : raw.slice(i + 2, end);
      if (name === null || !NAME.test(name)) {
        return { value: raw, whole: false, missing, malformed: raw.slice(i, end === -1 ? undefined : end + 1) };
      }
      references += 1;
      const val = env[name];
      if (val === undefined || val === '') missing.push(name);
      else out += val;
      i = end + 1;
      continue;
    }
    out += raw[i];
    i += 1;
  }
  const whole = references === 1 && /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(raw);
  return { value: out, whole, missing, malformed: null };
}

/** Interpolates every string value (not keys) of a parsed config document. */
export function interpolateConfig(doc: unknown, env: Record<string, string | undefined>): InterpolationResult {
  const wholeReferences = new Set<string>();
  const issues: InterpolationIssue[] = [];

  const walk = (value: unknown, segments: KeyPath): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('${')) return value;
      const r = interpolateString(value, env);
      if (r.malformed !== null) {
        issues.push({ segments, message: `malformed variable reference ${JSON.stringify(r.malformed)} (expected \${NAME}; write $\${ for a literal \${)` });
      }
      for (const name of r.missing) {
        issues.push({ segments, message: `environment variable ${name} is ${env[name] === '' ? 'empty' : 'not set'}` });
      }
      if (r.whole) wholeReferences.add(formatKeyPath(segments));
      return r.value;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...segments, i]));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      // Defined, not assigned: a `__proto__` key stays an ordinary key (which the schema then
      // rejects as unknown) instead of replacing the object's prototype.
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        setOwn(out, k, walk(v, [...segments, k]));
      }
      return out;
    }
    return value;
  };

  return { value: walk(doc, []), wholeReferences, issues };
}
