/**
 * The planned estate: what a Terraform plan or CloudFormation template declares, in one neutral
 * shape, and its assembly into a partial inventory. Both parsers only extract; placing resources
 * in accounts, resolving references between them and analysing flow content happen here once.
 *
 * Values unknown at plan time are null. A resource without a known id or ARN is named by its
 * address / logical id (`aws_connect_instance.uat`, `UatInstance`). Its account is the one in its
 * ARN, else the one account all known ARNs in the file agree on, else the account the config maps
 * its environment to, else the account the caller gives (`--environment`'s account). A resource
 * whose account is none of these lands in the placeholder account PLANNED_ACCOUNT_ID, which is
 * marked `known: false`: the ARNs built for its resources leave the account empty
 * (`arn:aws:connect:us-east-1::instance/UatInstance`), so no rule can mistake the placeholder for
 * a real account. An unknown region is likewise empty in built ARNs and null in region fields.
 */
import { analyzeFlowContent, type FlowAnalysis } from '../flow-language/analyze.js';
import { isScvGuardError, ScvGuardError, type ErrorLocation } from '../../errors.js';
import { resolveEnvironment } from '../../inventory/environment.js';
import {
  emptyAwsAccount,
  emptyInventory,
  type AwsAccount,
  type BucketAcl,
  type BucketEncryption,
  type ConnectInstance,
  type ContactFlow,
  type IamRole,
  type KinesisStream,
  type ObjectOwnership,
  type Origin,
  type PublicAccessBlock,
  type S3Bucket,
  type Tags,
} from '../../inventory/types.js';
import { parseArn, type Ref } from './arn.js';
import { normalizePolicyDocument, placeOf } from './policy-document.js';
import { assembleEvidence, cannedAcl, emptyEvidence, registerEvidenceArns, type EvidenceContext, type PlannedEvidence } from './planned-evidence.js';
import type { InputKind, ParseOptions, ParsedInput } from './types.js';

/** Id of the account that holds resources whose account is not known (marked `known: false`). */
export const PLANNED_ACCOUNT_ID = '000000000000';

export { parseArn, type Ref } from './arn.js';

interface Declared {
  key: string;
  origin: Origin;
}

export interface PlannedInstance extends Declared {
  id: string | null;
  arn: string | null;
  alias: string | null;
  tags: Tags;
  attributes: Record<string, boolean>;
  /** Stands in for an instance no file names (flow exports without an ARN): carries no origin. */
  placeholder?: boolean;
}
export interface PlannedStorage extends Declared {
  instance: Ref;
  resourceType: string;
  storageType: string;
  bucket: Ref;
  prefix: string | null;
  /** The KMS key (a planned one by key). */
  kmsKey: Ref;
  stream: Ref;
}
export interface PlannedFlow extends Declared {
  instance: Ref;
  id: string | null;
  arn: string | null;
  name: string | null;
  /** CONTACT_FLOW, ... or MODULE. */
  type: string;
  state: string | null;
  content: string | null;
  /** Set when the reader analysed the content itself (flow files: with positions). */
  analysis?: FlowAnalysis;
}
export interface PlannedRole extends Declared {
  name: string | null;
  path: string | null;
  arn: string | null;
  tags: Tags;
  trustPolicy: unknown;
  /** Where the trust policy is (attribute path and position); the resource's origin when absent. */
  trustPolicyAt?: ErrorLocation;
}
export interface PlannedBucket extends Declared {
  name: string | null;
  arn: string | null;
  region: string | null;
  tags: Tags;
  /** Created by this change: S3's defaults for new buckets (SSE-S3, public access block on) apply. */
  creating: boolean;
}
export interface PlannedBucketSetting extends Declared {
  bucket: Ref;
  policy?: unknown;
  /** Where the policy is (attribute path and position); the resource's origin when absent. */
  policyAt?: ErrorLocation;
  encryption?: BucketEncryption;
  publicAccessBlock?: PublicAccessBlock;
  versioning?: 'Enabled' | 'Suspended' | null;
  acl?: BucketAcl;
  objectOwnership?: ObjectOwnership;
}
export interface PlannedStream extends Declared {
  name: string | null;
  arn: string | null;
  encryption: string | null;
}

export interface PlannedEstate extends PlannedEvidence {
  /** Region the file deploys to (provider / template), when it says. */
  region: string | null;
  instances: PlannedInstance[];
  storage: PlannedStorage[];
  flows: PlannedFlow[];
  roles: PlannedRole[];
  buckets: PlannedBucket[];
  bucketSettings: PlannedBucketSetting[];
  streams: PlannedStream[];
}

