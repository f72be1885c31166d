/** Infix operators under OPA's builtin names: arithmetic, comparison and set algebra, plus rounding and ranges. */
import { compare, equals, RegoSet, type Value } from '../value.js';
import { def, int, num, operandTypeError, set } from './args.js';
import { BuiltinError, type Builtin } from './types.js';

function numbers(name: string, args: Value[]): [number, number] {
  const [a, b] = args as [Value, Value];
  if (typeof a !== 'number') throw operandTypeError(name, 1, a, 'number');
  if (typeof b !== 'number') throw operandTypeError(name, 2, b, 'number');
  return [a, b];
}

/** Go's math.Round: halves round away from zero. */
export function goRound(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

function setDifference(a: RegoSet, b: RegoSet): RegoSet {
  const out = new RegoSet();
  for (const v of a.values()) if (!b.has(v)) out.add(v);
  return out;
}

export function setIntersection(a: RegoSet, b: RegoSet): RegoSet {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new RegoSet();
  for (const v of small.values()) if (large.has(v)) out.add(v);
  return out;
}

export function setUnion(a: RegoSet, b: RegoSet): RegoSet {
  const out = new RegoSet(a.values());
  for (const v of b.values()) out.add(v);
  return out;
}

const MAX_RANGE = 10_000_000;

function range(name: string, from: number, to: number, step: number): Value[] {
  const n = Math.floor(Math.abs(to - from) / step) + 1;
  if (n > MAX_RANGE) throw new BuiltinError(name, `range of ${n} elements exceeds the limit of ${MAX_RANGE}`);
  const out: number[] = new Array(n);
  const dir = to >= from ? 1 : -1;
  for (let i = 0; i < n; i++) out[i] = from + dir * step * i;
  return out;
}

export const OPERATOR_BUILTINS: Builtin[] = [
  def('plus', 2, (args) => {
    const [a, b] = numbers('plus', args);
    return a + b;
  }),
  def('minus', 2, ([a, b]) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (a instanceof RegoSet && b instanceof RegoSet) return setDifference(a, b);
    if (typeof a !== 'number' && !(a instanceof RegoSet)) throw operandTypeError('minus', 1, a!, 'number', 'set');
    throw operandTypeError('minus', 2, b!, typeof a === 'number' ? 'number' : 'set');
  }),
  def('mul', 2, (args) => {
    const [a, b] = numbers('mul', args);
    return a * b;
  }),
  def('div', 2, (args) => {
    const [a, b] = numbers('div', args);
    if (b === 0) throw new BuiltinError('div', 'divide by zero');
    return a / b;
  }),
  def('rem', 2, (args) => {
    const [a, b] = numbers('rem', args);
    if (!Number.isInteger(a) || !Number.isInteger(b)) throw new BuiltinError('rem', 'modulo on floating-point number');
    if (b === 0) throw new BuiltinError('rem', 'modulo by zero');
    const r = a % b;
    return r === 0 ? 0 : r; // no negative zero
  }),
  def('equal', 2, ([a, b]) => equals(a!, b!)),
  def('neq', 2, ([a, b]) => !equals(a!, b!)),
  def('lt', 2, ([a, b]) => compare(a!, b!) < 0),
  def('lte', 2, ([a, b]) => compare(a!, b!) <= 0),
  def('gt', 2, ([a, b]) => compare(a!, b!) > 0),
  def('gte', 2, ([a, b]) => compare(a!, b!) >= 0),
  def('and', 2, (args) => setIntersection(set('and', args, 1), set('and', args, 2))),
  def('or', 2, (args) => setUnion(set('or', args, 1), set('or', args, 2))),
  def('abs', 1, (args) => Math.abs(num('abs', args, 1))),
  def('round', 1, (args) => goRound(num('round', args, 1))),
  def('ceil', 1, (args) => Math.ceil(num('ceil', args, 1)) || 0),
  def('floor', 1, (args) => Math.floor(num('floor', args, 1))),
  def('numbers.range', 2, (args) => {
    const a = int('numbers.range', args, 1);
    const b = int('numbers.range', args, 2);
    return range('numbers.range', a, b, 1);
  }),
  def('numbers.range_step', 3, (args) => {
    const a = int('numbers.range_step', args, 1);
    const b = int('numbers.range_step', args, 2);
    const step = int('numbers.range_step', args, 3);
    if (step <= 0) throw new BuiltinError('numbers.range_step', 'step must be a positive number above zero');
    return range('numbers.range_step', a, b, step);
  }),
];
