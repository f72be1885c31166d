/**
 * CloudFormation templates, YAML (with the `!Ref`/`!Sub`/`!GetAtt`/... short forms) or JSON.
 * Every resource of a supported type is read as it will be after deploy; a resource's origin is
 * the line and column of its logical id under `Resources` (the column tells apart the resources of
 * a minified JSON template). The template is taken as the desired state, so
 * S3's defaults for new buckets apply to buckets that do not set encryption or a public access block.
 */
import { LineCounter, isMap, isScalar, parseDocument, type Node } from 'yaml';
import { ScvGuardError } from '../../../errors.js';
import type { BucketEncryption, Origin, PublicAccessBlock, Tags } from '../../../inventory/types.js';
import { assembleEstate, emptyEstate, type PlannedEstate, type Ref } from '../planned.js';
import type { InputParser, ParseOptions, ParsedInput } from '../types.js';
import { nodeToValue, resolveValue, type ResolveContext, type Resolved } from './intrinsics.js';

export const CLOUDFORMATION_RESOURCE_TYPES = [
  'AWS::Connect::Instance',
  'AWS::Connect::InstanceStorageConfig',
  'AWS::Connect::ContactFlow',
  'AWS::Connect::ContactFlowModule',
  'AWS::IAM::Role',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  'AWS::Kinesis::Stream',
] as const;

/** AWS::Connect::Instance Attributes → DescribeInstanceAttribute names. */
const INSTANCE_ATTRIBUTES: Record<string, string> = {
  ContactflowLogs: 'CONTACTFLOW_LOGS',
  ContactLens: 'CONTACT_LENS',
  InboundCalls: 'INBOUND_CALLS',
  OutboundCalls: 'OUTBOUND_CALLS',
  EarlyMedia: 'EARLY_MEDIA',
  AutoResolveBestVoices: 'AUTO_RESOLVE_BEST_VOICES',
  UseCustomTTSVoices: 'USE_CUSTOM_TTS_VOICES',
  MultiPartyConference: 'MULTI_PARTY_CONFERENCE',
  HighVolumeOutBound: 'HIGH_VOLUME_OUTBOUND',
  EnhancedContactMonitoring: 'ENHANCED_CONTACT_MONITORING',
  EnhancedChatMonitoring: 'ENHANCED_CHAT_MONITORING',
};

type Obj = { [key: string]: Resolved };
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v) && !('ref' in v && Object.keys(v).length === 1);
const obj = (v: Resolved | undefined): Obj => (isObj(v) ? v : {});
const str = (v: Resolved | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: Resolved | undefined): boolean | null => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null);
const toRef = (v: Resolved | undefined): Ref => {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { ref?: unknown }).ref === 'string' && Object.keys(v).length === 1) {
    return { planned: (v as { ref: string }).ref };
  }
  const s = str(v);
  return s === null ? null : { known: s };
};
/** JSON-able value with references to template resources replaced by null (not known yet). */
const plain = (v: Resolved | undefined): unknown => {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') {
    if ('ref' in v && Object.keys(v).length === 1) return null;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: plain(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
};

function tagsOf(v: Resolved | undefined): Tags {
  const out: Tags = {};
  if (Array.isArray(v)) {
    for (const t of v) {
      const k = str(obj(t).Key);
      const val = obj(t).Value;
      if (k !== null && typeof val === 'string') out[k] = val;
    }
  } else if (isObj(v)) {
    for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  }
  return out;
}

export const cloudFormationParser: InputParser = {
  kind: 'cloudformation',
  canParse(file: string, text: string): boolean {
    if (!/\.(ya?ml|json|template|cfn)$/i.test(file)) return false;
    return /AWSTemplateFormatVersion/.test(text) || (/\bResources\b/.test(text) && /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(text));
  },
  parse(file: string, text: string, opts: ParseOptions): ParsedInput {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code !== 'TAG_RESOLVE_FAILED');
    if (problem !== undefined) {
      throw new ScvGuardError('input-parse', problem.message.split('\n')[0]!, { file, line: lines.linePos(problem.pos[0]).line });
    }
    const lineAt = (offset: number): number => lines.linePos(offset).line;
    const root = doc.contents;
    if (!isMap(root)) throw new ScvGuardError('input-schema', 'expected a CloudFormation template (a mapping with Resources)', { file, line: 1 });
    const resourcesNode = root.get('Resources', true);
    if (!isMap(resourcesNode)) throw new ScvGuardError('input-schema', 'expected a Resources mapping', { file, path: '$.Resources' });
    const parameters = nodeToValue(root.get('Parameters', true) as Node | undefined, file, lineAt);

    const declared: { logicalId: string; line: number | null; column: number | null; body: unknown }[] = [];
    for (const pair of resourcesNode.items) {
      const logicalId = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const position = isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]) : null;
      declared.push({ logicalId, line: position?.line ?? null, column: position?.col ?? null, body: nodeToValue(pair.value as Node, file, lineAt) });
    }
    const ctx: ResolveContext = {
      resources: new Set(declared.map((d) => d.logicalId)),
      parameters: parameters !== null && typeof parameters === 'object' ? (parameters as Record<string, unknown>) : {},
      region: opts.region ?? null,
      accountId: opts.accountId ?? null,
    };
    // Bucket names are known before deploy when the template sets them: `!Ref Bucket` is the
    // name and `!GetAtt Bucket.Arn` its ARN (so bucket policies keep their Resource ARNs).
    const bucketNames = new Map<string, string>();
    for (const d of declared) {
      const body = obj(resolveValue(d.body, ctx));
      const name = str(obj(body.Properties).BucketName);
      if (str(body.Type) === 'AWS::S3::Bucket' && name !== null) bucketNames.set(d.logicalId, name);
    }
    ctx.known = (logicalId, attr) => {
      const name = bucketNames.get(logicalId);
      if (name === undefined) return null;
      if (attr === null) return name;
      return attr === 'Arn' ? `arn:aws:s3:::${name}` : null;
    };
    const estate = emptyEstate();
    for (const d of declared) {
      const body = resolveValue(d.body, ctx);
      const type = str(obj(body).Type);
      if (type === null) {
        throw new ScvGuardError('input-schema', `resource ${d.logicalId} has no Type`, { file, ...(d.line !== null ? { line: d.line } : {}) });
      }
      mapResource(type, d.logicalId, obj(obj(body).Properties), { file, line: d.line, column: d.column }, estate);
    }
    return assembleEstate(estate, 'cloudformation', file, opts);
  },
};

