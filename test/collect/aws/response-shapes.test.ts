/**
 * AWS answers not in the documented shape are collection errors (cause invalid-response) naming
 * the operation and the sections it feeds, never an empty list or a dropped entry. One malformed
 * answer per operation the collectors send, through the real SDK clients against the local server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATION_SECTIONS } from '../../../src/collect/aws/causes.js';
import { collectAws } from '../../../src/collect/aws/index.js';
import { OPERATION_ACTIONS, type CollectorOperation } from '../../../src/collect/aws/permissions.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate, type Estate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../../support/aws-server/server.js';

const PROD = '111111111111';
const EVIDENCE = '333333333333';
const INSTANCE_ARN = `arn:aws:connect:us-east-1:${PROD}:instance/11111111-aaaa-4bbb-8ccc-000000000001`;

let server: AwsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Malformed {
  operation: CollectorOperation;
  /** What the server answers instead of the fixture: a value as JSON, a string as the protocol's XML. */
  answer?: unknown;
  /** Or: the fixture changed before the server starts. */
  edit?: (estate: Estate) => void;
  /** The error's message; a pattern for the SDK's own parse errors. */
  message: string | RegExp;
  code?: string;
  account?: string;
  /** The call is sent only when accounts are discovered through Organizations. */
  discover?: boolean;
}

const xmlQuery = (operation: string, result: string) => `<${operation}Response><${operation}Result>${result}</${operation}Result></${operation}Response>`;

