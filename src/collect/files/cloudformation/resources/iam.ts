/** AWS::IAM::Role. */
import type { ResourceMapper } from './types.js';
import { plain, str, tagsOf } from './values.js';

export const iamRole: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  const doc = p.AssumeRolePolicyDocument;
  estate.roles.push({
    key,
    origin,
    name: str(p.RoleName),
    path: str(p.Path),
    arn: null,
    tags: tagsOf(p.Tags),
    trustPolicy: typeof doc === 'string' ? doc : plain(doc),
  });
};
