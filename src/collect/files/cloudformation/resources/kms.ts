/** AWS::KMS::Key: the key and its policy (its ARN is known only after deploy). */
import { propertyAt, type ResourceMapper } from './types.js';
import { plain } from './values.js';

export const kmsKey: ResourceMapper = (resource, { estate }) => {
  const { key, origin, properties: p } = resource;
  estate.kmsKeys.push({ key, origin, arn: null, policy: typeof p.KeyPolicy === 'string' ? p.KeyPolicy : plain(p.KeyPolicy), policyAt: propertyAt(resource, 'KeyPolicy') });
};
