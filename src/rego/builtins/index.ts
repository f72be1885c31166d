/** The builtin function registry of the Rego engine, keyed by the dotted name used in Rego. */
import { AGGREGATE_BUILTINS } from './aggregates.js';
import { ARRAY_BUILTINS } from './arrays.js';
import { GLOB_BUILTINS } from './glob.js';
import { OBJECT_BUILTINS } from './objects.js';
import { OPERATOR_BUILTINS } from './operators.js';
import { REGEX_BUILTINS } from './regex.js';
import { SET_BUILTINS } from './sets.js';
import { STRING_BUILTINS } from './strings.js';
import { TIME_BUILTINS } from './time.js';
import type { Builtin } from './types.js';

export type { Builtin, BuiltinContext, BuiltinFn } from './types.js';
export { BuiltinError } from './types.js';

const FAMILIES: readonly Builtin[][] = [
  OPERATOR_BUILTINS,
  AGGREGATE_BUILTINS,
  ARRAY_BUILTINS,
  SET_BUILTINS,
  OBJECT_BUILTINS,
  STRING_BUILTINS,
  REGEX_BUILTINS,
  GLOB_BUILTINS,
  TIME_BUILTINS,
];

function buildRegistry(): ReadonlyMap<string, Builtin> {
  const map = new Map<string, Builtin>();
  for (const family of FAMILIES) {
    for (const b of family) {
      if (map.has(b.name)) throw new Error(`builtin ${b.name} is registered twice`);
      map.set(b.name, b);
    }
  }
  return map;
}

/** Every builtin this engine implements. Network builtins (http.send, net.lookup_ip_addr) are not here. */
export const BUILTINS: ReadonlyMap<string, Builtin> = buildRegistry();
