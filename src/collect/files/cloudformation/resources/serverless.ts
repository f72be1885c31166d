/**
 * The SAM transform (`Transform: AWS::Serverless-2016-10-31`) for what the inventory holds: an
 * `AWS::Serverless::Function` without a `Role` gets the execution role SAM generates for it,
 * `<logical id>Role`, trusted by Lambda (or by its `AssumeRolePolicyDocument`). A function with a
 * `Role` uses that existing role and creates none.
 */
import type { ResourceMapper } from './types.js';
import { isObj, plain, str, tagsOf } from './values.js';

const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['lambda.amazonaws.com'] } }],
};

export const serverlessFunction: ResourceMapper = ({ key, origin, properties: p }, { estate }) => {
  if (p.Role !== undefined) return;
  estate.roles.push({
    key: `${key}Role`,
    origin,
    // SAM lets CloudFormation name the role.
    name: null,
    path: str(p.RolePath),
    arn: null,
    tags: { ...tagsOf(p.Tags), 'lambda:createdBy': 'SAM' },
    trustPolicy: isObj(p.AssumeRolePolicyDocument) ? plain(p.AssumeRolePolicyDocument) : LAMBDA_TRUST,
  });
};
