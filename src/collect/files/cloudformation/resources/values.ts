/**
 * Reading evaluated template values (see ../evaluate.ts) into the planned estate's fields: a
 * value not known before deploy is null, a `Ref`/`Fn::GetAtt` of a template resource a reference
 * to it.
 */
import type { Tags } from '../../../../inventory/types.js';
import type { Ref } from '../../planned.js';
import type { Resolved } from '../evaluate.js';
import { setOwn } from '../../../../own-properties.js';

export type Obj = { [key: string]: Resolved };

const isRefValue = (v: unknown): v is { ref: string } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { ref?: unknown }).ref === 'string' && Object.keys(v).length === 1;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v) && !isRefValue(v);
export const obj = (v: Resolved | undefined): Obj => (isObj(v) ? v : {});
/** A String property's value; CloudFormation converts a number or boolean given for one to its text. */
export const str = (v: Resolved | undefined): string | null =>
  typeof v === 'string' ? (v !== '' ? v : null) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
/** A Boolean property's value; CloudFormation takes `"true"` / `"false"` for one. */
export const bool = (v: Resolved | undefined): boolean | null =>
  typeof v === 'boolean' ? v : typeof v === 'string' && /^true$/i.test(v) ? true : typeof v === 'string' && /^false$/i.test(v) ? false : null;

/** A reference to another resource: planned (by logical id), known (id/name/ARN), or null. */
export function toRef(v: Resolved | undefined): Ref {
  if (isRefValue(v)) return { planned: v.ref };
  const s = str(v);
  return s === null ? null : { known: s };
}

/** JSON-able value with references to template resources replaced by null (not known yet). */
export function plain(v: Resolved | undefined): unknown {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') {
    if (isRefValue(v)) return null;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, plain(x));
    return out;
  }
  return v;
}

/** A tag value as CloudFormation sets it (numbers and booleans as text; "" is a value); null when not known. */
const tagValue = (v: Resolved | undefined): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

/** `Tags` as a list of {Key, Value} or a map; entries whose key or value is not known are left out. */
export function tagsOf(v: Resolved | undefined): Tags {
  const out: Tags = {};
  if (Array.isArray(v)) {
    for (const t of v) {
      const k = str(obj(t).Key);
      const val = tagValue(obj(t).Value);
      if (k !== null && val !== null) setOwn(out, k, val);
    }
  } else if (isObj(v)) {
    for (const [k, val] of Object.entries(v)) {
      const text = tagValue(val);
      if (text !== null) setOwn(out, k, text);
    }
  }
  return out;
}
