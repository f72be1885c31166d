/**
 * A template resource of a type the reader knows whose property has the wrong type after
 * intrinsic functions are evaluated is an error naming the file, the line, the property path and
 * what was expected — never a resource dropped or read as if the property were absent. What
 * CloudFormation accepts (numbers for strings, "true" for booleans) and values not known before
 * deploy are not errors.
 */
import { describe, expect, it } from 'vitest';
import { cloudFormationParser } from '../../../src/collect/files/cloudformation/index.js';
import { ScvGuardError } from '../../../src/errors.js';
import { validateInventory } from '../../../src/inventory/validate.js';

const OPTS = { generatedAt: '2026-11-20T09:12:44Z', region: 'us-east-1', accountId: '222222222222' };
const FILE = 'stack.yaml';

/** A template of one resource, its properties given as YAML lines (indented below `Properties:`). */
const template = (type: string, properties: string, extra = '') =>
  `Parameters:\n  Unset:\n    Type: String\n${extra}Resources:\n  Res:\n    Type: ${type}\n    Properties:\n${properties
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n')}\n`;

function parseError(text: string): ScvGuardError {
  try {
    cloudFormationParser.parse(FILE, text, OPTS);
  } catch (err) {
    if (err instanceof ScvGuardError) return err;
    throw err;
  }
  throw new Error('parsed without an error');
}

const WRONG: { name: string; type: string; properties: string; line: number; path: string; expected: string }[] = [
  { name: 'a trust policy that is a number', type: 'AWS::IAM::Role', properties: 'AssumeRolePolicyDocument: 42', line: 8, path: '$.Resources.Res.Properties.AssumeRolePolicyDocument', expected: 'expected a policy document (an object or a JSON string), got number 42' },
  { name: 'inline policies that are a string', type: 'AWS::IAM::Role', properties: 'AssumeRolePolicyDocument: {}\nPolicies: x', line: 9, path: '$.Resources.Res.Properties.Policies', expected: 'expected a list of objects, got string "x"' },
  {
    name: 'a Statement that is neither an object nor a list',
    type: 'AWS::IAM::Role',
    properties: 'AssumeRolePolicyDocument:\n  Version: "2012-10-17"\n  Statement: allow-everyone',
    line: 10,
    path: '$.Resources.Res.Properties.AssumeRolePolicyDocument.Statement',
    expected: 'expected an object or a list of objects, got string "allow-everyone"',
  },
  {
    name: 'a statement Action that is an object',
    type: 'AWS::S3::BucketPolicy',
    properties: 'Bucket: b\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: {s3: GetObject}\n      Principal: "*"',
    line: 12,
    path: '$.Resources.Res.Properties.PolicyDocument.Statement[0].Action',
    expected: 'expected a string or a list of strings, got an object',
  },
  {
    name: 'inline policies written as a mapping (the line of the key, not of its first entry)',
    type: 'AWS::IAM::Role',
    properties: 'AssumeRolePolicyDocument: {}\nPolicies:\n  PolicyName: p\n  PolicyDocument: {}',
    line: 9,
    path: '$.Resources.Res.Properties.Policies',
    expected: 'expected a list of objects, got an object',
  },
  { name: 'a bucket policy document that is a list', type: 'AWS::S3::BucketPolicy', properties: 'Bucket: b\nPolicyDocument: [a]', line: 9, path: '$.Resources.Res.Properties.PolicyDocument', expected: 'expected a policy document (an object or a JSON string), got a list' },
  {
    name: 'public access block settings that are not booleans',
    type: 'AWS::S3::Bucket',
    properties: 'PublicAccessBlockConfiguration:\n  BlockPublicAcls: sometimes',
    line: 9,
    path: '$.Resources.Res.Properties.PublicAccessBlockConfiguration.BlockPublicAcls',
    expected: 'expected a boolean, got string "sometimes"',
  },
  { name: 'bucket encryption rules that are not a list', type: 'AWS::S3::Bucket', properties: 'BucketEncryption:\n  ServerSideEncryptionConfiguration: aws:kms', line: 9, path: '$.Resources.Res.Properties.BucketEncryption.ServerSideEncryptionConfiguration', expected: 'expected a list of objects, got string "aws:kms"' },
  { name: 'tags that are a map on an AWS:: resource', type: 'AWS::S3::Bucket', properties: 'Tags: {Environment: prod}', line: 8, path: '$.Resources.Res.Properties.Tags', expected: 'expected a list of tags ({Key, Value}), got an object' },
  { name: 'a storage config S3Config that is a string', type: 'AWS::Connect::InstanceStorageConfig', properties: 'InstanceArn: arn:aws:connect:us-east-1:222222222222:instance/i\nResourceType: CALL_RECORDINGS\nStorageType: S3\nS3Config: my-bucket', line: 11, path: '$.Resources.Res.Properties.S3Config', expected: 'expected an object, got string "my-bucket"' },
  { name: 'instance attributes that are a list', type: 'AWS::Connect::Instance', properties: 'IdentityManagementType: CONNECT_MANAGED\nAttributes: [InboundCalls]', line: 9, path: '$.Resources.Res.Properties.Attributes', expected: 'expected an object, got a list' },
  { name: 'flow content that is a number', type: 'AWS::Connect::ContactFlow', properties: 'InstanceArn: arn:aws:connect:us-east-1:222222222222:instance/i\nName: f\nType: CONTACT_FLOW\nContent: 7', line: 11, path: '$.Resources.Res.Properties.Content', expected: 'expected an object or a JSON string, got number 7' },
  { name: 'stream encryption that is a string', type: 'AWS::Kinesis::Stream', properties: 'StreamEncryption: KMS', line: 8, path: '$.Resources.Res.Properties.StreamEncryption', expected: 'expected an object, got string "KMS"' },
  { name: 'Lambda variables that are a list', type: 'AWS::Lambda::Function', properties: 'Role: r\nEnvironment:\n  Variables: [A=1]', line: 10, path: '$.Resources.Res.Properties.Environment.Variables', expected: 'expected a map of strings, got a list' },
  { name: 'a key policy that is a boolean', type: 'AWS::KMS::Key', properties: 'KeyPolicy: true', line: 8, path: '$.Resources.Res.Properties.KeyPolicy', expected: 'expected a policy document (an object or a JSON string), got boolean true' },
  { name: 'a Firehose encryption input that is a list', type: 'AWS::KinesisFirehose::DeliveryStream', properties: 'DeliveryStreamEncryptionConfigurationInput: [CUSTOMER_MANAGED_CMK]', line: 8, path: '$.Resources.Res.Properties.DeliveryStreamEncryptionConfigurationInput', expected: 'expected an object, got a list' },
  {
    name: 'a wrong type produced by an intrinsic function',
    type: 'AWS::IAM::Role',
    properties: 'AssumeRolePolicyDocument: !FindInMap [Docs, Trust, Value]',
    line: 12,
    path: '$.Resources.Res.Properties.AssumeRolePolicyDocument',
    expected: 'expected a policy document (an object or a JSON string), got a list',
  },
];