export function emptyEstate(): PlannedEstate {
  return { region: null, instances: [], storage: [], flows: [], roles: [], buckets: [], bucketSettings: [], streams: [], ...emptyEvidence() };
}

/**
 * Key of the placeholder instance that holds flows whose instance no file names (flow exports
 * without an ARN, template flows whose `InstanceArn` is a parameter): one per environment.
 */
export function placeholderInstanceKey(environment: string | undefined): string {
  return `flow-export-${environment ?? 'unknown'}`;
}

/** The placeholder instance for `environment`, added to the estate once; returns a reference to it. */
export function placeholderInstanceRef(estate: PlannedEstate, environment: string | undefined, origin: Origin): Ref {
  const key = placeholderInstanceKey(environment);
  if (!estate.instances.some((i) => i.key === key)) {
    estate.instances.push({ key, origin, id: key, arn: null, alias: null, tags: {}, attributes: {}, placeholder: true });
  }
  return { planned: key };
}

/** Accounts and regions named by the known ARNs of a file. */
function arnsInEstate(estate: PlannedEstate): { accounts: Set<string>; regions: Set<string> } {
  const arns: (string | null)[] = [
    ...estate.instances.map((r) => r.arn),
    ...estate.roles.map((r) => r.arn),
    ...estate.streams.map((r) => r.arn),
    ...estate.flows.map((r) => r.arn),
    ...estate.functions.map((r) => r.arn),
    ...estate.samlProviders.map((r) => r.arn),
    ...estate.kmsKeys.map((r) => r.arn),
    ...estate.firehoses.map((r) => r.arn),
  ];
  for (const s of estate.storage) {
    if (s.instance && 'known' in s.instance) arns.push(s.instance.known);
    if (s.stream && 'known' in s.stream) arns.push(s.stream.known);
  }
  for (const f of estate.flows) if (f.instance && 'known' in f.instance) arns.push(f.instance.known);
  const accounts = new Set<string>();
  const regions = new Set<string>();
  for (const arn of arns) {
    const parsed = arn === null ? null : parseArn(arn);
    if (parsed && /^\d{12}$/.test(parsed.account)) accounts.add(parsed.account);
    if (parsed && parsed.service === 'connect' && parsed.region !== '') regions.add(parsed.region);
  }
  return { accounts, regions };
}

