/** Type predicates, type_name, to_number and the deprecated casts. */
import { RegoObject, RegoSet, typeName, type Value } from '../value.js';
import { def, operandError, operandTypeError } from './args.js';
import type { Builtin } from './types.js';

const DECIMAL = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

function toNumber([v]: Value[]): Value {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (DECIMAL.test(v)) return Number(v) || 0;
    throw operandError('to_number', 1, 'invalid syntax');
  }
  throw operandTypeError('to_number', 1, v!, 'null', 'boolean', 'number', 'string');
}

function is(name: string, t: ReturnType<typeof typeName>): Builtin {
  return def(name, 1, ([v]) => typeName(v!) === t);
}

export const TYPE_BUILTINS: Builtin[] = [
  is('is_number', 'number'),
  is('is_string', 'string'),
  is('is_boolean', 'boolean'),
  is('is_array', 'array'),
  is('is_set', 'set'),
  is('is_object', 'object'),
  is('is_null', 'null'),
  def('type_name', 1, ([v]) => typeName(v!)),
  def('to_number', 1, toNumber),
  def('cast_array', 1, ([v]) => {
    if (Array.isArray(v)) return v;
    if (v instanceof RegoSet) return [...v.sorted()];
    throw operandTypeError('cast_array', 1, v!, 'array', 'set');
  }),
  def('cast_set', 1, ([v]) => {
    if (v instanceof RegoSet) return v;
    if (Array.isArray(v)) return new RegoSet(v);
    throw operandTypeError('cast_set', 1, v!, 'array', 'set');
  }),
  def('cast_string', 1, ([v]) => {
    if (typeof v === 'string') return v;
    throw operandTypeError('cast_string', 1, v!, 'string');
  }),
  def('cast_boolean', 1, ([v]) => {
    if (typeof v === 'boolean') return v;
    throw operandTypeError('cast_boolean', 1, v!, 'boolean');
  }),
  def('cast_null', 1, ([v]) => {
    if (v === null) return null;
    throw operandTypeError('cast_null', 1, v!, 'null');
  }),
  def('cast_object', 1, ([v]) => {
    if (v instanceof RegoObject) return v;
    throw operandTypeError('cast_object', 1, v!, 'object');
  }),
];
