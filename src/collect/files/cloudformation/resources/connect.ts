/** AWS::Connect::Instance, InstanceStorageConfig, ContactFlow, ContactFlowModule, ApprovedOrigin and IntegrationAssociation. */
import { placeholderInstanceRef } from '../../planned.js';
import { NOT_KNOWN_MARK, readPartialFlowContent } from './flow-content.js';
import type { MapContext, ResourceMapper, TemplateResource } from './types.js';
import { bool, isObj, obj, plain, str, tagsOf, toRef } from './values.js';

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

export const connectInstance: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  const attributes: Record<string, boolean> = {};
  for (const [prop, name] of Object.entries(INSTANCE_ATTRIBUTES)) {
    const b = bool(obj(p.Attributes)[prop]);
    if (b !== null) attributes[name] = b;
  }
  estate.instances.push({ key, origin, id: null, arn: null, alias: str(p.InstanceAlias), tags: tagsOf(p.Tags), attributes });
};

export const connectStorageConfig: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  const storageType = str(p.StorageType) ?? 'S3';
  const s3 = obj(p.S3Config);
  estate.storage.push({
    key,
    origin,
    instance: toRef(p.InstanceArn),
    resourceType: str(p.ResourceType) ?? 'UNKNOWN',
    storageType,
    bucket: storageType === 'S3' ? toRef(s3.BucketName) : null,
    prefix: str(s3.BucketPrefix),
    kmsKey: toRef(obj(s3.EncryptionConfig).KeyId),
    stream:
      storageType === 'KINESIS_STREAM'
        ? toRef(obj(p.KinesisStreamConfig).StreamArn)
        : storageType === 'KINESIS_FIREHOSE'
          ? toRef(obj(p.KinesisFirehoseConfig).FirehoseArn)
          : null,
  });
};

/**
 * A flow or module of the template. Its content is checked even when its instance is not known
 * before deploy (`InstanceArn: !Ref InstanceArnParameter`): it then lands in the placeholder
 * instance that stands in for flows no file places. Content written as an `Fn::Sub` with values
 * not known before deploy is read as far as it is known (./flow-content.ts); content that cannot
 * be read at all is null, and a notice names the flow.
 */
export const connectFlow: ResourceMapper = (resource, context) => {
  const { key, type, origin, properties: p } = resource;
  const { estate, opts } = context;
  const instance = toRef(p.InstanceArn) ?? placeholderInstanceRef(estate, opts.environment, origin);
  estate.flows.push({
    key,
    origin,
    instance,
    id: null,
    arn: null,
    name: str(p.Name),
    type: type === 'AWS::Connect::ContactFlowModule' ? 'MODULE' : (str(p.Type) ?? 'CONTACT_FLOW'),
    state: str(p.State),
    content: flowContent(resource, context),
  });
};

function flowContent({ key, type, properties: p, written }: TemplateResource, { notice, knownParts }: MapContext): string | null {
  const content = p.Content;
  if (typeof content === 'string') return content;
  if (isObj(content)) return JSON.stringify(plain(content));
  const what = `${type === 'AWS::Connect::ContactFlowModule' ? 'contact flow module' : 'contact flow'} ${key}`;
  const text = knownParts(written.Content, NOT_KNOWN_MARK);
  if (text === null) {
    notice(`${what}: its Content is not known before deploy: its references and credentials are not checked`);
    return null;
  }
  const reading = readPartialFlowContent(text);
  if (reading.content === null) notice(`${what}: its Content is read as not known: ${reading.problem}; its references and credentials are not checked`);
  return reading.content;
}

/** An approved origin or integration of an instance not known before deploy lands in the placeholder instance, as flows do. */
export const connectApprovedOrigin: ResourceMapper = ({ key, origin, properties: p }, { estate, opts }) => {
  estate.approvedOrigins.push({ key, origin, instance: toRef(p.InstanceId) ?? placeholderInstanceRef(estate, opts.environment, origin), url: str(p.Origin) });
};

export const connectIntegration: ResourceMapper = ({ key, origin, properties: p }, { estate, opts }) => {
  estate.integrations.push({
    key,
    origin,
    instance: toRef(p.InstanceId) ?? placeholderInstanceRef(estate, opts.environment, origin),
    type: str(p.IntegrationType) ?? 'UNKNOWN',
    arn: toRef(p.IntegrationArn),
    sourceApplicationUrl: null,
  });
};
