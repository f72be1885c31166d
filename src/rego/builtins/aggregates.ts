/** Aggregates: count, sum, product, max, min, sort, all, any. */
import { compare, RegoObject, RegoSet, type Value } from '../value.js';
import { collection, def, operandElementError, operandTypeError } from './args.js';
import type { Builtin } from './types.js';

function numericItems(name: string, args: Value[]): number[] {
  const items = collection(name, args, 1);
  return items.map((x) => {
    if (typeof x !== 'number') throw operandElementError(name, 1, args[0]!, x, 'number');
    return x;
  });
}

function extreme(name: string, args: Value[], sign: 1 | -1): Value | undefined {
  const items = collection(name, args, 1);
  if (items.length === 0) return undefined;
  let best: Value = items[0]!;
  for (const x of items) if (sign * compare(x, best) > 0) best = x;
  return best;
}

export const AGGREGATE_BUILTINS: Builtin[] = [
  def('count', 1, ([v]) => {
    if (typeof v === 'string') {
      let n = 0;
      for (const _ of v) n++;
      return n;
    }
    if (Array.isArray(v)) return v.length;
    if (v instanceof RegoSet || v instanceof RegoObject) return v.size;
    throw operandTypeError('count', 1, v!, 'array', 'object', 'set', 'string');
  }),
  def('sum', 1, (args) => numericItems('sum', args).reduce((a, b) => a + b, 0)),
  def('product', 1, (args) => numericItems('product', args).reduce((a, b) => a * b, 1)),
  def('max', 1, (args) => extreme('max', args, 1)),
  def('min', 1, (args) => extreme('min', args, -1)),
  def('sort', 1, (args) => {
    const v = args[0]!;
    if (v instanceof RegoSet) return [...v.sorted()];
    if (Array.isArray(v)) return [...v].sort(compare);
    throw operandTypeError('sort', 1, v, 'set', 'array');
  }),
  def('all', 1, (args) => collection('all', args, 1).every((x) => x === true)),
  def('any', 1, (args) => collection('any', args, 1).some((x) => x === true)),
];
