/** Runs the regorus conformance cases (format: ../shared/conformance/README.md) against the Rego engine. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { compile, RegoError, type CompiledPolicy } from '../../src/rego/index.js';
import { equals, fromJSON, RegoObject, RegoSet, type Value, toJSON } from '../../src/rego/value.js';

export interface CaseOutcome {
  id: string;
  status: 'passed' | 'failed' | 'skipped';
  detail?: string;
}

interface Case {
  note: string;
  data?: unknown;
  input?: unknown;
  modules?: string[];
  query: string;
  want_result?: unknown;
  error?: string;
  no_result?: boolean;
  skip?: boolean;
  strict?: boolean;
}

const REGORUS_ONLY = ['execution_timer', 'time_source', 'want_inferred_resource_types', 'want_prints'];
const UNDEFINED = Symbol('undefined');

export function listCaseFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listCaseFiles(p));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(p);
  }
  return out;
}

/** The `set!` / `object!` / `many!` encodings of expected values. */
function expected(x: unknown): Value | typeof UNDEFINED {
  if (x === '#undefined') return UNDEFINED;
  if (Array.isArray(x)) return x.map((i) => expected(i) as Value);
  if (x instanceof Map) {
    if (x.size === 1 && Array.isArray(x.get('set!'))) return new RegoSet((x.get('set!') as unknown[]).map((i) => expected(i) as Value));
    if (x.size === 1 && Array.isArray(x.get('object!'))) return expected({ 'object!': x.get('object!') });
    const obj = new RegoObject();
    for (const [k, v] of x) {
      const ev = expected(v);
      if (ev !== UNDEFINED) obj.set(expected(k) as Value, ev);
    }
    return obj;
  }
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'set!' && Array.isArray(o['set!'])) {
      return new RegoSet((o['set!'] as unknown[]).map((i) => expected(i) as Value));
    }
    if (keys.length === 1 && keys[0] === 'object!' && Array.isArray(o['object!'])) {
      const obj = new RegoObject();
      for (const item of o['object!'] as unknown[]) {
        if (Array.isArray(item)) obj.set(expected(item[0]) as Value, expected(item[1]) as Value);
        else if (item instanceof Map) obj.set(expected(item.get('key')) as Value, expected(item.get('value')) as Value);
        else {
          const it = item as { key: unknown; value: unknown };
          obj.set(expected(it.key) as Value, expected(it.value) as Value);
        }
      }
      return obj;
    }
    const obj = new RegoObject();
    for (const [k, v] of Object.entries(o)) {
      const ev = expected(v);
      if (ev !== UNDEFINED) obj.set(k, ev);
    }
    return obj;
  }
  return fromJSON(x);
}

/** Case fields as plain objects; values inside want_result stay Maps (typed keys). */
function toPlainCases(doc: unknown): { cases?: Case[] } {
  const top = doc instanceof Map ? doc : new Map();
  const cases = (top.get('cases') as unknown[] | undefined) ?? [];
  return {
    cases: cases.map((c) => {
      const m = c as Map<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of m) out[String(k)] = k === 'want_result' ? v : plain(v);
      return out as unknown as Case;
    }),
  };
}

/** Expected values keep their Maps; `many!` lists are unwrapped as they are. */
function plainOrMap(x: unknown): unknown {
  return x;
}

/** Maps with string keys back to objects (data, input, modules...). */
function plain(x: unknown): unknown {
  if (x instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of x) o[k === null ? 'null' : String(k)] = plain(v);
    return o;
  }
  if (Array.isArray(x)) return x.map(plain);
  return x;
}

function many(x: unknown): unknown[] | undefined {
  if (x instanceof Map) {
    const m = x.get('many!');
    return Array.isArray(m) && x.size === 1 ? m.map(plainOrMap) : undefined;
  }
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    const m = (x as Record<string, unknown>)['many!'];
    if (Array.isArray(m) && Object.keys(x).length === 1) return m;
  }
  return undefined;
}

