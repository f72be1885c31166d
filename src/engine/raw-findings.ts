/**
 * Maps the values of a rule's `deny` set to RawFindings (shared by every engine), checking their
 * shape: `{"msg": string, "resource": {"type", "id", "arn"?, "environment"?}, "related": [...]?,
 * "origins": [{"file", "line", "column"?}]?, "severity": "info"?}` — a rule marks a note about a setup
 * it accepts with `"severity": "info"`. A malformed value is a FindingShapeError, which makes
 * that rule could-not-evaluate. `origins` lets a rule name the declarations the finding is about
 * (inventory `origin` objects: the flow action, the storage config, ...); the declarations of the
 * resource and of its related resources follow (from the inventory), so a finding about a
 * resource that came from a file is located there even when the rule names nothing.
 */
import type { Inventory, Origin } from '../inventory/types.js';
import type { RawFinding, ResourceRef, SourceLocation } from '../findings/model.js';

export class FindingShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FindingShapeError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resourceRef(v: unknown, where: string): ResourceRef {
  if (!isRecord(v)) throw new FindingShapeError(`${where} must be an object {type, id, arn?, environment?}`);
  const { type, id, arn, environment } = v;
  if (typeof type !== 'string' || type === '') throw new FindingShapeError(`${where}.type must be a non-empty string`);
  if (typeof id !== 'string' || id === '') throw new FindingShapeError(`${where}.id must be a non-empty string`);
  const ref: ResourceRef = { type, id };
  if (arn !== undefined && arn !== null) {
    if (typeof arn !== 'string') throw new FindingShapeError(`${where}.arn must be a string`);
    ref.arn = arn;
  }
  if (environment !== undefined) {
    if (environment !== null && typeof environment !== 'string') throw new FindingShapeError(`${where}.environment must be a string or null`);
    ref.environment = environment;
  }
  return ref;
}

/** A rule-given origin: an inventory `origin` object `{file, line, column?}` (line may be null). */
function originValue(v: unknown, where: string): SourceLocation {
  if (!isRecord(v)) throw new FindingShapeError(`${where} must be an object {file, line, column?}`);
  const { file, line, column, declaredAs } = v;
  if (typeof file !== 'string' || file === '') throw new FindingShapeError(`${where}.file must be a non-empty string`);
  if (line !== null && line !== undefined && !(Number.isInteger(line) && (line as number) >= 1)) {
    throw new FindingShapeError(`${where}.line must be a line number (1 or more) or null`);
  }
  if (column !== null && column !== undefined && !(Number.isInteger(column) && (column as number) >= 1)) {
    throw new FindingShapeError(`${where}.column must be a column number (1 or more) or null`);
  }
  return OriginIndex.locationOf({
    file,
    line: (line as number | null | undefined) ?? null,
    column: column as number | null | undefined,
    ...(typeof declaredAs === 'string' ? { declaredAs } : {}),
  });
}

/** One deny value → RawFinding; `index` only names the value in errors. */
export function toRawFinding(ruleId: string, value: unknown, index: number, origins?: OriginIndex): RawFinding {
  const where = `deny[${index}]`;
  if (!isRecord(value)) throw new FindingShapeError(`${where} must be an object {msg, resource, related?}, got ${describe(value)}`);
  if (typeof value['msg'] !== 'string' || value['msg'].trim() === '') throw new FindingShapeError(`${where}.msg must be a non-empty string`);
  const resource = resourceRef(value['resource'], `${where}.resource`);
  const relatedValue = value['related'];
  if (relatedValue !== undefined && relatedValue !== null && !Array.isArray(relatedValue)) {
    throw new FindingShapeError(`${where}.related must be a list of resources`);
  }
  const related = (relatedValue ?? []).map((r, i) => resourceRef(r, `${where}.related[${i}]`));
  const originsValue = value['origins'];
  if (originsValue !== undefined && originsValue !== null && !Array.isArray(originsValue)) {
    throw new FindingShapeError(`${where}.origins must be a list of {file, line, column?} objects`);
  }
  const finding: RawFinding = { ruleId, message: value['msg'], resource, related };
  // What the rule names first; then the file that declared the resource; then the files that
  // declared related resources (a plan that points a live instance at a shared bucket is where
  // the finding is fixed).
  const declared: SourceLocation[] = [];
  const add = (loc: SourceLocation | undefined): void => {
    if (loc && !declared.some((d) => d.file === loc.file && d.line === loc.line && d.column === loc.column)) declared.push(loc);
  };
  (originsValue ?? []).forEach((o, i) => add(originValue(o, `${where}.origins[${i}]`)));
  add(origins?.lookup(resource));
  for (const r of related) add(origins?.lookup(r));
  if (declared.length > 0) {
    finding.origin = declared[0]!;
    finding.origins = declared;
  }
  const severity = value['severity'];
  if (severity !== undefined && severity !== null) {
    if (severity !== 'info') throw new FindingShapeError(`${where}.severity may only be "info" (a note); a rule's severity comes from its METADATA`);
    finding.note = true;
  }
  return finding;
}

