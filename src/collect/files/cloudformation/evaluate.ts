/**
 * CloudFormation's intrinsic functions evaluated as CloudFormation evaluates them, as far as they
 * can be known before deploy: parameters (values given, else defaults), pseudo parameters,
 * `Conditions` (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`), `Fn::If`,
 * `AWS::NoValue`, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`,
 * `Fn::Base64`, `Fn::ToJsonString`, `Fn::Length`, and `Ref`/`Fn::GetAtt` of a resource of the
 * template as a reference to it.
 *
 * What cannot be known is `null`, never a guess. A condition that depends on something not known
 * is unknown; `Fn::If` on an unknown condition yields both branches inside a list (a gate checks
 * everything that may be deployed) and, as a single value, the value both branches agree on, else
 * `null`.
 */
import { isDeepStrictEqual } from 'node:util';
import { ScvGuardError } from '../../../errors.js';
import { setOwn } from '../../../own-properties.js';
import { isRecord } from '../../../plain-objects.js';

export type Resolved = { ref: string } | string | number | boolean | null | Resolved[] | { [key: string]: Resolved };

/** `AWS::NoValue`: removes the property or list element it stands for. */
export const NO_VALUE = Symbol('AWS::NoValue');
type NoValue = typeof NO_VALUE;

/** The branches an `Fn::If` on an unknown condition may take. */
class Alternatives {
  constructor(readonly values: readonly (Resolved | NoValue)[]) {}
}
type Evaluated = Resolved | NoValue | Alternatives;

/** A parameter's value: a string, a list (CommaDelimitedList, List<...>), or null when not known. */
export type ParameterValue = string | string[] | null;

/** Tri-state truth of a condition: null when it depends on something not known. */
export type Truth = boolean | null;

export interface TemplateContext {
  /** Logical ids of the template's resources. */
  resources: ReadonlySet<string>;
  parameters: ReadonlyMap<string, ParameterValue>;
  /** The template's `Mappings`. */
  mappings: Readonly<Record<string, unknown>>;
  /** The template's `Conditions`, unevaluated. */
  conditions: Readonly<Record<string, unknown>>;
  region: string | null;
  accountId: string | null;
  stackName: string | null;
  /** Prefix of the planned keys of this template's resources (`<stack>/` in a nested stack). */
  keyPrefix?: string;
  /** What a template resource's `Ref` (attr null) or `Fn::GetAtt` gives, when known before deploy. */
  known?: (logicalId: string, attr: string | null) => string | null;
}

const isRef = (v: unknown): v is { ref: string } => isRecord(v) && typeof v.ref === 'string' && Object.keys(v).length === 1;

/** Evaluates a template's conditions once, memoised; a condition that refers to itself is an error. */
export class ConditionEvaluator {
  private readonly done = new Map<string, Truth>();
  private readonly active = new Set<string>();

  constructor(private readonly ctx: TemplateContext) {}

  /** Truth of the named condition; an undeclared name is an error. */
  truth(name: string): Truth {
    const memo = this.done.get(name);
    if (memo !== undefined) return memo;
    if (!Object.prototype.hasOwnProperty.call(this.ctx.conditions, name)) {
      throw new ScvGuardError('input-schema', `condition ${name} is not declared under Conditions`);
    }
    if (this.active.has(name)) throw new ScvGuardError('input-schema', `condition ${name} depends on itself`);
    this.active.add(name);
    const t = this.test(this.ctx.conditions[name], name);
    this.active.delete(name);
    this.done.set(name, t);
    return t;
  }

  private test(expr: unknown, name: string): Truth {
    if (typeof expr === 'boolean') return expr;
    if (expr === 'true' || expr === 'false') return expr === 'true';
    if (!isRecord(expr) || Object.keys(expr).length !== 1) {
      throw new ScvGuardError('input-schema', `condition ${name}: expected Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition`);
    }
    const [fn, arg] = Object.entries(expr)[0]!;
    const args = (): unknown[] => {
      if (!Array.isArray(arg)) throw new ScvGuardError('input-schema', `condition ${name}: ${fn} expects a list`);
      return arg;
    };
    switch (fn) {
      case 'Condition':
        if (typeof arg !== 'string') throw new ScvGuardError('input-schema', `condition ${name}: Condition expects a condition name`);
        return this.truth(arg);
      case 'Fn::Equals': {
        const [a, b] = args();
        return equalsTruth(evaluate(a, this.ctx, this), evaluate(b, this.ctx, this));
      }
      case 'Fn::Not': {
        const [a] = args();
        const t = this.test(a, name);
        return t === null ? null : !t;
      }
      case 'Fn::And': {
        const ts = args().map((a) => this.test(a, name));
        if (ts.includes(false)) return false;
        return ts.includes(null) ? null : true;
      }
      case 'Fn::Or': {
        const ts = args().map((a) => this.test(a, name));
        if (ts.includes(true)) return true;
        return ts.includes(null) ? null : false;
      }
      default:
        throw new ScvGuardError('input-schema', `condition ${name}: ${fn} is not a condition function`);
    }
  }
}

