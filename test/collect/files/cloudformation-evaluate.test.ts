import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloudFormationParser, readParameterFile } from '../../../src/collect/files/cloudformation/index.js';
import type { ParseOptions } from '../../../src/collect/files/types.js';
import { ScvGuardError } from '../../../src/errors.js';
import type { AwsAccount } from '../../../src/inventory/types.js';
import { validateInventory } from '../../../src/inventory/validate.js';
import { thrown } from '../../support/thrown.js';

const FILE = 'fixtures/cloudformation/conditional-stack.yaml';
const NESTED = 'fixtures/cloudformation/nested/storage.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const OPTS: ParseOptions = { generatedAt: '2026-11-20T09:12:44Z', region: 'us-east-1', accountId: '222222222222' };
const lineOf = (text: string, pattern: RegExp): number => text.split('\n').findIndex((l) => pattern.test(l)) + 1;

function read(opts: ParseOptions = OPTS, text = TEXT, file = FILE): { account: AwsAccount; notices: string[] } {
  const parsed = cloudFormationParser.parse(file, text, opts);
  validateInventory(parsed.inventory, file);
  expect(parsed.inventory.aws.accounts).toHaveLength(1);
  return { account: parsed.inventory.aws.accounts[0]!, notices: parsed.notices ?? [] };
}
const given = (values: Record<string, string | null>): ParseOptions => ({ ...OPTS, parameters: new Map(Object.entries(values)) });
const BUCKET = 'acme-uat-recordings-us-east-1-222222222222';

