/** AWS::S3::Bucket (with its canned ACL and object ownership) and AWS::S3::BucketPolicy. */
import type { BucketAcl, BucketEncryption, ObjectOwnership, PublicAccessBlock } from '../../../../inventory/types.js';
import { cannedAcl } from '../../planned-evidence.js';
import { propertyAt, type ResourceMapper } from './types.js';
import { bool, isObj, obj, plain, str, tagsOf, toRef } from './values.js';

export const s3Bucket: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  estate.buckets.push({ key, origin, name: str(p.BucketName), arn: null, region: null, tags: tagsOf(p.Tags), creating: true });
  const setting: {
    encryption?: BucketEncryption;
    publicAccessBlock?: PublicAccessBlock;
    versioning?: 'Enabled' | 'Suspended' | null;
    acl?: BucketAcl;
    objectOwnership?: ObjectOwnership;
  } = {};
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
  const canned = str(p.AccessControl);
  const acl = canned === null ? null : cannedAcl(canned);
  if (acl !== null) setting.acl = acl;
  const ownershipRules = obj(p.OwnershipControls).Rules;
  const ownership = Array.isArray(ownershipRules) ? str(obj(ownershipRules[0]).ObjectOwnership) : null;
  if (ownership === 'BucketOwnerEnforced' || ownership === 'BucketOwnerPreferred' || ownership === 'ObjectWriter') setting.objectOwnership = ownership;
  if (Object.keys(setting).length > 0) estate.bucketSettings.push({ key, origin, bucket: { planned: key }, ...setting });
};

export const s3BucketPolicy: ResourceMapper = (resource, { estate }) => {
  const { key, origin, properties: p } = resource;
  estate.bucketSettings.push({ key, origin, bucket: toRef(p.Bucket), policy: plain(p.PolicyDocument), policyAt: propertyAt(resource, 'PolicyDocument') });
};
