/** bits.* on integers, with Go's big.Int semantics (two's complement for negatives). */
import type { Value } from '../value.js';
import { def, int, operandError } from './args.js';
import type { Builtin } from './types.js';

function big(name: string, args: Value[], pos: number): bigint {
  return BigInt(String(int(name, args, pos)));
}

function result(n: bigint): number {
  return Number(n);
}

function shift(name: string, args: Value[]): [bigint, bigint] {
  const x = big(name, args, 1);
  const s = big(name, args, 2);
  if (s < 0n) throw operandError(name, 2, 'must be an unsigned integer number but got a negative integer');
  return [x, s];
}

export const BIT_BUILTINS: Builtin[] = [
  def('bits.and', 2, (args) => result(big('bits.and', args, 1) & big('bits.and', args, 2))),
  def('bits.or', 2, (args) => result(big('bits.or', args, 1) | big('bits.or', args, 2))),
  def('bits.xor', 2, (args) => result(big('bits.xor', args, 1) ^ big('bits.xor', args, 2))),
  def('bits.negate', 1, (args) => result(~big('bits.negate', args, 1))),
  def('bits.lsh', 2, (args) => {
    const [x, s] = shift('bits.lsh', args);
    return result(x << s);
  }),
  def('bits.rsh', 2, (args) => {
    const [x, s] = shift('bits.rsh', args);
    return result(x >> s);
  }),
];