describe('CloudFormation as CloudFormation evaluates it', () => {
  it('applies parameter defaults, Fn::FindInMap, Fn::Sub with pseudo parameters and variables, Fn::Select and Fn::Split', () => {
    const bucket = read().account.s3Buckets.find((b) => b.name === BUCKET)!;
    expect(bucket).toBeDefined();
    expect(bucket.tags).toEqual({ Environment: 'uat', FirstSubnet: 'subnet-a', Zone: 'b' });
    expect(bucket.environment).toBe('uat');
  });

  it('removes a property or list element that is AWS::NoValue, and keeps the chosen branch of Fn::If', () => {
    const uat = read().account.s3Buckets.find((b) => b.name === BUCKET)!;
    expect(uat.versioning).toBeNull();
    const prod = read(given({ Stage: 'prod', Realm: 'GOV' })).account.s3Buckets.find((b) => b.name === 'acme-prod-recordings-us-east-1-222222222222')!;
    expect(prod.versioning).toBe('Enabled');
    expect(prod.tags).toEqual({ Environment: 'prod', Realm: 'gov', FirstSubnet: 'subnet-a', Zone: 'b' });
  });

  it('skips a resource whose condition is false and reads it when the condition holds', () => {
    expect(read().account.kinesisStreams.map((s) => s.name)).not.toContain('acme-prod-ctr');
    expect(read(given({ Realm: 'GOV' })).account.kinesisStreams.map((s) => s.name)).toContain('acme-prod-ctr');
    // Fn::And of a false condition is false whatever else is unknown.
    expect(read(given({ Stage: 'prod' })).account.iamRoles.map((r) => r.name)).not.toContain('acme-prod-SCVS3Role');
  });

  it('reads a resource whose condition is not known; Fn::If on it yields both branches in a list and null as a scalar', () => {
    // SalesforceAccountId has no value: TrustsSalesforce (and UatAndTrusted) are not known.
    const role = read().account.iamRoles.find((r) => r.name === 'acme-uat-SCVS3Role')!;
    expect(role).toBeDefined();
    expect(role.origin).toEqual({ file: FILE, line: lineOf(TEXT, /^  SalesforceRole:/), column: 3, declaredAs: 'SalesforceRole' });
    // The trust statement may or may not be deployed: it is there, its unknown principal left out.
    expect(role.trustPolicy!.Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: {} },
      { Effect: 'Allow', Action: 'sts:AssumeRoleWithSAML', Principal: { Federated: 'arn:aws:iam::222222222222:saml-provider/commercial' } },
    ]);
    // A tag whose value depends on the unknown condition is not known, so not there.
    expect(role.tags).toEqual({});
  });

  it('evaluates the condition once the parameter has a value (--parameters)', () => {
    const role = read(given({ SalesforceAccountId: '793525387755' })).account.iamRoles.find((r) => r.name === 'acme-uat-SCVS3Role')!;
    expect(role.trustPolicy!.Statement[0]).toEqual({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::793525387755:root' } });
    expect(role.tags).toEqual({ Audience: 'salesforce' });
    // An empty account id makes TrustsSalesforce false: the statement is removed, not left empty.
    const none = read(given({ SalesforceAccountId: '' })).account.iamRoles.find((r) => r.name === 'acme-uat-SCVS3Role');
    expect(none).toBeUndefined(); // UatAndTrusted is false: the role itself is not deployed
  });

  it('gives a SAM function without Role its generated execution role, trusted by Lambda', () => {
    const roles = read().account.iamRoles;
    const generated = roles.find((r) => r.name === 'TranscribeFunctionRole')!;
    expect(generated.trustPolicy!.Statement).toEqual([{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['lambda.amazonaws.com'] } }]);
    expect(generated.origin!.line).toBe(lineOf(TEXT, /^  TranscribeFunction:/));
    // A function with a Role uses that role: no role is created for it.
    expect(roles.some((r) => r.name === 'SyncFunctionRole')).toBe(false);
  });

  it('reads a flow whose instance is a parameter into the placeholder instance, with its content analysed', () => {
    const instances = read().account.connectInstances;
    const placeholder = instances.find((i) => i.flows.some((f) => f.name === 'Inbound'))!;
    expect(placeholder.id).toBe('flow-export-unknown');
    expect(placeholder.origin).toBeUndefined();
    expect(placeholder.flows[0]!.references).toEqual([
      { kind: 'lambda', arn: 'arn:aws:lambda:us-east-1:111111111111:function:crm-lookup', action: 'InvokeLambdaFunction', actionId: 'a1' },
    ]);
    // With the instance given, the flow lands on that instance.
    const arn = 'arn:aws:connect:us-east-1:222222222222:instance/1d3e7a10-0000-4000-8000-000000000001';
    const onInstance = read(given({ InstanceArn: arn })).account.connectInstances.find((i) => i.arn === arn)!;
    expect(onInstance.flows.map((f) => f.name)).toEqual(['Inbound']);
  });

  it('reads a local nested stack as a template of its own, with the parameters the stack passes', () => {
    const { account, notices } = read();
    const nestedText = readFileSync(NESTED, 'utf8');
    const stream = account.kinesisStreams.find((s) => s.name === 'acme-uat-ctr')!;
    expect(stream).toMatchObject({ encryption: 'KMS', origin: { file: NESTED, line: lineOf(nestedText, /^  CtrStream:/), column: 3 } });
    // The nested bucket policy attaches to the parent's bucket, named through the stack parameter.
    const bucket = account.s3Buckets.find((b) => b.name === BUCKET)!;
    expect(bucket.policy!.Statement[0]!.Resource).toEqual([`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`]);
    // A remote template is named in a notice, not read and no error.
    expect(notices).toEqual([
      `${FILE}:${lineOf(TEXT, /^  Alarms:/)}: nested stack Alarms is read from https://example-bucket.s3.amazonaws.com/alarms.yaml, not a local file: its resources are not checked here (scan that template with its own --plan)`,
    ]);
  });

  it('rejects a nested stack whose local template is missing or includes itself, naming the stack line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-cfn-'));
    const loop = join(dir, 'loop.yaml');
    writeFileSync(loop, 'Resources:\n  Self:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./loop.yaml\n');
    expect(thrown(() => cloudFormationParser.parse(loop, readFileSync(loop, 'utf8'), OPTS), ScvGuardError).message).toBe(`${loop}:2: nested stack Self: ./loop.yaml includes itself`);
    const missing = 'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n';
    expect(thrown(() => cloudFormationParser.parse(join(dir, 'p.yaml'), missing, OPTS), ScvGuardError).message).toMatch(/p\.yaml:2: nested stack Child: template .*child\.yaml does not exist$/);
  });

  it('names the resource and its line when a condition or mapping is wrong', () => {
    const undeclared = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: Nope\n';
    expect(thrown(() => cloudFormationParser.parse('t.yaml', undeclared, OPTS), ScvGuardError).message).toBe('t.yaml:2: resource B: condition Nope is not declared under Conditions');
    const badMap = 'Mappings:\n  M:\n    a: {b: c}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !FindInMap [M, a, z]\n';
    expect(thrown(() => cloudFormationParser.parse('t.yaml', badMap, OPTS), ScvGuardError).message).toBe('t.yaml:5: resource B: Fn::FindInMap: mapping M has no a.z');
    const loop = 'Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  X:\n    Type: AWS::S3::Bucket\n    Condition: A\n';
    expect(thrown(() => cloudFormationParser.parse('t.yaml', loop, OPTS), ScvGuardError).message).toMatch(/t\.yaml:5: resource X: condition [AB] depends on itself/);
  });

  it('keeps ${!Literal} in Fn::Sub and leaves a value null when any part is not known', () => {
    const t = 'Parameters:\n  P:\n    Type: String\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "x-${!Literal}"\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "y-${P}"\n';
    const names = read(OPTS, t, 't.yaml').account.s3Buckets.map((b) => b.name);
    expect(names).toEqual(['x-${Literal}', 'B']);
  });
});