/** Whether a value holds nothing unknown (no null, no reference to a resource not yet created). */
function fullyKnown(v: Resolved): boolean {
  if (v === null || isRef(v)) return false;
  if (Array.isArray(v)) return v.every(fullyKnown);
  if (isRecord(v)) return Object.values(v).every(fullyKnown);
  return true;
}

function equalsTruth(a: Resolved, b: Resolved): Truth {
  if (!fullyKnown(a) || !fullyKnown(b)) return null;
  // CloudFormation compares what it would pass on: numbers and booleans as their strings.
  const scalar = (v: Resolved): Resolved => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);
  const norm = (v: Resolved): Resolved => (Array.isArray(v) ? v.map(scalar) : scalar(v));
  return isDeepStrictEqual(norm(a), norm(b));
}

/** Evaluates a template value; `AWS::NoValue` at the top is null. */
export function evaluate(value: unknown, ctx: TemplateContext, conditions: ConditionEvaluator): Resolved {
  return single(inner(value, ctx, conditions));
}

/** A property's value, or undefined when `AWS::NoValue` removes it. */
export function evaluateProperty(value: unknown, ctx: TemplateContext, conditions: ConditionEvaluator): Resolved | undefined {
  const r = singleOrNoValue(inner(value, ctx, conditions));
  return r === NO_VALUE ? undefined : r;
}

function singleOrNoValue(e: Evaluated): Resolved | NoValue {
  if (!(e instanceof Alternatives)) return e;
  const [first, ...rest] = e.values;
  // Branches that agree make the value known whatever the condition.
  return first !== undefined && rest.every((v) => v === first || (v !== NO_VALUE && first !== NO_VALUE && isDeepStrictEqual(v, first))) ? first : null;
}

function single(e: Evaluated): Resolved {
  const r = singleOrNoValue(e);
  return r === NO_VALUE ? null : r;
}

function inner(value: unknown, ctx: TemplateContext, cond: ConditionEvaluator): Evaluated {
  if (Array.isArray(value)) {
    const out: Resolved[] = [];
    for (const item of value) {
      const r = inner(item, ctx, cond);
      if (r === NO_VALUE) continue;
      if (r instanceof Alternatives) {
        // Each branch that may be deployed replaces the element, once.
        const seen: Resolved[] = [];
        for (const v of r.values) if (v !== NO_VALUE && !seen.some((s) => isDeepStrictEqual(s, v))) seen.push(v);
        out.push(...seen);
      } else out.push(r);
    }
    return out;
  }
  if (!isRecord(value)) return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return intrinsic(keys[0]!, value[keys[0]!], ctx, cond);
  const out: { [key: string]: Resolved } = {};
  for (const [k, v] of Object.entries(value)) {
    const r = singleOrNoValue(inner(v, ctx, cond));
    if (r !== NO_VALUE) setOwn(out, k, r);
  }
  return out;
}

function pseudo(name: string, ctx: TemplateContext): Resolved | NoValue {
  switch (name) {
    case 'AWS::Region':
      return ctx.region;
    case 'AWS::AccountId':
      return ctx.accountId;
    case 'AWS::Partition':
      return partitionOf(ctx.region);
    case 'AWS::URLSuffix':
      return ctx.region?.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::StackName':
      return ctx.stackName;
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      // AWS::StackId, AWS::NotificationARNs: known only once the stack exists.
      return null;
  }
}