const CASES: Malformed[] = [
  { operation: 'sts:GetCallerIdentity', answer: xmlQuery('GetCallerIdentity', '<Arn>arn:aws:sts::111111111111:assumed-role/r/s</Arn><UserId>u</UserId>'), message: 'GetCallerIdentity answered without Account (expected a string)' },
  { operation: 'organizations:ListAccounts', discover: true, answer: { Accounts: [{ Name: 'no id' }] }, message: 'ListAccounts answered with an account without Id; left out' },
  { operation: 'organizations:ListTagsForResource', discover: true, answer: { Tags: 'Environment=prod' }, message: 'ListTagsForResource answered with Tags that is a string, not a list' },
  { operation: 'organizations:DescribeOrganization', answer: { Organization: { MasterAccountId: PROD } }, message: 'DescribeOrganization answered without Organization.Id (expected a string)' },
  { operation: 'connect:ListInstances', answer: { InstanceSummaryList: 'notalist' }, message: 'ListInstances answered with InstanceSummaryList that is a string, not a list' },
  { operation: 'connect:DescribeInstance', answer: {}, message: 'DescribeInstance answered without Instance (expected an object)' },
  {
    operation: 'connect:ListInstanceStorageConfigs',
    answer: { StorageConfigs: [{ StorageType: 'S3', S3Config: { BucketName: 7 } }] },
    message: 'ListInstanceStorageConfigs answered with a storage config whose S3Config.BucketName is a number, not a string; left out',
  },
  { operation: 'connect:ListInstanceAttributes', answer: { Attributes: { CONTACT_LENS: 'true' } }, message: 'ListInstanceAttributes answered with Attributes that is an object, not a list' },
  { operation: 'connect:ListContactFlows', answer: { ContactFlowSummaryList: [{ Name: 'Inbound', Arn: `${INSTANCE_ARN}/contact-flow/x` }] }, message: 'ListContactFlows answered with a flow summary without Id; left out' },
  { operation: 'connect:DescribeContactFlow', answer: { ContactFlow: 'Inbound' }, message: 'DescribeContactFlow answered with ContactFlow that is a string, not an object' },
  { operation: 'connect:ListContactFlowModules', answer: { ContactFlowModulesSummaryList: [{ Id: 'm-1' }] }, message: 'ListContactFlowModules answered with a flow module summary without Arn; left out' },
  { operation: 'connect:DescribeContactFlowModule', answer: { ContactFlowModule: { Content: { Actions: [] } } }, message: 'DescribeContactFlowModule answered with ContactFlowModule.Content that is an object, not a string' },
  { operation: 'connect:ListLambdaFunctions', answer: { LambdaFunctions: [42] }, message: 'ListLambdaFunctions answered with a function ARN that is a number, not a string; left out' },
  { operation: 'connect:ListPhoneNumbersV2', answer: { ListPhoneNumbersSummaryList: [{ PhoneNumberArn: 'arn:x' }] }, message: 'ListPhoneNumbersV2 answered with a phone number without PhoneNumber; left out' },
  { operation: 'connect:ListIntegrationAssociations', answer: { IntegrationAssociationSummaryList: [{ IntegrationArn: 'arn:x' }] }, message: 'ListIntegrationAssociations answered with an integration association without IntegrationType; left out' },
  { operation: 'connect:ListApprovedOrigins', answer: { Origins: [{ Url: 'https://x' }] }, message: 'ListApprovedOrigins answered with an origin that is an object, not a string; left out' },
  { operation: 'iam:ListRoles', answer: xmlQuery('ListRoles', '<Roles><member><RoleName>r</RoleName></member></Roles><IsTruncated>false</IsTruncated>'), message: 'ListRoles answered with a role without Arn; left out' },
  {
    operation: 'iam:ListRoles',
    edit: (estate) => {
      estate.get(PROD)!.iam.ListRoles.Roles[0]!.AssumeRolePolicyDocument = '%7B%22Version%22%3A%222012-10-17%22';
    },
    code: 'InvalidPolicyDocument',
    message: 'trust policy: policy document: invalid JSON: expected "}" at end of input (at line 1, column 24 of the policy document)',
  },
  { operation: 'iam:ListRoles', answer: '<ListRolesResponse><ListRolesResult><Roles>', message: /^@aws-sdk XML parse error: .*Deserialization error/ },
  { operation: 'iam:ListRoleTags', answer: xmlQuery('ListRoleTags', '<Tags><member><Value>prod</Value></member></Tags><IsTruncated>false</IsTruncated>'), message: 'ListRoleTags answered with a tag without Key; left out' },
  { operation: 'iam:ListSAMLProviders', answer: xmlQuery('ListSAMLProviders', '<SAMLProviderList><member><ValidUntil>2030-01-01T00:00:00Z</ValidUntil></member></SAMLProviderList>'), message: 'ListSAMLProviders answered with a SAML provider without Arn; left out' },
  { operation: 's3:ListBuckets', answer: '<ListAllMyBucketsResult><Buckets><Bucket><CreationDate>2020-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>', message: 'ListBuckets answered with a bucket without Name; left out' },
  { operation: 's3:GetBucketTagging', answer: '<Tagging><TagSet><Tag><Value>prod</Value></Tag></TagSet></Tagging>', message: 'GetBucketTagging answered with a tag without Key; left out' },
  { operation: 's3:GetBucketPolicy', answer: '{"Version": "2012-10-17", "Statement": 42', code: 'InvalidPolicyDocument', message: 'policy document: invalid JSON: expected "}" at end of input (at line 1, column 42 of the policy document)' },
  { operation: 's3:GetBucketPolicy', answer: '', message: 'GetBucketPolicy answered without Policy (expected a string)' },
  {
    operation: 's3:GetPublicAccessBlock',
    answer: '<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlockConfiguration>',
    message: 's3:GetPublicAccessBlock answered without PublicAccessBlockConfiguration.IgnorePublicAcls (expected a boolean)',
  },
  { operation: 's3:GetBucketEncryption', answer: '<ServerSideEncryptionConfiguration></ServerSideEncryptionConfiguration>', message: 'GetBucketEncryption answered without ServerSideEncryptionConfiguration.Rules (expected a list of objects)' },
  {
    operation: 's3:GetBucketAcl',
    answer: '<AccessControlPolicy><Owner><ID>o</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>x</ID></Grantee></Grant></AccessControlList></AccessControlPolicy>',
    message: 'GetBucketAcl answered with a grant without Permission; left out',
  },
  { operation: 's3:GetBucketOwnershipControls', answer: '<OwnershipControls></OwnershipControls>', message: 'GetBucketOwnershipControls answered without OwnershipControls.Rules (expected a list of objects)' },
  { operation: 's3control:GetPublicAccessBlock', answer: '', message: 's3control:GetPublicAccessBlock answered without PublicAccessBlockConfiguration (expected an object)' },
  { operation: 'cloudtrail:DescribeTrails', answer: { trailList: 'acme-trail' }, message: 'DescribeTrails answered with trailList that is a string, not a list' },
  { operation: 'cloudtrail:GetTrailStatus', answer: { IsLogging: 'yes' }, message: 'GetTrailStatus answered with IsLogging that is a string, not a boolean' },
  { operation: 'kinesis:DescribeStreamSummary', answer: { StreamDescriptionSummary: 3 }, message: 'DescribeStreamSummary answered with StreamDescriptionSummary that is a number, not an object' },
  { operation: 'cloudformation:DescribeStacks', answer: xmlQuery('DescribeStacks', '<Stacks><member><StackName>s</StackName></member></Stacks>'), message: 'DescribeStacks answered with a stack without StackId; left out' },
  { operation: 'lambda:ListFunctions', answer: { Functions: [{ FunctionName: 'f' }] }, message: 'ListFunctions answered with a function without FunctionArn; left out' },
  { operation: 'lambda:ListTags', answer: { Tags: ['Environment'] }, message: 'ListTags answered with Tags that is a list, not an object of strings' },
  { operation: 'kms:DescribeKey', answer: '{"KeyMetadata": ', message: /^Unexpected end of JSON input Deserialization error/ },
  { operation: 'kms:DescribeKey', answer: { KeyMetadata: { KeyId: 'k-1' } }, message: 'DescribeKey answered without KeyMetadata.Arn (expected a string)' },
  { operation: 'kms:GetKeyPolicy', answer: { Policy: { Version: '2012-10-17' } }, message: 'GetKeyPolicy answered with Policy that is an object, not a string' },
  { operation: 'firehose:DescribeDeliveryStream', account: EVIDENCE, answer: { DeliveryStreamDescription: { Destinations: 'S3' } }, message: 'DescribeDeliveryStream answered with DeliveryStreamDescription.Destinations that is a string, not a list of objects' },
];