function compileCase(c: Case): CompiledPolicy {
  const modules = (c.modules ?? []).map((text, i) => ({ file: `rego_${i}.rego`, text }));
  try {
    return compile(modules, { regoVersion: 'v1' });
  } catch (e) {
    // The corpus mixes Rego v1 and the older syntax: a module that OPA 1.x rejects is retried as
    // `opa --v0-compatible` would read it (modules importing rego.v1 keep v1 rules in both modes).
    if (!(e instanceof RegoError)) throw e;
    return compile(modules, { regoVersion: 'v0' });
  }
}

/** Like regorus's runner: per input, the last result's bindings, or its last expression value. */
function run(c: Case, strict: boolean): Value[] {
  const policy = compileCase(c);
  const inputs = c.input === undefined ? [undefined] : (many(c.input) ?? [c.input]);
  const out: Value[] = [];
  for (const input of inputs) {
    const results = policy.evaluate(c.query, { input, data: c.data ?? {}, strict, nowNs: 1_700_000_000_000_000_000n });
    const last = results[results.length - 1];
    if (!last) continue;
    const names = Object.keys(last.bindings);
    if (names.length > 0) out.push(new RegoObject(names.map((n) => [n, last.bindings[n]!] as [string, Value])));
    else out.push(last.expressions[last.expressions.length - 1]!.value);
  }
  return out;
}

export function runCase(c: Case): Omit<CaseOutcome, 'id'> {
  if (c.skip) return { status: 'skipped', detail: 'skip: true' };
  if (REGORUS_ONLY.some((k) => k in c)) return { status: 'skipped', detail: 'regorus-specific' };
  try {
    if (c.error !== undefined) {
      run(c, true);
      return { status: 'failed', detail: `expected an error (${c.error}), evaluation succeeded` };
    }
    const got = run(c, false);
    if (c.no_result) {
      return got.length === 0 ? { status: 'passed' } : { status: 'failed', detail: `expected no result, got ${show(got)}` };
    }
    const want = (many(c.want_result) ?? [c.want_result]).map(expected);
    if (got.length !== want.length || want.some((w, i) => w === UNDEFINED || !equals(w, got[i]!))) {
      return { status: 'failed', detail: `want ${show(want.filter((w): w is Value => w !== UNDEFINED))} got ${show(got)}` };
    }
    return { status: 'passed' };
  } catch (e) {
    if (c.error !== undefined) return { status: 'passed' };
    return { status: 'failed', detail: `error: ${(e as Error).message.split('\n')[0]}` };
  }
}

function show(vs: Value[]): string {
  return JSON.stringify(vs.map(toJSON)).slice(0, 300);
}

export function runAll(dir: string): CaseOutcome[] {
  const out: CaseOutcome[] = [];
  for (const file of listCaseFiles(dir)) {
    // Lenient read: one file indents a flow sequence's items no deeper than its key, which serde_yaml
    // (regorus's reader) accepts and the yaml package does not; such items are indented before reading.
    // Maps are read as Map so that non-string keys (`7:`, `true:`, `null:`) keep their type, as
    // regorus's reader keeps them.
    const text = readFileSync(file, 'utf8');
    let parsed = parseDocument(text);
    if (parsed.errors.length > 0) parsed = parseDocument(indentFlowContinuations(text));
    if (parsed.errors.length > 0) throw new Error(`${file}: ${parsed.errors[0]!.message.split('\n')[0]}`);
    const doc = toPlainCases(parsed.toJS({ mapAsMap: true }));
    const rel = relative(dir, file);
    for (const c of doc.cases ?? []) out.push({ id: `${rel}: ${c.note}`, ...runCase(c) });
  }
  return out;
}

/**
 * `key: [` followed by items at the key's own indentation (or less) until the closing `]`: the
 * items are indented past the key, which keeps their meaning and satisfies the yaml package.
 */
export function indentFlowContinuations(text: string): string {
  const lines = text.split('\n');
  let keyIndent = -1;
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (keyIndent < 0) {
      const open = /^(\s*)[^#\s][^#]*:\s*\[\s*$/.exec(line);
      if (open) {
        keyIndent = open[1]!.length;
        depth = 1;
      }
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (line.trim() !== '' && indent <= keyIndent) lines[i] = ' '.repeat(keyIndent + 2 - indent) + line;
    for (const ch of line) depth += ch === '[' ? 1 : ch === ']' ? -1 : 0;
    if (depth <= 0) keyIndent = -1;
  }
  return lines.join('\n');
}
