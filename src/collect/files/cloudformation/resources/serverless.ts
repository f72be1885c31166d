/**
 * The SAM transform (`Transform: AWS::Serverless-2016-10-31`) for what the inventory holds: an
 * `AWS::Serverless::Function` is a Lambda function (tagged `lambda:createdBy: SAM`, as SAM tags
 * it); without a `Role` it gets the execution role SAM generates for it, `<logical id>Role`,
 * trusted by Lambda (or by its `AssumeRolePolicyDocument`). A function with a `Role` uses that
 * existing role and creates none.
 */
import { lambdaFunctionOf } from './lambda.js';
import { propertyAt, type ResourceMapper } from './types.js';
import { isObj, plain, str, tagsOf, toRef } from './values.js';

const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['lambda.amazonaws.com'] } }],
};

const SAM_TAGS = { 'lambda:createdBy': 'SAM' };

export const serverlessFunction: ResourceMapper = (resource, ctx) => {
  const { key, origin, properties: p } = resource;
  if (p.Role !== undefined) {
    lambdaFunctionOf(resource, ctx, toRef(p.Role), SAM_TAGS);
    return;
  }
  ctx.estate.roles.push({
    key: `${key}Role`,
    origin,
    // SAM lets CloudFormation name the role.
    name: null,
    path: str(p.RolePath),
    arn: null,
    tags: { ...tagsOf(p.Tags), ...SAM_TAGS },
    trustPolicy: isObj(p.AssumeRolePolicyDocument) ? plain(p.AssumeRolePolicyDocument) : LAMBDA_TRUST,
    trustPolicyAt: propertyAt(resource, 'AssumeRolePolicyDocument'),
  });
  lambdaFunctionOf(resource, ctx, { planned: `${key}Role` }, SAM_TAGS);
};
