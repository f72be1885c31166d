/**
 * Maps the values of a rule's `deny` set to RawFindings (shared by every engine), checking their
 * shape: `{"msg": string, "resource": {"type", "id", "arn"?, "environment"?}, "related": [...]?,
 * "severity": "info"?}` — a rule marks a note about a setup it accepts with `"severity": "info"`.
 * A malformed value is a FindingShapeError, which makes that rule could-not-evaluate. Findings
 * about resources that came from files get `origin` from the inventory: the resource's own, else
 * that of the first related resource that came from a file.
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
  const finding: RawFinding = { ruleId, message: value['msg'], resource, related };
  const severity = value['severity'];
  if (severity !== undefined && severity !== null) {
    if (severity !== 'info') throw new FindingShapeError(`${where}.severity may only be "info" (a note); a rule's severity comes from its METADATA`);
    finding.note = true;
  }
  // The file that declared the resource; else the one that declared a related resource (a plan
  // that points a live instance at a shared bucket is where the finding is fixed).
  const origin = origins?.lookup(resource) ?? related.map((r) => origins?.lookup(r)).find((o) => o !== undefined);
  if (origin) finding.origin = origin;
  return finding;
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

  private add(origin: Origin | undefined, ...keys: (string | null)[]): void {
    if (!origin) return;
    // A file whose line is unknown still locates the finding; line 1 stands for "this file".
    const loc: SourceLocation = { file: origin.file, line: origin.line ?? 1 };
    // A column only means something on a known line (one-line plans, minified templates).
    if (origin.line !== null && origin.column !== undefined && origin.column !== null) loc.column = origin.column;
    for (const k of keys) if (k && !this.byKey.has(k)) this.byKey.set(k, loc);
  }

  get size(): number {
    return this.byKey.size;
  }

  lookup(ref: ResourceRef): SourceLocation | undefined {
    return (ref.arn !== undefined ? this.byKey.get(ref.arn) : undefined) ?? this.byKey.get(ref.id);
  }
}
