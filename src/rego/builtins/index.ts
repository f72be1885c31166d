/** The builtin function registry of the Rego engine, keyed by the dotted name used in Rego. */
import { AGGREGATE_BUILTINS } from './aggregates.js';
import { ARRAY_BUILTINS } from './arrays.js';
import { BIT_BUILTINS } from './bits.js';
import { CRYPTO_BUILTINS } from './crypto.js';
import { ENCODING_BUILTINS } from './encoding.js';
import { GLOB_BUILTINS } from './glob.js';
import { GRAPH_BUILTINS } from './graph.js';
import { JSON_PATH_BUILTINS } from './jsonpaths.js';
import { NET_BUILTINS } from './net.js';
import { NUMBER_BUILTINS } from './numbers.js';
import { OBJECT_BUILTINS } from './objects.js';
import { OPERATOR_BUILTINS } from './operators.js';
import { REGEX_BUILTINS } from './regex.js';
import { SCHEMA_BUILTINS } from './schema.js';
import { SEMVER_BUILTINS } from './semver.js';
import { SET_BUILTINS } from './sets.js';
import { STRING_BUILTINS } from './strings.js';
import { TEMPLATE_BUILTINS } from './template.js';
import { TIME_BUILTINS } from './time.js';
import { TYPE_BUILTINS } from './typecheck.js';
import type { Builtin } from './types.js';
import { UNIT_BUILTINS } from './units.js';
import { UUID_BUILTINS } from './uuid.js';

export type { Builtin, BuiltinContext, BuiltinFn } from './types.js';
export { BuiltinError } from './types.js';
export { goSprintf } from './sprintf.js';
export { regoText } from './goformat.js';
export { memoPerQuery } from './uuid.js';

const FAMILIES: readonly Builtin[][] = [
  OPERATOR_BUILTINS,
  AGGREGATE_BUILTINS,
  ARRAY_BUILTINS,
  SET_BUILTINS,
  OBJECT_BUILTINS,
  STRING_BUILTINS,
  TEMPLATE_BUILTINS,
  REGEX_BUILTINS,
  GLOB_BUILTINS,
  TIME_BUILTINS,
  ENCODING_BUILTINS,
  JSON_PATH_BUILTINS,
  SCHEMA_BUILTINS,
  UNIT_BUILTINS,
  NET_BUILTINS,
  SEMVER_BUILTINS,
  UUID_BUILTINS,
  CRYPTO_BUILTINS,
  TYPE_BUILTINS,
  NUMBER_BUILTINS,
  BIT_BUILTINS,
  GRAPH_BUILTINS,
];

/** Deprecated names OPA still accepts in v0-compatible policies, mapped to their current builtin. */
const DEPRECATED_ALIASES: Record<string, string> = {
  re_match: 'regex.match',
  set_diff: 'minus',
  'net.cidr_overlap': 'net.cidr_contains',
};

function buildRegistry(): ReadonlyMap<string, Builtin> {
  const map = new Map<string, Builtin>();
  for (const family of FAMILIES) {
    for (const b of family) {
      if (map.has(b.name)) throw new Error(`builtin ${b.name} is registered twice`);
      map.set(b.name, b);
    }
  }
  for (const [alias, target] of Object.entries(DEPRECATED_ALIASES)) {
    const b = map.get(target)!;
    map.set(alias, { ...b, name: alias });
  }
  return map;
}

/**
 * Builtins OPA deprecated: available to v0-compatible modules, unknown to Rego v1 modules
 * (`import rego.v1` or OPA 1.x syntax), where calling one is a compile error as in OPA.
 */
export const DEPRECATED_BUILTINS: ReadonlySet<string> = new Set([
  ...Object.keys(DEPRECATED_ALIASES),
  'all',
  'any',
  'cast_array',
  'cast_set',
  'cast_string',
  'cast_boolean',
  'cast_null',
  'cast_object',
]);

/**
 * Every builtin this engine implements. Network builtins (http.send, net.lookup_ip_addr) are
 * deliberately absent; walk, print, trace, rego.metadata.* and opa.runtime belong to the evaluator.
 */
export const BUILTINS: ReadonlyMap<string, Builtin> = buildRegistry();
