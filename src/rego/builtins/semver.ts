/** semver.is_valid and semver.compare (Semantic Versioning 2.0.0, no leading "v"). */
import type { Value } from '../value.js';
import { def, operandError, str } from './args.js';
import type { Builtin } from './types.js';

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

interface Version {
  core: [bigint, bigint, bigint];
  pre: string[];
}

function parse(s: string): Version | undefined {
  const m = SEMVER.exec(s);
  if (!m) return undefined;
  return { core: [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)], pre: m[4] ? m[4].split('.') : [] };
}

function cmp<T>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePre(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length === 0 ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    const c = xn && yn ? cmp(BigInt(x), BigInt(y)) : xn ? -1 : yn ? 1 : cmp(x, y);
    if (c !== 0) return c;
  }
  return cmp(a.length, b.length);
}

export function compareSemver(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const c = cmp(a.core[i]!, b.core[i]!);
    if (c !== 0) return c;
  }
  return comparePre(a.pre, b.pre);
}

function version(args: Value[], pos: number): Version {
  const s = str('semver.compare', args, pos);
  const v = parse(s);
  if (!v) throw operandError('semver.compare', pos, `string ${JSON.stringify(s)} is not a valid SemVer`);
  return v;
}

export const SEMVER_BUILTINS: Builtin[] = [
  def('semver.is_valid', 1, ([v]) => typeof v === 'string' && parse(v) !== undefined),
  def('semver.compare', 2, (args) => compareSemver(version(args, 1), version(args, 2))),
];