describe('CloudFormation properties of the wrong type', () => {
  it.each(WRONG.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const extra = c.name.includes('intrinsic') ? 'Mappings:\n  Docs:\n    Trust:\n      Value: [1, 2]\n' : '';
    const err = parseError(template(c.type, c.properties, extra));
    expect(err.code).toBe('input-schema');
    expect(err.location).toMatchObject({ file: FILE, line: c.line, path: c.path });
    expect(err.message).toBe(`${FILE}:${c.line}: ${c.path}: resource Res (${c.type}): ${c.expected}`);
  });
});

describe('what CloudFormation accepts is accepted', () => {
  it('numbers and booleans for strings, "true" for booleans, numeric strings for numbers, JSON text for Json', () => {
    const text = template(
      'AWS::IAM::Role',
      'RoleName: 42\nPath: /\nMaxSessionDuration: "3600"\nAssumeRolePolicyDocument: \'{"Version": "2012-10-17", "Statement": []}\'\nTags:\n  - Key: Tier\n    Value: 1',
    );
    const role = cloudFormationParser.parse(FILE, text, OPTS).inventory.aws.accounts[0]!.iamRoles[0]!;
    expect(role).toMatchObject({ name: '42', tags: { Tier: '1' } });
    expect(role.trustPolicy).toEqual({ Version: '2012-10-17', Statement: [] });
    const bucket = template('AWS::S3::Bucket', 'BucketName: b\nPublicAccessBlockConfiguration:\n  BlockPublicAcls: "true"\n  IgnorePublicAcls: "TRUE"\n  BlockPublicPolicy: true\n  RestrictPublicBuckets: "false"');
    const parsed = cloudFormationParser.parse(FILE, bucket, OPTS);
    expect(parsed.inventory.aws.accounts[0]!.s3Buckets[0]!.publicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false });
  });

  it('values not known before deploy are not errors: a parameter without a value, a Ref or GetAtt of a resource', () => {
    const text =
      'Parameters:\n  Unset:\n    Type: String\nResources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: !Ref Unset\n' +
      '  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: !Ref Unset\n      Policies: !GetAtt Key.Arn\n      Tags: !Ref Unset\n' +
      '  Stream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      StreamEncryption: {EncryptionType: KMS, KeyId: !GetAtt Key.Arn}\n';
    const parsed = cloudFormationParser.parse(FILE, text, OPTS);
    expect(() => validateInventory(parsed.inventory, FILE)).not.toThrow();
    const account = parsed.inventory.aws.accounts[0]!;
    expect(account.iamRoles.map((r) => r.trustPolicy)).toEqual([null]);
    expect(account.kinesisStreams).toHaveLength(1);
  });

  it('types the reader does not read are not checked', () => {
    const text = template('AWS::SNS::Topic', 'TopicName: 42\nSubscription: not-a-list');
    expect(() => cloudFormationParser.parse(FILE, text, OPTS)).not.toThrow();
  });
});