/**
 * A rule's `incomplete` set (a JSON array after conversion): the reasons it gives for what it
 * cannot know — `incomplete contains reason if { ... }`, one sentence each. A rule without one has
 * none. A malformed value is a FindingShapeError (the rule is then could-not-evaluate).
 */
export function toIncompleteReasons(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FindingShapeError(`incomplete must be a set of reasons (strings), got ${describe(value)}`);
  return value.map((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') throw new FindingShapeError(`incomplete[${i}] must be a non-empty string (a reason), got ${describe(v)}`);
    return v;
  });
}

/** The whole deny set of a rule (a JSON array after conversion) → RawFindings. */
export function toRawFindings(ruleId: string, deny: unknown, origins?: OriginIndex): RawFinding[] {
  if (deny === undefined || deny === null) return [];
  if (!Array.isArray(deny)) throw new FindingShapeError(`deny must be a set of findings, got ${describe(deny)}`);
  return deny.map((v, i) => toRawFinding(ruleId, v, i, origins));
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Resources that came from files (`origin: {file, line, column?}`), by canonical id and ARN. */
export class OriginIndex {
  private readonly byKey = new Map<string, SourceLocation>();

  static of(inventory: Inventory): OriginIndex {
    const index = new OriginIndex();
    for (const org of inventory.salesforce.orgs) {
      index.add(org.origin, org.id);
      for (const cc of org.contactCenters) index.add(cc.origin, cc.id);
    }
    for (const account of inventory.aws.accounts) {
      for (const inst of account.connectInstances) {
        index.add(inst.origin, inst.arn, inst.id);
        for (const flow of inst.flows) index.add(flow.origin, flow.arn, flow.id);
      }
      for (const role of account.iamRoles) index.add(role.origin, role.arn);
      for (const bucket of account.s3Buckets) index.add(bucket.origin, bucket.arn, bucket.name);
      for (const stream of account.kinesisStreams) index.add(stream.origin, stream.arn);
      for (const stack of account.cloudFormationStacks ?? []) index.add(stack.origin, stack.id);
      for (const fn of account.lambdaFunctions ?? []) index.add(fn.origin, fn.arn);
      for (const provider of account.samlProviders ?? []) index.add(provider.origin, provider.arn);
      for (const key of account.kmsKeys ?? []) index.add(key.origin, key.arn);
      for (const stream of account.firehoseStreams ?? []) index.add(stream.origin, stream.arn);
    }
    return index;
  }

  /** An inventory origin as a finding location. */
  static locationOf(origin: Origin): SourceLocation {
    // A file whose line is unknown still locates the finding; line 1 stands for "this file".
    const loc: SourceLocation = { file: origin.file, line: origin.line ?? 1 };
    // A column only means something on a known line (one-line plans, minified templates).
    if (origin.line !== null && origin.column !== undefined && origin.column !== null) loc.column = origin.column;
    if (typeof origin.declaredAs === 'string' && origin.declaredAs !== '') loc.declaredAs = origin.declaredAs;
    return loc;
  }

  private add(origin: Origin | undefined, ...keys: (string | null)[]): void {
    if (!origin) return;
    const loc = OriginIndex.locationOf(origin);
    for (const k of keys) if (k && !this.byKey.has(k)) this.byKey.set(k, loc);
  }

  get size(): number {
    return this.byKey.size;
  }

  lookup(ref: ResourceRef): SourceLocation | undefined {
    return (ref.arn !== undefined ? this.byKey.get(ref.arn) : undefined) ?? this.byKey.get(ref.id);
  }
}
