/** Set builtins: intersection and union of a set of sets. */
import { RegoSet, type Value } from '../value.js';
import { def, operandElementError, set } from './args.js';
import { setIntersection, setUnion } from './operators.js';
import type { Builtin } from './types.js';

function setOfSets(name: string, args: Value[]): RegoSet[] {
  const outer = set(name, args, 1);
  return outer.sorted().map((s) => {
    if (!(s instanceof RegoSet)) throw operandElementError(name, 1, outer, s, 'set');
    return s;
  });
}

export const SET_BUILTINS: Builtin[] = [
  def('intersection', 1, (args) => {
    const sets = setOfSets('intersection', args);
    if (sets.length === 0) return new RegoSet();
    return sets.reduce((a, b) => setIntersection(a, b));
  }),
  def('union', 1, (args) => setOfSets('union', args).reduce((a, b) => setUnion(a, b), new RegoSet())),
];
