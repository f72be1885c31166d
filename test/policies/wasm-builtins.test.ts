/**
 * The built-in policies must give the same findings under the OPA Wasm engine, so they may only
 * call builtins that OPA compiles to Wasm natively or that @open-policy-agent/opa-wasm supplies in
 * JavaScript (the rest, e.g. time.*, fail at evaluation there).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinArity } from '../../src/rego/eval-builtins.js';
import { readPolicyFiles } from '../../src/engine/policy-files.js';
import { POLICIES } from './helpers.js';

/** OPA's internal/compiler/wasm builtinsFunctions (native), by Rego name. */
const NATIVE = new Set([
  'plus', 'minus', 'mul', 'div', 'abs', 'round', 'ceil', 'floor', 'rem', 'array.concat', 'array.reverse', 'array.slice',
  'and', 'or', 'intersection', 'union', 'is_number', 'is_string', 'is_boolean', 'is_array', 'is_set', 'is_object', 'is_null',
  'type_name', 'count', 'sum', 'product', 'max', 'min', 'sort', 'all', 'any', 'eq', 'gt', 'gte', 'lt', 'lte', 'neq', 'equal',
  'glob.match', 'json.marshal', 'json.unmarshal', 'json.is_valid', 'object.filter', 'object.get', 'object.remove', 'object.union',
  'concat', 'format_int', 'indexof', 'substring', 'lower', 'upper', 'contains', 'startswith', 'endswith', 'strings.reverse', 'split',
  'replace', 'strings.replace_n', 'trim', 'trim_left', 'trim_prefix', 'trim_right', 'trim_suffix', 'trim_space', 'numbers.range',
  'to_number', 'walk', 'graph.reachable', 'regex.is_valid', 'regex.match', 'regex.find_all_string_submatch_n', 'json.remove',
  'json.filter', 'internal.member_2', 'internal.member_3', 'assign', 'print',
]);
/** Supplied by the JavaScript SDK (node_modules/@open-policy-agent/opa-wasm/src/builtins). */
const SDK = new Set(['sprintf', 'regex.split', 'json.decode', 'yaml.marshal', 'yaml.unmarshal', 'yaml.is_valid']);

describe('built-in policies under OPA Wasm', () => {
  it('call only builtins OPA Wasm provides natively or through the JavaScript SDK', () => {
    const used = new Map<string, string>();
    for (const f of readPolicyFiles([POLICIES]).filter((p) => !p.isTest)) {
      const code = readFileSync(f.absolute, 'utf8').replace(/#.*$/gm, '').replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""');
      for (const m of code.matchAll(/(?<![\w.])([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\(/g)) {
        const name = m[1]!;
        if (builtinArity(name) !== undefined) used.set(name, f.file);
      }
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used.keys()]).toEqual(expect.arrayContaining(["sprintf", "regex.match", "glob.match", "substring"]));
    const unsupported = [...used].filter(([name]) => !NATIVE.has(name) && !SDK.has(name)).map(([n, f]) => `${n} (${f})`);
    expect(unsupported).toEqual([]);
  });
});