function mapResource(type: string, key: string, p: Obj, origin: Origin, estate: PlannedEstate): void {
  const base = { key, origin };
  switch (type) {
    case 'AWS::Connect::Instance': {
      const attributes: Record<string, boolean> = {};
      for (const [prop, name] of Object.entries(INSTANCE_ATTRIBUTES)) {
        const b = bool(obj(p.Attributes)[prop]);
        if (b !== null) attributes[name] = b;
      }
      estate.instances.push({ ...base, id: null, arn: null, alias: str(p.InstanceAlias), tags: tagsOf(p.Tags), attributes });
      return;
    }
    case 'AWS::Connect::InstanceStorageConfig': {
      const storageType = str(p.StorageType) ?? 'S3';
      const s3 = obj(p.S3Config);
      estate.storage.push({
        ...base,
        instance: toRef(p.InstanceArn),
        resourceType: str(p.ResourceType) ?? 'UNKNOWN',
        storageType,
        bucket: storageType === 'S3' ? toRef(s3.BucketName) : null,
        prefix: str(s3.BucketPrefix),
        kmsKeyId: str(obj(s3.EncryptionConfig).KeyId),
        stream:
          storageType === 'KINESIS_STREAM'
            ? toRef(obj(p.KinesisStreamConfig).StreamArn)
            : storageType === 'KINESIS_FIREHOSE'
              ? toRef(obj(p.KinesisFirehoseConfig).FirehoseArn)
              : null,
      });
      return;
    }
    case 'AWS::Connect::ContactFlow':
    case 'AWS::Connect::ContactFlowModule': {
      const content = p.Content;
      estate.flows.push({
        ...base,
        instance: toRef(p.InstanceArn),
        id: null,
        arn: null,
        name: str(p.Name),
        type: type === 'AWS::Connect::ContactFlowModule' ? 'MODULE' : (str(p.Type) ?? 'CONTACT_FLOW'),
        state: str(p.State),
        content: typeof content === 'string' ? content : isObj(content) ? JSON.stringify(plain(content)) : null,
      });
      return;
    }
    case 'AWS::IAM::Role': {
      const doc = p.AssumeRolePolicyDocument;
      estate.roles.push({
        ...base,
        name: str(p.RoleName),
        path: str(p.Path),
        arn: null,
        tags: tagsOf(p.Tags),
        trustPolicy: typeof doc === 'string' ? doc : plain(doc),
      });
      return;
    }
    case 'AWS::S3::Bucket': {
      estate.buckets.push({ ...base, name: str(p.BucketName), arn: null, region: null, tags: tagsOf(p.Tags), creating: true });
      const setting: { encryption?: BucketEncryption; publicAccessBlock?: PublicAccessBlock; versioning?: 'Enabled' | 'Suspended' | null } = {};
      const rules = obj(p.BucketEncryption).ServerSideEncryptionConfiguration;
      if (Array.isArray(rules) && rules.length > 0) {
        const byDefault = obj(obj(rules[0]).ServerSideEncryptionByDefault);
        setting.encryption = { algorithm: str(byDefault.SSEAlgorithm), kmsKeyId: str(byDefault.KMSMasterKeyID) };
      }
      if (isObj(p.PublicAccessBlockConfiguration)) {
        const pab = obj(p.PublicAccessBlockConfiguration);
        setting.publicAccessBlock = {
          BlockPublicAcls: bool(pab.BlockPublicAcls) === true,
          IgnorePublicAcls: bool(pab.IgnorePublicAcls) === true,
          BlockPublicPolicy: bool(pab.BlockPublicPolicy) === true,
          RestrictPublicBuckets: bool(pab.RestrictPublicBuckets) === true,
        };
      }
      if (isObj(p.VersioningConfiguration)) {
        const status = str(obj(p.VersioningConfiguration).Status);
        setting.versioning = status === 'Enabled' || status === 'Suspended' ? status : null;
      }
      if (Object.keys(setting).length > 0) estate.bucketSettings.push({ ...base, bucket: { planned: key }, ...setting });
      return;
    }
    case 'AWS::S3::BucketPolicy':
      estate.bucketSettings.push({ ...base, bucket: toRef(p.Bucket), policy: plain(p.PolicyDocument) });
      return;
    case 'AWS::Kinesis::Stream': {
      const enc = str(obj(p.StreamEncryption).EncryptionType);
      estate.streams.push({ ...base, name: str(p.Name), arn: null, encryption: enc ?? 'NONE' });
      return;
    }
    default:
      return;
  }
}
