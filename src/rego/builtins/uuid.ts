/** uuid.rfc4122 (random v4, stable per seed within one query) and uuid.parse. */
import { randomBytes } from 'node:crypto';
import { RegoObject, type Value } from '../value.js';
import { def, str } from './args.js';
import type { Builtin, BuiltinContext } from './types.js';

/** Per-query memory of nondeterministic results, keyed by the query's context object. */
const perQuery = new WeakMap<BuiltinContext, Map<string, Value>>();

export function memoPerQuery(ctx: BuiltinContext, key: string, make: () => Value): Value {
  let memo = perQuery.get(ctx);
  if (!memo) {
    memo = new Map();
    perQuery.set(ctx, memo);
  }
  let v = memo.get(key);
  if (v === undefined) {
    v = make();
    memo.set(key, v);
  }
  return v;
}

function newV4(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The 16 bytes of a UUID in the forms google/uuid accepts, or undefined. */
function uuidBytes(s: string): Buffer | undefined {
  let t = s;
  if (t.length === 45 && t.slice(0, 9).toLowerCase() === 'urn:uuid:') t = t.slice(9);
  else if (t.length === 38 && t[0] === '{' && t[37] === '}') t = t.slice(1, 37);
  if (t.length === 36) {
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(t)) return undefined;
    t = t.replaceAll('-', '');
  } else if (t.length !== 32 || !/^[0-9a-fA-F]{32}$/.test(t)) return undefined;
  return Buffer.from(t, 'hex');
}

const GREGORIAN_OFFSET = 0x01b21dd213814000n; // 100 ns intervals from 1582-10-15 to 1970-01-01

function variant(b8: number): string {
  if ((b8 & 0xc0) === 0x80) return 'RFC4122';
  if ((b8 & 0xe0) === 0xc0) return 'Microsoft';
  if ((b8 & 0xe0) === 0xe0) return 'Future';
  return 'Reserved';
}

function macVariables(b: number): string {
  if ((b & 3) === 3) return 'local:multicast';
  if ((b & 1) === 1) return 'global:multicast';
  if ((b & 2) === 2) return 'local:unicast';
  return 'global:unicast';
}

function toNumber(n: bigint): number {
  return Number(String(n));
}

function parseUuid(s: string): Value | undefined {
  const b = uuidBytes(s);
  if (!b) return undefined;
  const version = b[6]! >> 4;
  const out = new RegoObject([
    ['version', version],
    ['variant', variant(b[8]!)],
  ]);
  const hi = BigInt(b.readUInt16BE(6) & 0x0fff);
  const mid = BigInt(b.readUInt16BE(4));
  const low = BigInt(b.readUInt32BE(0));
  if (version === 1 || version === 2) {
    const t = (hi << 48n) | (mid << 32n) | low;
    out.set('time', toNumber((t - GREGORIAN_OFFSET) * 100n));
    out.set('nodeid', [...b.subarray(10)].map((x) => x.toString(16).padStart(2, '0')).join('-'));
    out.set('macvariables', macVariables(b[10]!));
    out.set('clocksequence', ((b[8]! & 0x3f) << 8) | b[9]!);
    if (version === 2) {
      out.set('id', Number(low));
      const d = b[9]!;
      out.set('domain', d === 0 ? 'Person' : d === 1 ? 'Group' : d === 2 ? 'Org' : `Domain${d}`);
    }
  } else if (version === 6) {
    const t = (low << 28n) | (mid << 12n) | hi;
    out.set('time', toNumber((t - GREGORIAN_OFFSET) * 100n));
  } else if (version === 7) {
    const ms = (low << 16n) | mid;
    out.set('time', toNumber(ms * 1_000_000n));
  }
  return out;
}

export const UUID_BUILTINS: Builtin[] = [
  def('uuid.rfc4122', 1, (args, ctx) => memoPerQuery(ctx, 'uuid.rfc4122\0' + str('uuid.rfc4122', args, 1), newV4), true),
  def('uuid.parse', 1, (args) => parseUuid(str('uuid.parse', args, 1))),
];
