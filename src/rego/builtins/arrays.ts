/** Array builtins: array.concat, array.slice, array.reverse. */
import { arr, def, int } from './args.js';
import type { Builtin } from './types.js';

export const ARRAY_BUILTINS: Builtin[] = [
  def('array.concat', 2, (args) => [...arr('array.concat', args, 1), ...arr('array.concat', args, 2)]),
  def('array.slice', 3, (args) => {
    const a = arr('array.slice', args, 1);
    let start = int('array.slice', args, 2);
    let stop = int('array.slice', args, 3);
    if (start < 0) start = 0;
    if (stop > a.length) stop = a.length;
    if (start >= stop) return [];
    return a.slice(start, stop);
  }),
  def('array.reverse', 1, (args) => [...arr('array.reverse', args, 1)].reverse()),
];
