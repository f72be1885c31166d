/**
 * Operand access for builtins: typed getters that throw OPA-shaped errors
 * (`operand 1 must be string but got number`), and the registration helper.
 */
import { RegoObject, RegoSet, typeName, type Value } from '../value.js';
import { BuiltinError, type Builtin, type BuiltinFn } from './types.js';

export function def(name: string, arity: number, fn: BuiltinFn, nondeterministic = false): Builtin {
  return nondeterministic ? { name, arity, fn, nondeterministic } : { name, arity, fn };
}

export function operandTypeError(name: string, pos: number, got: Value, ...expected: string[]): BuiltinError {
  const want = expected.length === 1 ? expected[0] : `one of {${expected.join(', ')}}`;
  return new BuiltinError(name, `operand ${pos} must be ${want} but got ${typeName(got)}`);
}

export function operandError(name: string, pos: number, message: string): BuiltinError {
  return new BuiltinError(name, `operand ${pos} ${message}`);
}

function arg(args: Value[], pos: number): Value {
  return args[pos - 1] as Value;
}

export function str(name: string, args: Value[], pos: number): string {
  const v = arg(args, pos);
  if (typeof v !== 'string') throw operandTypeError(name, pos, v, 'string');
  return v;
}

export function num(name: string, args: Value[], pos: number): number {
  const v = arg(args, pos);
  if (typeof v !== 'number') throw operandTypeError(name, pos, v, 'number');
  return v;
}

/** An integral number; OPA's wording for a float where an integer is needed. */
export function int(name: string, args: Value[], pos: number): number {
  const v = num(name, args, pos);
  if (!Number.isInteger(v)) throw operandError(name, pos, 'must be integer number but got floating-point number');
  return v;
}


export function arr(name: string, args: Value[], pos: number): Value[] {
  const v = arg(args, pos);
  if (!Array.isArray(v)) throw operandTypeError(name, pos, v, 'array');
  return v;
}

export function set(name: string, args: Value[], pos: number): RegoSet {
  const v = arg(args, pos);
  if (!(v instanceof RegoSet)) throw operandTypeError(name, pos, v, 'set');
  return v;
}

export function obj(name: string, args: Value[], pos: number): RegoObject {
  const v = arg(args, pos);
  if (!(v instanceof RegoObject)) throw operandTypeError(name, pos, v, 'object');
  return v;
}

/** Elements of an array or a set (sets in sorted order). */
export function collection(name: string, args: Value[], pos: number): Value[] {
  const v = arg(args, pos);
  if (Array.isArray(v)) return v;
  if (v instanceof RegoSet) return v.sorted();
  throw operandTypeError(name, pos, v, 'set', 'array');
}



/** Splits a string into Unicode code points, as Go iterates runes. */
export function runes(s: string): string[] {
  return Array.from(s);
}

/** Go's unicode.IsSpace. */
export function isGoSpace(ch: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(ch);
}

/** OPA's element error: `operand 1 must be array of numbers but got array containing string`. */
export function operandElementError(name: string, pos: number, container: Value, element: Value, want: string): BuiltinError {
  const t = typeName(container);
  return new BuiltinError(name, `operand ${pos} must be ${t} of ${want}s but got ${t} containing ${typeName(element)}`);
}