/** The partition of a region; the commercial one when the region is not known (as the inventory's ARNs assume). */
function partitionOf(region: string | null): string {
  if (region === null) return 'aws';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

function refValue(name: string, ctx: TemplateContext): Resolved | NoValue {
  if (name.startsWith('AWS::')) return pseudo(name, ctx);
  if (ctx.resources.has(name)) return ctx.known?.(name, null) ?? { ref: `${ctx.keyPrefix ?? ''}${name}` };
  const param = ctx.parameters.get(name);
  return param === undefined ? null : param;
}

function getAtt(target: unknown, attr: unknown, ctx: TemplateContext): Resolved {
  if (typeof target !== 'string' || !ctx.resources.has(target)) return null;
  const a = typeof attr === 'string' ? attr : null;
  const known = ctx.known?.(target, a);
  if (known !== null && known !== undefined) return known;
  // A nested stack's outputs are values of another template, not the stack itself.
  return a !== null && a.startsWith('Outputs.') ? null : { ref: `${ctx.keyPrefix ?? ''}${target}` };
}

function asIndex(v: Resolved): number | null {
  const i = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(i) ? i : null;
}

function intrinsic(fn: string, arg: unknown, ctx: TemplateContext, cond: ConditionEvaluator): Evaluated {
  const ev = (v: unknown): Resolved => evaluate(v, ctx, cond);
  switch (fn) {
    case 'Ref':
      return typeof arg === 'string' ? refValue(arg, ctx) : null;
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
        throw new ScvGuardError('input-schema', 'Fn::If expects [condition name, value if true, value if false]');
      }
      const t = cond.truth(arg[0]);
      if (t === true) return inner(arg[1], ctx, cond);
      if (t === false) return inner(arg[2], ctx, cond);
      const branches: (Resolved | NoValue)[] = [];
      const taken: Evaluated[] = [inner(arg[1], ctx, cond), inner(arg[2], ctx, cond)];
      for (const b of taken) {
        if (b instanceof Alternatives) branches.push(...b.values);
        else branches.push(b);
      }
      return new Alternatives(branches);
    }
    case 'Fn::GetAtt': {
      const [target, attr] = Array.isArray(arg) ? [arg[0], arg[1]] : typeof arg === 'string' ? splitAttribute(arg) : [null, null];
      return getAtt(target, typeof attr === 'string' ? attr : ev(attr), ctx);
    }
    case 'Fn::Sub':
      return substitute(arg, ctx, cond);
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string') return null;
      const parts = ev(arg[1]);
      if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean')) return null;
      return parts.join(arg[0]);
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg)) return null;
      const i = asIndex(ev(arg[0]));
      const list = ev(arg[1]);
      return Array.isArray(list) && i !== null && list[i] !== undefined ? list[i]! : null;
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || arg[0] === '') return null;
      const source = ev(arg[1]);
      return typeof source === 'string' ? source.split(arg[0]) : null;
    }
    case 'Fn::FindInMap':
      return findInMap(arg, ctx, ev);
    case 'Fn::Base64': {
      const s = ev(arg);
      return typeof s === 'string' ? Buffer.from(s, 'utf8').toString('base64') : null;
    }
    case 'Fn::ToJsonString': {
      const v = ev(arg);
      return v !== null && fullyKnown(v) ? (typeof v === 'string' ? v : JSON.stringify(v)) : null;
    }
    case 'Fn::Length': {
      const v = ev(arg);
      return Array.isArray(v) ? v.length : null;
    }
    default:
      // Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Transform: known only at deploy.
      return null;
  }
}

function splitAttribute(s: string): [string, string | null] {
  const dot = s.indexOf('.');
  return dot === -1 ? [s, null] : [s.slice(0, dot), s.slice(dot + 1)];
}

function findInMap(arg: unknown, ctx: TemplateContext, ev: (v: unknown) => Resolved): Resolved {
  if (!Array.isArray(arg) || arg.length < 3) throw new ScvGuardError('input-schema', 'Fn::FindInMap expects [map name, top-level key, second-level key]');
  const [mapName, top, second] = [ev(arg[0]), ev(arg[1]), ev(arg[2])];
  if (typeof mapName !== 'string') return null;
  const map = ctx.mappings[mapName];
  if (!isRecord(map)) throw new ScvGuardError('input-schema', `Fn::FindInMap: no mapping ${mapName} under Mappings`);
  if ((typeof top !== 'string' && typeof top !== 'number') || (typeof second !== 'string' && typeof second !== 'number')) return null;
  const level = map[String(top)];
  const hit = isRecord(level) ? level[String(second)] : undefined;
  if (hit === undefined) {
    // A default (AWS::LanguageExtensions) stands in for a missing key; without one, deploy fails.
    const fallback = isRecord(arg[3]) ? arg[3].DefaultValue : undefined;
    if (fallback !== undefined) return ev(fallback);
    throw new ScvGuardError('input-schema', `Fn::FindInMap: mapping ${mapName} has no ${String(top)}.${String(second)}`);
  }
  return ev(hit);
}

/**
 * The text of a string or an `Fn::Sub` (string or [string, variables] form) with what is known
 * substituted and each `${...}` whose value is not known before deploy (a parameter without value,
 * `Fn::GetAtt`, `Fn::ImportValue`, ...) replaced by `notKnown`; null for any other value. For
 * content read as far as it is known (a contact flow's `Content`), never for values compared.
 */
export function substituteKnownParts(value: unknown, notKnown: string, ctx: TemplateContext, cond: ConditionEvaluator): string | null {
  if (typeof value === 'string') return value;
  if (!isRecord(value) || Object.keys(value).length !== 1 || !Object.prototype.hasOwnProperty.call(value, 'Fn::Sub')) return null;
  const text = substitute(value['Fn::Sub'], ctx, cond, notKnown);
  return typeof text === 'string' ? text : null;
}

function substitute(arg: unknown, ctx: TemplateContext, cond: ConditionEvaluator, notKnown?: string): Resolved {
  const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, {}];
  if (typeof template !== 'string') return null;
  let unknown = false;
  const text = template.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
    if (bang === '!') return `\${${name}}`;
    const trimmed = name.trim();
    let v: Resolved | NoValue;
    if (isRecord(vars) && Object.prototype.hasOwnProperty.call(vars, trimmed)) v = evaluate(vars[trimmed], ctx, cond);
    else if (trimmed.includes('.') && !trimmed.startsWith('AWS::')) {
      const [target, attr] = splitAttribute(trimmed);
      v = getAtt(target, attr, ctx);
    } else v = refValue(trimmed, ctx);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    unknown = true;
    return notKnown ?? '';
  });
  return unknown && notKnown === undefined ? null : text;
}