export function assembleEstate(estate: PlannedEstate, kind: InputKind, file: string, opts: ParseOptions): ParsedInput {
  const known = arnsInEstate(estate);
  // What the file's own ARNs say wins over what the caller assumes.
  const fileAccount = known.accounts.size === 1 ? [...known.accounts][0]! : null;
  const region: string | null = estate.region ?? (known.regions.size === 1 ? [...known.regions][0]! : null) ?? opts.region ?? null;
  const envOf = (tags: Tags): string | null =>
    resolveEnvironment({ configured: opts.environment ?? null, tags, ...(opts.environmentTagKey ? { tagKey: opts.environmentTagKey } : {}) });
  /** The account a resource of `environment` deploys to when its ARN does not say; null: not known. */
  const placeAccount = (environment: string | null): string | null =>
    fileAccount ?? (environment !== null ? opts.environmentAccounts?.[environment] : undefined) ?? opts.accountId ?? null;
  const accountOfArn = (arn: string | null, environment: string | null): string | null => {
    const parsed = arn === null ? null : parseArn(arn);
    return parsed && /^\d{12}$/.test(parsed.account) ? parsed.account : placeAccount(environment);
  };
  // Parts of ARNs built here: an unknown account or region stays empty, never a made-up value.
  const arnRegion = region ?? '';
  const arnAccount = (environment: string | null): string => placeAccount(environment) ?? '';

  const accounts = new Map<string, AwsAccount>();
  const account = (id: string | null): AwsAccount => {
    const key = id ?? PLANNED_ACCOUNT_ID;
    let a = accounts.get(key);
    if (!a) {
      a = id === null ? emptyAwsAccount(key, { name: 'account not known before deployment', known: false }) : emptyAwsAccount(key);
      accounts.set(key, a);
    }
    return a;
  };
  const attachments: ParsedInput['attachments'] = { instances: [], buckets: [], placeholderInstances: [] };

  // ---- instances
  const instanceByKey = new Map<string, ConnectInstance>();
  const instanceByIdOrArn = new Map<string, ConnectInstance>();
  for (const p of estate.instances) {
    const id = p.id ?? p.key;
    const environment = envOf(p.tags);
    const arn = p.arn ?? `arn:aws:connect:${arnRegion}:${arnAccount(environment)}:instance/${id}`;
    const inst: ConnectInstance = {
      id,
      arn,
      alias: p.alias,
      region: parseArn(arn)?.region || region,
      status: null,
      createdAt: null,
      environment,
      tags: p.tags,
      storage: [],
      attributes: p.attributes,
      flows: [],
      lambdaFunctions: [],
      phoneNumbers: [],
      integrations: [],
      ...(p.placeholder ? { known: false } : { origin: p.origin }),
    };
    account(accountOfArn(arn, environment)).connectInstances.push(inst);
    instanceByKey.set(p.key, inst);
    instanceByIdOrArn.set(id, inst).set(arn, inst);
    if (p.placeholder) attachments.placeholderInstances.push(arn);
  }
  const resolveInstance = (ref: Ref, origin: Origin): ConnectInstance | null => {
    if (ref === null) return null;
    if ('planned' in ref) return instanceByKey.get(ref.planned) ?? null;
    const hit = instanceByIdOrArn.get(ref.known);
    if (hit) return hit;
    // An existing instance: declared here only as the holder of what the file attaches to it.
    const environment = opts.environment ?? null;
    const isArn = ref.known.startsWith('arn:');
    const id = isArn ? ref.known.replace(/^.*:instance\//, '') : ref.known;
    const arn = isArn ? ref.known : `arn:aws:connect:${arnRegion}:${arnAccount(environment)}:instance/${id}`;
    const stub: ConnectInstance = {
      id, arn, alias: null, region: parseArn(arn)?.region || region, status: null, createdAt: null,
      environment, tags: {}, storage: [], attributes: {}, flows: [],
      lambdaFunctions: [], phoneNumbers: [], integrations: [], origin,
    };
    account(accountOfArn(arn, environment)).connectInstances.push(stub);
    instanceByIdOrArn.set(id, stub).set(arn, stub);
    attachments.instances.push(arn);
    return stub;
  };

  // ---- streams
  /** ARNs of planned resources by key: what references between them resolve to. */
  const arnByKey = new Map<string, string>();
  const streamEnvironment = opts.environment ?? null;
  for (const p of estate.streams) {
    const name = p.name ?? p.key;
    const arn = p.arn ?? `arn:aws:kinesis:${arnRegion}:${arnAccount(streamEnvironment)}:stream/${name}`;
    const stream: KinesisStream = { arn, name, encryption: p.encryption, origin: p.origin };
    account(accountOfArn(arn, streamEnvironment)).kinesisStreams.push(stream);
    arnByKey.set(p.key, arn);
  }

  // ---- buckets
  const bucketByKey = new Map<string, S3Bucket>();
  const bucketByName = new Map<string, S3Bucket>();
  for (const p of estate.buckets) {
    const name = p.name ?? p.key;
    const bucket: S3Bucket = {
      name,
      arn: p.arn ?? `arn:aws:s3:::${name}`,
      region: p.region ?? region,
      environment: envOf(p.tags),
      tags: p.tags,
      policy: null,
      publicAccessBlock: p.creating ? { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } : null,
      encryption: p.creating ? { algorithm: 'AES256', kmsKeyId: null } : null,
      versioning: null,
      // New buckets disable ACLs (BucketOwnerEnforced) unless the change says otherwise.
      ...(p.creating ? { acl: cannedAcl('private'), objectOwnership: 'BucketOwnerEnforced' as const } : {}),
      origin: p.origin,
    };
    account(placeAccount(bucket.environment)).s3Buckets.push(bucket);
    bucketByKey.set(p.key, bucket);
    arnByKey.set(p.key, bucket.arn);
    bucketByName.set(name, bucket);
  }
  const bucketName = (ref: Ref): string | null => {
    if (ref === null) return null;
    if ('planned' in ref) return bucketByKey.get(ref.planned)?.name ?? null;
    return ref.known.replace(/^arn:[^:]+:s3:::/, '');
  };
  for (const s of estate.bucketSettings) {
    const name = bucketName(s.bucket);
    if (name === null) continue;
    let bucket = bucketByName.get(name);
    if (!bucket) {
      bucket = {
        name, arn: `arn:aws:s3:::${name}`, region: null, environment: opts.environment ?? null, tags: {},
        policy: null, publicAccessBlock: null, encryption: null, versioning: null, origin: s.origin,
      };
      account(placeAccount(bucket.environment)).s3Buckets.push(bucket);
      bucketByName.set(name, bucket);
      attachments.buckets.push(bucket.arn);
    }
    if (s.policy !== undefined) bucket.policy = normalizePolicyDocument(s.policy, s.policyAt ?? placeOf(s.origin));
    if (s.encryption !== undefined) bucket.encryption = s.encryption;
    if (s.publicAccessBlock !== undefined) bucket.publicAccessBlock = s.publicAccessBlock;
    if (s.versioning !== undefined) bucket.versioning = s.versioning;
    if (s.acl !== undefined) bucket.acl = s.acl;
    if (s.objectOwnership !== undefined) bucket.objectOwnership = s.objectOwnership;
  }

  // ---- roles
  for (const r of estate.roles) {
    const name = r.name ?? r.key;
    const path = r.path ?? '/';
    const environment = envOf(r.tags);
    const arn = r.arn ?? `arn:aws:iam::${arnAccount(environment)}:role${path}${name}`;
    const role: IamRole = {
      arn,
      name,
      path,
      tags: r.tags,
      trustPolicy: r.trustPolicy === null || r.trustPolicy === undefined ? null : normalizePolicyDocument(r.trustPolicy, r.trustPolicyAt ?? placeOf(r.origin)),
      origin: r.origin,
    };
    account(accountOfArn(arn, environment)).iamRoles.push(role);
    arnByKey.set(r.key, arn);
  }

  // ---- the AWS-side SCV evidence (stacks, functions, SAML providers, keys, Firehoses, approved origins, integrations)
  const evidence: EvidenceContext = {
    account,
    accountOfArn,
    arnRegion,
    arnAccount,
    region,
    environment: opts.environment ?? null,
    environmentOf: envOf,
    resolveInstance: (ref, origin) => resolveInstance(ref, origin),
    arnByKey,
  };
  registerEvidenceArns(estate, evidence);

  // ---- storage configs
  for (const s of estate.storage) {
    const inst = resolveInstance(s.instance, s.origin);
    if (!inst) continue;
    const bucket = bucketName(s.bucket);
    const streamArn = s.stream === null ? null : 'planned' in s.stream ? (arnByKey.get(s.stream.planned) ?? null) : s.stream.known;
    inst.storage.push({
      resourceType: s.resourceType,
      storageType: s.storageType,
      s3: bucket === null ? null : { bucket, prefix: s.prefix, kmsKeyId: s.kmsKey === null ? null : 'planned' in s.kmsKey ? (arnByKey.get(s.kmsKey.planned) ?? null) : s.kmsKey.known },
      streamArn,
      origin: s.origin,
    });
  }

  // ---- flows
  for (const f of estate.flows) {
    const inst = resolveInstance(f.instance, f.origin);
    if (!inst) continue;
    const id = f.id ?? f.key;
    const segment = f.type === 'MODULE' ? 'flow-module' : 'contact-flow';
    const analysis = f.analysis ?? (f.content === null ? { references: [], secrets: [] } : analyzeAt(f.content, f.origin.file, f.origin.line));
    const flow: ContactFlow = {
      id,
      arn: f.arn ?? `${inst.arn}/${segment}/${id}`,
      name: f.name ?? f.key,
      type: f.type,
      state: f.state,
      references: analysis.references,
      secrets: analysis.secrets,
      origin: f.origin,
    };
    inst.flows.push(flow);
  }

  assembleEvidence(estate, evidence, normalizePolicyDocument);

  const inventory = emptyInventory(opts.generatedAt);
  inventory.aws.accounts = [...accounts.values()];
  inventory.collection.sources.push({ kind: 'file', target: file, startedAt: opts.generatedAt, finishedAt: opts.generatedAt });
  return { kind, file, inventory, attachments };
}

/** Flow content analysis with the file and line added to its errors. */
export function analyzeAt(content: string, file: string, line: number | null): ReturnType<typeof analyzeFlowContent> {
  try {
    return analyzeFlowContent(content);
  } catch (err) {
    if (isScvGuardError(err)) {
      const where = err.location.path ? `${err.location.path}: ` : '';
      const message = err.message.startsWith(where) ? err.message.slice(where.length) : err.message;
      throw new ScvGuardError(err.code, `flow content: ${where}${message}`, { file, ...(line !== null ? { line } : {}) });
    }
    throw err;
  }
}
