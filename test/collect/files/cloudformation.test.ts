import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cloudFormationParser } from '../../../src/collect/files/cloudformation/index.js';
import { validateInventory } from '../../../src/inventory/validate.js';
import { ScvGuardError } from '../../../src/errors.js';
import { thrown } from '../../support/thrown.js';

const FILE = 'fixtures/cloudformation/scv-uat-stack.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const OPTS = { generatedAt: '2026-11-20T09:12:44Z', region: 'us-east-1', accountId: '222222222222' };
const lineOf = (pattern: RegExp): number => TEXT.split('\n').findIndex((l) => pattern.test(l)) + 1;

describe('CloudFormation parser', () => {
  const parsed = cloudFormationParser.parse(FILE, TEXT, OPTS);
  const account = parsed.inventory.aws.accounts[0]!;

  it('recognises templates', () => {
    expect(cloudFormationParser.canParse(FILE, TEXT)).toBe(true);
    expect(cloudFormationParser.canParse('scv-guard.yaml', 'environments: []\n')).toBe(false);
  });

  it('yields a valid inventory in the given account, each resource at its logical id line', () => {
    expect(() => validateInventory(parsed.inventory, FILE)).not.toThrow();
    expect(account.id).toBe('222222222222');
    const instance = account.connectInstances[0]!;
    expect(instance.origin).toEqual({ file: FILE, line: lineOf(/^  UatInstance:/), column: 3, declaredAs: 'UatInstance' });
    expect(instance.arn).toBe('arn:aws:connect:us-east-1:222222222222:instance/UatInstance');
    expect(account.s3Buckets[0]!.origin!.line).toBe(lineOf(/^  RecordingsBucket:/));
    expect(account.iamRoles[0]!.origin!.line).toBe(lineOf(/^  ScvS3Role:/));
  });

  it('evaluates !Sub and !Ref of parameters with defaults', () => {
    const instance = account.connectInstances[0]!;
    expect(instance.alias).toBe('acme-uat');
    expect(instance.tags).toEqual({ Environment: 'uat' });
    expect(instance.environment).toBe('uat');
    expect(instance.attributes).toEqual({ INBOUND_CALLS: true, OUTBOUND_CALLS: true, CONTACTFLOW_LOGS: false, CONTACT_LENS: true });
  });

  it('follows !GetAtt/!Ref between resources: storage configs and flows land on their instance', () => {
    const instance = account.connectInstances[0]!;
    expect(instance.storage).toEqual([
      { resourceType: 'CALL_RECORDINGS', storageType: 'S3', s3: { bucket: 'acme-uat-recordings', prefix: 'connect/recordings', kmsKeyId: null }, streamArn: null, origin: { file: FILE, line: lineOf(/^  CallRecordingStorage:/), column: 3, declaredAs: 'CallRecordingStorage' } },
      { resourceType: 'CONTACT_TRACE_RECORDS', storageType: 'KINESIS_STREAM', s3: null, streamArn: 'arn:aws:kinesis:us-east-1:222222222222:stream/acme-uat-ctr', origin: { file: FILE, line: lineOf(/^  CtrStorage:/), column: 3, declaredAs: 'CtrStorage' } },
    ]);
    expect(instance.flows[0]).toMatchObject({ name: 'Inbound main', type: 'CONTACT_FLOW', state: 'ACTIVE' });
    expect(instance.flows[0]!.references[0]!.arn).toBe('arn:aws:lambda:us-east-1:111111111111:function:crm-lookup:PROD');
  });

  it('reads bucket settings and keeps known ARNs in the bucket policy', () => {
    const bucket = account.s3Buckets[0]!;
    expect(bucket.encryption).toEqual({ algorithm: 'AES256', kmsKeyId: null });
    expect(bucket.versioning).toBe('Enabled');
    expect(bucket.publicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect(bucket.policy!.Statement[0]!.Resource).toEqual(['arn:aws:s3:::acme-uat-recordings', 'arn:aws:s3:::acme-uat-recordings/*']);
  });

  it('normalizes a single trust statement into an array; an unset parameter stays null', () => {
    const trust = account.iamRoles[0]!.trustPolicy!;
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]!.Principal).toEqual({ AWS: 'arn:aws:iam::793525387755:root' });
    expect(trust.Statement[0]!.Condition).toEqual({ StringEquals: { 'sts:ExternalId': null } });
  });

  it('reads the same template written as JSON', () => {
    const json = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Join': ['-', ['acme', { Ref: 'AWS::Region' }, 'rec']] } } },
        Stream: { Type: 'AWS::Kinesis::Stream', Properties: { Name: 'ctr' } },
      },
    }, null, 2);
    const r = cloudFormationParser.parse('t.json', json, OPTS);
    const a = r.inventory.aws.accounts[0]!;
    expect(a.s3Buckets[0]!.name).toBe('acme-us-east-1-rec');
    expect(a.s3Buckets[0]!.origin).toEqual({ file: 't.json', line: 4, column: 5, declaredAs: 'Bucket' });
    expect(a.kinesisStreams[0]!.encryption).toBe('NONE');

    // Minified (as some generators write templates): one line, each resource at its logical id's column.
    const minified = JSON.stringify(JSON.parse(json));
    const m = cloudFormationParser.parse('t.min.json', minified, OPTS).inventory.aws.accounts[0]!;
    expect(m.s3Buckets[0]!.origin).toEqual({ file: 't.min.json', line: 1, column: minified.indexOf('\"Bucket\":') + 1, declaredAs: 'Bucket' });
    expect(m.kinesisStreams[0]!.origin).toEqual({ file: 't.min.json', line: 1, column: minified.indexOf('\"Stream\":') + 1, declaredAs: 'Stream' });
  });

  it('rejects unknown tags and missing Resources with file and line', () => {
    expect(() => cloudFormationParser.parse('t.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Bogus x\n', OPTS)).toThrow(ScvGuardError);
    try {
      cloudFormationParser.parse('t.yaml', 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Bogus x\n', OPTS);
    } catch (err) {
      expect((err as ScvGuardError).location).toMatchObject({ file: 't.yaml', line: 5 });
    }
    expect(() => cloudFormationParser.parse('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\n', OPTS)).toThrow(/Resources/);
  });

  it('names the property and the statement at fault of a malformed policy document', () => {
    const template = [
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: sts:AssumeRole',
      '          - Action: sts:AssumeRole',
      '',
    ].join('\n');
    const role = thrown(() => cloudFormationParser.parse('t.yaml', template, OPTS), ScvGuardError);
    expect(role.message).toBe('t.yaml:4: $.Resources.Role.Properties.AssumeRolePolicyDocument: policy document: expected the Statement to have an Effect (at $.Statement[1] of the policy document)');
    const key = thrown(() => cloudFormationParser.parse('k.yaml', 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy: {Statement: {Action: "kms:*"}}\n', OPTS), ScvGuardError);
    expect(key.message).toBe('k.yaml:2: $.Resources.Key.Properties.KeyPolicy: policy document: expected the Statement to have an Effect (at $.Statement of the policy document)');
  });
});
