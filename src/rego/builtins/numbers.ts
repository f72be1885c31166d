/** rand.intn: a random integer in [0, n), stable per (str, n) within one query as in OPA. */
import { randomInt } from 'node:crypto';
import { def, int, str } from './args.js';
import type { Builtin } from './types.js';
import { memoPerQuery } from './uuid.js';

export const NUMBER_BUILTINS: Builtin[] = [
  def(
    'rand.intn',
    2,
    (args, ctx) => {
      const seed = str('rand.intn', args, 1);
      const n = Math.abs(int('rand.intn', args, 2));
      if (n === 0) return 0;
      return memoPerQuery(ctx, `rand.intn\0${seed}\0${n}`, () => randomInt(Math.min(n, 2 ** 48 - 1)));
    },
    true,
  ),
];