describe('CloudFormation parameters file (--parameters)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scv-params-'));
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('reads the aws cloudformation list form and the {"Parameters": {...}} form', () => {
    const list = write('list.json', JSON.stringify([
      { ParameterKey: 'Stage', ParameterValue: 'prod' },
      { ParameterKey: 'Subnets', ParameterValue: 'subnet-x,subnet-y' },
      { ParameterKey: 'Kept', UsePreviousValue: true },
    ], null, 2));
    expect(readParameterFile(list)).toEqual(new Map<string, string | null>([['Stage', 'prod'], ['Subnets', 'subnet-x,subnet-y'], ['Kept', null]]));
    const object = write('object.json', JSON.stringify({ Parameters: { Stage: 'prod', Shards: 2, Subnets: ['subnet-x', 'subnet-y'] } }));
    expect(readParameterFile(object)).toEqual(new Map([['Stage', 'prod'], ['Shards', '2'], ['Subnets', 'subnet-x,subnet-y']]));
  });

  it('rejects other shapes and bad JSON naming the file and line', () => {
    const noValue = write('novalue.json', '[\n  {"ParameterKey": "Stage", "ParameterValue": "prod"},\n  {"ParameterKey": "Realm"}\n]\n');
    expect(thrown(() => readParameterFile(noValue), ScvGuardError).message).toBe(`${noValue}:3: parameter Realm: expected a ParameterValue (or UsePreviousValue: true)`);
    const nested = write('nested.json', '{"Parameters": {\n  "Stage": {"Value": "prod"}\n}}\n');
    expect(thrown(() => readParameterFile(nested), ScvGuardError).message).toBe(`${nested}:2: expected a parameter value (a string, number, boolean or list of them)`);
    const other = write('other.json', '{"Stage": "prod"}');
    expect(thrown(() => readParameterFile(other), ScvGuardError).message).toMatch(/other\.json:1: expected a CloudFormation parameters file/);
    const broken = write('broken.json', '[\n{"ParameterKey": "Stage",\n');
    expect(thrown(() => readParameterFile(broken), ScvGuardError).code).toBe('input-parse');
    expect(thrown(() => readParameterFile(join(dir, 'absent.json')), ScvGuardError).message).toMatch(/absent\.json: cannot read parameters file/);
  });
});