/** Operations whose answer has no shape to break on the wire: every value S3's XML can carry there is a valid one. */
const NOTHING_TO_BREAK: Partial<Record<CollectorOperation, string>> = {
  's3:GetBucketLocation': 'LocationConstraint is optional text',
  's3:GetBucketVersioning': 'Status is optional text',
};

/** The operation name as the collectors record it: S3's and S3 Control's GetPublicAccessBlock with their service. */
const recordedAs = (operation: CollectorOperation) => (operation.endsWith(':GetPublicAccessBlock') ? operation : operation.slice(operation.indexOf(':') + 1));

async function collectWith(c: Malformed) {
  const estate = loadFixtureEstate();
  c.edit?.(estate);
  const [service, operation] = c.operation.split(':') as [string, string];
  const account = c.account ?? PROD;
  server = await startAwsServer({
    estate,
    accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT },
    faults: c.answer === undefined ? [] : [{ kind: 'respond', service, operation, account, body: c.answer }],
  });
  return collectAws(localConfig(server, [{ id: account }], c.discover ? { organizations: { discover: true, environment: 'dev' } } : {}), localOptions());
}

describe('malformed AWS answers', () => {
  it('cover every operation the collectors send', () => {
    const covered = new Set([...CASES.map((c) => c.operation), ...Object.keys(NOTHING_TO_BREAK)]);
    expect(Object.keys(OPERATION_ACTIONS).filter((op) => !covered.has(op))).toEqual([]);
  });

  it.each(CASES.map((c) => [`${c.operation}: ${c.message}`, c] as const))('%s', async (_, c) => {
    const inventory = await collectWith(c);
    const errors = inventory.collection.errors.filter((e) => e.operation === recordedAs(c.operation) && e.code === (c.code ?? 'InvalidResponse'));
    expect(errors.map((e) => e.message)).toContainEqual(typeof c.message === 'string' ? c.message : expect.stringMatching(c.message));
    expect(errors[0]).toMatchObject({ source: 'aws', cause: 'invalid-response', sections: [...OPERATION_SECTIONS[c.operation]] });
    expect(errors[0]!.target.startsWith(`${c.account ?? PROD}/`)).toBe(true);
  });
});

describe('what a malformed answer leaves behind', () => {
  it('an instance summary without an Arn is left out with its error; nothing else is invented', async () => {
    const inventory = await collectWith({
      operation: 'connect:ListInstances',
      edit: (estate) => delete estate.get(PROD)!.regions['us-east-1']!.connect.ListInstances.InstanceSummaryList[0]!.Arn,
      message: '',
    });
    expect(inventory.aws.accounts[0]!.connectInstances).toEqual([]);
    expect(inventory.collection.errors).toEqual([
      expect.objectContaining({ operation: 'ListInstances', code: 'InvalidResponse', message: 'ListInstances answered with an instance summary without Arn; left out' }),
    ]);
  });

  it('a malformed answer leaves its field unknown, not empty: trails, stream encryption, trust policies', async () => {
    const trails = await collectWith({ operation: 'cloudtrail:DescribeTrails', answer: { trailList: 'acme-trail' }, message: '' });
    expect(trails.aws.accounts[0]!.cloudTrail).toBeNull();
    const streams = await collectWith({ operation: 'kinesis:DescribeStreamSummary', answer: { StreamDescriptionSummary: { StreamName: 's', EncryptionType: 1 } }, message: '' });
    expect(streams.aws.accounts[0]!.kinesisStreams.every((s) => s.encryption === null)).toBe(true);
    expect(streams.collection.errors.filter((e) => e.operation === 'DescribeStreamSummary').map((e) => e.message)).toContain(
      'DescribeStreamSummary answered with StreamDescriptionSummary.EncryptionType that is a number, not a string',
    );
  });

  it('well-formed entries beside a malformed one are kept', async () => {
    const flowsOf = (estate: Estate) => Object.values(estate.get(PROD)!.regions['us-east-1']!.connect.instances)[0]!.ListContactFlows.ContactFlowSummaryList;
    const inventory = await collectWith({
      operation: 'connect:ListContactFlows',
      edit: (estate) => {
        flowsOf(estate)[1]!.Arn = 17;
      },
      message: '',
    });
    const flows = inventory.aws.accounts[0]!.connectInstances[0]!.flows.filter((f) => f.type !== 'MODULE');
    expect(flows).toHaveLength(flowsOf(loadFixtureEstate()).length - 1);
    expect(inventory.collection.errors.map((e) => e.message)).toEqual(['ListContactFlows answered with a flow summary whose Arn is a number, not a string; left out']);
  });
});
