/**
 * CloudFormation intrinsic functions: the YAML short forms (`!Ref`, `!Sub`, `!GetAtt`, ...) read
 * into their JSON long forms, and a small evaluator that turns what can be known before deploy
 * into values (parameter defaults, pseudo parameters, `Fn::Sub`/`Fn::Join`/`Fn::Select` over
 * known parts) and a `Ref`/`Fn::GetAtt` of a resource of the template into a reference to it.
 * Anything else is unknown (null), never a guess.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { ScvGuardError } from '../../../errors.js';

/** Short-form tag → long-form key. */
export const INTRINSIC_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAtt': 'Fn::GetAtt',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Sub': 'Fn::Sub',
  '!Transform': 'Fn::Transform',
  '!And': 'Fn::And',
  '!Equals': 'Fn::Equals',
  '!If': 'Fn::If',
  '!Not': 'Fn::Not',
  '!Or': 'Fn::Or',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/** YAML node → plain value, short-form intrinsics as their long forms. */
export function nodeToValue(node: Node | null | undefined, file: string, lineAt: (offset: number) => number): unknown {
  if (node === null || node === undefined) return null;
  let value: unknown;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      Object.defineProperty(out, key, { value: nodeToValue(pair.value as Node, file, lineAt), enumerable: true, writable: true, configurable: true });
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((item) => nodeToValue(item as Node, file, lineAt));
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    value = null;
  }
  const tag = node.tag;
  if (tag === undefined || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const longForm = INTRINSIC_TAGS[tag];
  if (longForm === undefined) {
    throw new ScvGuardError('input-parse', `unknown YAML tag ${tag} (expected a CloudFormation intrinsic function)`, {
      file,
      line: node.range ? lineAt(node.range[0]) : undefined,
    });
  }
  if (longForm === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    value = dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
  }
  return { [longForm]: value };
}

export type Resolved = { ref: string } | string | number | boolean | null | Resolved[] | { [key: string]: Resolved };

export interface ResolveContext {
  resources: ReadonlySet<string>;
  parameters: Readonly<Record<string, unknown>>;
  region: string | null;
  accountId: string | null;
  /** What a template resource's `Ref` (attr null) or `Fn::GetAtt` gives, when known before deploy. */
  known?: (logicalId: string, attr: string | null) => string | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `AWS::NoValue` removes a property. */
const NO_VALUE = Symbol('AWS::NoValue');

function pseudo(name: string, ctx: ResolveContext): unknown {
  switch (name) {
    case 'AWS::Region':
      return ctx.region;
    case 'AWS::AccountId':
      return ctx.accountId;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return null;
  }
}

function refValue(name: string, ctx: ResolveContext): Resolved | typeof NO_VALUE {
  if (name.startsWith('AWS::')) return pseudo(name, ctx) as Resolved | typeof NO_VALUE;
  if (ctx.resources.has(name)) return ctx.known?.(name, null) ?? { ref: name };
  const param = ctx.parameters[name];
  if (isObj(param) && param.Default !== undefined) {
    const d = param.Default;
    return typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean' ? d : null;
  }
  return null;
}

/** Evaluates intrinsics as far as they can be known before deploy. */
export function resolveValue(value: unknown, ctx: ResolveContext): Resolved {
  const r = resolveInner(value, ctx);
  return r === NO_VALUE ? null : r;
}

function resolveInner(value: unknown, ctx: ResolveContext): Resolved | typeof NO_VALUE {
  if (Array.isArray(value)) {
    return value.map((v) => resolveInner(v, ctx)).filter((v): v is Resolved => v !== NO_VALUE);
  }
  if (!isObj(value)) {
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return intrinsic(keys[0]!, value[keys[0]!], ctx);
  const out: { [key: string]: Resolved } = {};
  for (const [k, v] of Object.entries(value)) {
    const r = resolveInner(v, ctx);
    if (r !== NO_VALUE) Object.defineProperty(out, k, { value: r, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function intrinsic(fn: string, arg: unknown, ctx: ResolveContext): Resolved | typeof NO_VALUE {
  switch (fn) {
    case 'Ref':
      return typeof arg === 'string' ? refValue(arg, ctx) : null;
    case 'Fn::GetAtt': {
      const [target, attr] = Array.isArray(arg) ? [arg[0], arg[1]] : typeof arg === 'string' ? arg.split('.') : [null, null];
      if (typeof target !== 'string' || !ctx.resources.has(target)) return null;
      return ctx.known?.(target, typeof attr === 'string' ? attr : null) ?? { ref: target };
    }
    case 'Fn::Sub':
      return substitute(arg, ctx);
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string') return null;
      const parts = resolveInner(arg[1], ctx);
      if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string' || typeof p === 'number')) return null;
      return parts.join(arg[0]);
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg)) return null;
      const index = resolveInner(arg[0], ctx);
      const list = resolveInner(arg[1], ctx);
      const i = typeof index === 'number' ? index : typeof index === 'string' ? Number(index) : NaN;
      return Array.isArray(list) && Number.isInteger(i) && list[i] !== undefined ? list[i]! : null;
    }
    default:
      return null;
  }
}

function substitute(arg: unknown, ctx: ResolveContext): Resolved {
  const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, {}];
  if (typeof template !== 'string') return null;
  let unknown = false;
  const text = template.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
    if (bang === '!') return `\${${name}}`;
    let v: unknown;
    if (isObj(vars) && name in vars) v = resolveInner(vars[name], ctx);
    else if (name.includes('.')) v = null;
    else v = refValue(name, ctx);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    unknown = true;
    return '';
  });
  return unknown ? null : text;
}
