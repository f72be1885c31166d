/** net.cidr_* builtins over IPv4 and IPv6 (no network access; lookups are not provided). */
import { RegoSet, type Value } from '../value.js';
import { def, operandElementError, operandTypeError, str } from './args.js';
import { BuiltinError, type Builtin } from './types.js';

interface Addr {
  v6: boolean;
  n: bigint;
}

interface Net {
  v6: boolean;
  start: bigint;
  prefix: number;
}

function bits(v6: boolean): number {
  return v6 ? 128 : 32;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  let text = s;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseV4(tail);
    if (v4 === undefined) return undefined;
    text = s.slice(0, lastColon + 1) + (v4 >> 16n).toString(16) + ':' + (v4 & 0xffffn).toString(16);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  let n = 0n;
  for (const g of [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt('0x' + g);
  }
  return n;
}

const V4_MAPPED = 0xffffn << 32n;

export function parseIP(s: string): Addr | undefined {
  if (s.includes(':')) {
    const n = parseV6(s);
    if (n === undefined) return undefined;
    if (n >> 32n === 0xffffn) return { v6: false, n: n - V4_MAPPED };
    return { v6: true, n };
  }
  const n = parseV4(s);
  return n === undefined ? undefined : { v6: false, n };
}

function parseCIDR(s: string): Net | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = parseIP(s.slice(0, slash));
  const p = s.slice(slash + 1);
  if (!addr || !/^(0|[1-9][0-9]*)$/.test(p)) return undefined;
  const mappedOffset = addr.v6 || !s.slice(0, slash).includes(':') ? 0 : 96;
  const prefix = Number(p) - mappedOffset;
  if (prefix < 0 || prefix > bits(addr.v6)) return undefined;
  return { v6: addr.v6, start: addr.n & mask(addr.v6, prefix), prefix };
}

function mask(v6: boolean, prefix: number): bigint {
  const total = BigInt(bits(v6));
  return ((1n << total) - 1n) ^ ((1n << (total - BigInt(prefix))) - 1n);
}

function end(net: Net): bigint {
  return net.start + (1n << BigInt(bits(net.v6) - net.prefix)) - 1n;
}

function cidr(name: string, args: Value[], pos: number): Net {
  const s = str(name, args, pos);
  const n = parseCIDR(s);
  if (!n) throw new BuiltinError(name, `invalid CIDR address: ${s}`);
  return n;
}

export function formatIP(v6: boolean, n: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

function contains(outer: Net, name: string, what: string): boolean {
  const ip = parseIP(what);
  if (ip) return ip.v6 === outer.v6 && ip.n >= outer.start && ip.n <= end(outer);
  const inner = parseCIDR(what);
  if (!inner) throw new BuiltinError(name, `invalid CIDR address: ${what}`);
  return inner.v6 === outer.v6 && inner.start >= outer.start && end(inner) <= end(outer);
}

/** Smallest list of CIDR blocks covering [lo, hi]. */
function rangeToCIDRs(v6: boolean, lo: bigint, hi: bigint): string[] {
  const out: string[] = [];
  const total = bits(v6);
  while (lo <= hi) {
    let size = 0;
    while (size < total && (lo & ((1n << BigInt(size + 1)) - 1n)) === 0n && lo + (1n << BigInt(size + 1)) - 1n <= hi) size++;
    out.push(`${formatIP(v6, lo)}/${total - size}`);
    lo += 1n << BigInt(size);
  }
  return out;
}

function merge(args: Value[]): Value {
  const name = 'net.cidr_merge';
  const coll = args[0]!;
  const items = Array.isArray(coll) ? coll : coll instanceof RegoSet ? coll.sorted() : undefined;
  if (!items) throw operandTypeError(name, 1, coll, 'array', 'set');
  const ranges: { v6: boolean; lo: bigint; hi: bigint }[] = [];
  for (const x of items) {
    if (typeof x !== 'string') throw operandElementError(name, 1, coll, x, 'string');
    const net = x.includes('/') ? parseCIDR(x) : undefined;
    const ip = net ? undefined : parseIP(x);
    if (!net && !ip) throw new BuiltinError(name, `IPv4 or IPv6 address or CIDR expected: ${x}`);
    if (net) ranges.push({ v6: net.v6, lo: net.start, hi: end(net) });
    else ranges.push({ v6: ip!.v6, lo: ip!.n, hi: ip!.n });
  }
  ranges.sort((a, b) => (a.v6 !== b.v6 ? (a.v6 ? 1 : -1) : a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out = new RegoSet();
  let cur: (typeof ranges)[number] | undefined;
  for (const r of ranges) {
    if (cur && cur.v6 === r.v6 && r.lo <= cur.hi + 1n) {
      if (r.hi > cur.hi) cur.hi = r.hi;
      continue;
    }
    if (cur) for (const c of rangeToCIDRs(cur.v6, cur.lo, cur.hi)) out.add(c);
    cur = { ...r };
  }
  if (cur) for (const c of rangeToCIDRs(cur.v6, cur.lo, cur.hi)) out.add(c);
  return out;
}

const EXPAND_LIMIT = 1n << 16n;

export const NET_BUILTINS: Builtin[] = [
  def('net.cidr_contains', 2, (args) => contains(cidr('net.cidr_contains', args, 1), 'net.cidr_contains', str('net.cidr_contains', args, 2))),
  def('net.cidr_intersects', 2, (args) => {
    const a = cidr('net.cidr_intersects', args, 1);
    const b = cidr('net.cidr_intersects', args, 2);
    return a.v6 === b.v6 && a.start <= end(b) && b.start <= end(a);
  }),
  def('net.cidr_is_valid', 1, ([s]) => typeof s === 'string' && parseCIDR(s) !== undefined),
  def('net.cidr_expand', 1, (args) => {
    const net = cidr('net.cidr_expand', args, 1);
    const count = end(net) - net.start + 1n;
    if (count > EXPAND_LIMIT) throw new BuiltinError('net.cidr_expand', `network has ${count} addresses, more than the ${EXPAND_LIMIT} this engine expands`);
    const out = new RegoSet();
    for (let n = net.start; n <= end(net); n++) out.add(formatIP(net.v6, n));
    return out;
  }),
  def('net.cidr_merge', 1, merge),
];
