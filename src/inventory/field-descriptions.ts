/**
 * What each inventory field holds, for the readers of the JSON Schema and of docs/inventory.md
 * (custom-rule authors first). Keys are schema paths as the reference page names them, array
 * levels as `[]` (`aws.accounts[].s3Buckets[].versioning`); a key that starts with `*.` describes
 * every field whose path ends with the rest (`*.origin.file`), for the shapes the schema reuses.
 * An exact key wins over a `*.` key, and a description written inline in ./schema.ts
 * (`described`) wins over a `*.` key; an exact key here and an inline one for the same field
 * is an error. test/inventory/field-descriptions.test.ts
 * checks that every field has exactly one description and that no key here names a missing field.
 */
export const FIELD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  // ------------------------------------------------------------ shapes used in many places
  '*.origin': 'where the resource was declared, for resources read from a file (plan, template, flow export, call center file); absent for collected resources',
  '*.origin.file': 'the input file, as given on the command line',
  '*.origin.line': '1-based line where the declaration starts; null when the file gives no line',
  '*.origin.column': '1-based column on that line; set for JSON input, where a plan may be one line',
  '*.origin.declaredAs': 'the Terraform address (module.x.aws_iam_role.y) or CloudFormation logical id (<stack>/<id> in a nested stack) that declares the resource; finding messages name it',
  '*.tags': 'resource tags as AWS returns them (key → value); `{}` when it has none',
  '*.Version': 'policy language version, e.g. 2012-10-17',
  '*.Id': 'policy id, when the policy has one',
  '*.Statement': 'the statements, always a list (a single statement object is wrapped)',
  '*.Statement[].Sid': 'statement id, when it has one; rules name the statement by it (else by its index)',
  '*.Statement[].Effect': 'Allow or Deny',
  '*.Statement[].Principal': 'the principal as written: `"*"`, or `{AWS | Service | Federated | CanonicalUser: string or list}`',
  '*.Statement[].NotPrincipal': 'every principal except these (same shape as Principal)',
  '*.Statement[].Action': 'action or actions the statement applies to (`sts:AssumeRole`, `s3:*`, ...)',
  '*.Statement[].NotAction': 'every action except these',
  '*.Statement[].Resource': 'resource ARN or ARNs (wildcards as written)',
  '*.Statement[].NotResource': 'every resource except these',
  '*.Statement[].Condition': 'operator → condition key → value(s), as written (`{"StringEquals": {"sts:ExternalId": "..."}}`)',
  '*.BlockPublicAcls': 'S3 rejects requests that add public ACLs',
  '*.IgnorePublicAcls': 'S3 ignores public ACLs',
  '*.BlockPublicPolicy': 'S3 rejects bucket policies that grant public access',
  '*.RestrictPublicBuckets': 'only AWS services and the owner account reach a bucket with a public policy',

  // ------------------------------------------------------------ document root
  schemaVersion: 'inventory format version; always "1" for this schema',
  generatedAt: 'when the inventory was written',
  environments: 'the environments of the estate (from the config, or the environments the sources name)',
  'environments[].name': 'environment name as the config and tags give it (prod, uat, dev, ...)',
  'environments[].tier': 'production or non-production; rules separate the two tiers',
  salesforce: 'everything read from Salesforce',
  'salesforce.orgs': 'the orgs read (production, sandboxes, scratch orgs), live or from call center files',
  aws: 'everything read from AWS',
  'aws.accounts': 'the AWS accounts read, live or the accounts planned files deploy to',
  collection: 'how the inventory was collected: the sources read and the reads that failed',

  // ------------------------------------------------------------ Salesforce
  'salesforce.orgs[].id': '18-character org id (Organization.Id)',
  'salesforce.orgs[].name': 'org name (Organization.Name)',
  'salesforce.orgs[].kind': 'production org, sandbox or scratch org',
  'salesforce.orgs[].environment': 'environment the org belongs to (config or sandbox name); null when none is known',
  'salesforce.orgs[].status': 'deleted: a sandbox the production org lists as deleted, or an org the config marks as gone',
  'salesforce.orgs[].instanceUrl': 'the org\'s My Domain or instance URL; null when not known',
  'salesforce.orgs[].sandbox': 'sandbox lineage (SandboxInfo / SandboxProcess); null for a production or scratch org',
  'salesforce.orgs[].sandbox.name': 'sandbox name as the production org lists it',
  'salesforce.orgs[].sandbox.sourceOrgId': 'org the sandbox was cloned from; null when copied from production',
  'salesforce.orgs[].sandbox.productionOrgId': 'the production org the sandbox belongs to; null when not known',
  'salesforce.orgs[].sandbox.lastCopiedAt': 'when the sandbox was last created or refreshed; null when not known',
  'salesforce.orgs[].awsAccountKey': 'ConversationVendorInfo.AwsAccountKey: the AWS account the org\'s SCV set-up is tied to; null when none',
  'salesforce.orgs[].contactCenters': 'SCV contact centers of the org (CallCenter records with Amazon Connect telephony)',
  'salesforce.orgs[].contactCenters[].id': 'CallCenter record id (or the file\'s internal name for an import file)',
  'salesforce.orgs[].contactCenters[].internalName': 'CallCenter InternalName',
  'salesforce.orgs[].contactCenters[].displayName': 'CallCenter Name as Setup shows it',
  'salesforce.orgs[].contactCenters[].createdAt': 'when the contact center was created; null when not known',
  'salesforce.orgs[].contactCenters[].telephonyModel': 'amazon-connect (SCV with Amazon Connect) or partner-telephony',
  'salesforce.orgs[].contactCenters[].provisioning': 'how the instance was set up: a new instance, an existing one, an XML import, or unknown',
  'salesforce.orgs[].contactCenters[].connect': 'the Amazon Connect instance the contact center uses',
  'salesforce.orgs[].contactCenters[].connect.instanceId': 'reqInstanceId, else the instance id of the relay state (reqRelayState / reqSettingsRelayState); null when not known',
  'salesforce.orgs[].contactCenters[].connect.instanceArn': 'the instance ARN; null when not known',
  'salesforce.orgs[].contactCenters[].connect.region': 'the instance\'s region; null when not known',
  'salesforce.orgs[].contactCenters[].connect.awsAccountId': 'the account of the instance; null when not known',
  'salesforce.orgs[].contactCenters[].roles': 'ARNs of the IAM roles the contact center names (null when it names none)',
  'salesforce.orgs[].contactCenters[].roles.provisioning': 'role Salesforce assumes to provision the instance',
  'salesforce.orgs[].contactCenters[].roles.connectManagement': 'role Salesforce assumes to manage the instance (optional in Salesforce\'s set-up)',
  'salesforce.orgs[].contactCenters[].roles.updateCredential': 'role Salesforce assumes to rotate credentials (used only if given)',
  'salesforce.orgs[].contactCenters[].roles.instanceRecording': 'role that reads call recordings',
  'salesforce.orgs[].contactCenters[].roles.s3': 'role for the recording bucket',

  // ------------------------------------------------------------ AWS accounts
  'aws.accounts[].id': '12-digit account id (000000000000 where `known` is false)',
  'aws.accounts[].name': 'account name (Organizations); null when not known',
  'aws.accounts[].environment': 'environment of the account (config, else the account\'s tags); null when none',
  'aws.accounts[].state': 'ACTIVE, SUSPENDED, CLOSED, ... (Organizations); null when not known',
  'aws.accounts[].connectInstances': 'Amazon Connect instances of the account, in every region read',
  'aws.accounts[].iamRoles': 'IAM roles of the account with their trust policies',
  'aws.accounts[].s3Buckets': 'S3 buckets of the account',
  'aws.accounts[].kinesisStreams': 'Kinesis data streams of the account',
  'aws.accounts[].cloudTrail': 'CloudTrail trails of the account; null when they could not be read',
  'aws.accounts[].cloudTrail.trails': 'the trails the account sees (its own and organization trails)',
  'aws.accounts[].cloudTrail.trails[].name': 'trail name',
  'aws.accounts[].cloudTrail.trails[].arn': 'trail ARN; null when not known',
  'aws.accounts[].cloudTrail.trails[].multiRegion': 'the trail logs every region; null when not known',
  'aws.accounts[].cloudTrail.trails[].organization': 'an organization trail; null when not known',
  'aws.accounts[].cloudTrail.trails[].logging': 'the trail is logging now (GetTrailStatus); null when not known',

  // ------------------------------------------------------------ Connect instances
  'aws.accounts[].connectInstances[].id': 'instance id; a stand-in name (flow-export-ENV) where `known` is false',
  'aws.accounts[].connectInstances[].arn': 'instance ARN (the account is left empty where it is not known)',
  'aws.accounts[].connectInstances[].alias': 'instance alias; null when not known',
  'aws.accounts[].connectInstances[].status': 'ACTIVE, CREATION_FAILED, ...; null when not known',
  'aws.accounts[].connectInstances[].createdAt': 'when the instance was created; null when not known',
  'aws.accounts[].connectInstances[].environment': 'environment of the instance (tag or config), else its account\'s; null when none',
  'aws.accounts[].connectInstances[].storage': 'storage configs (ListInstanceStorageConfigs) for every resource type',
  'aws.accounts[].connectInstances[].storage[].resourceType': 'what is stored: CALL_RECORDINGS, CONTACT_TRACE_RECORDS, MEDIA_STREAMS, CHAT_TRANSCRIPTS, ...',
  'aws.accounts[].connectInstances[].storage[].storageType': 'S3, KINESIS_STREAM, KINESIS_FIREHOSE or KINESIS_VIDEO_STREAM',
  'aws.accounts[].connectInstances[].storage[].s3': 'the S3 target of an S3 config; null for the other storage types',
  'aws.accounts[].connectInstances[].storage[].s3.bucket': 'bucket name',
  'aws.accounts[].connectInstances[].storage[].s3.prefix': 'key prefix; null when none',
  'aws.accounts[].connectInstances[].storage[].s3.kmsKeyId': 'KMS key the instance encrypts the objects with; null when none is set',
  'aws.accounts[].connectInstances[].storage[].streamArn': 'Kinesis stream or Firehose ARN of a KINESIS_STREAM / KINESIS_FIREHOSE config; null otherwise',
  'aws.accounts[].connectInstances[].storage[].kinesisVideo.retentionHours': 'how long the video streams keep data; null when not known',
  'aws.accounts[].connectInstances[].attributes': 'instance attributes (DescribeInstanceAttribute): `{CONTACTFLOW_LOGS: true, ...}`',
  'aws.accounts[].connectInstances[].flows': 'contact flows and flow modules of the instance, with what they reference',
  'aws.accounts[].connectInstances[].flows[].id': 'flow id (or the file name of a flow read from a file)',
  'aws.accounts[].connectInstances[].flows[].arn': 'flow ARN; null when not known',
  'aws.accounts[].connectInstances[].flows[].name': 'flow name',
  'aws.accounts[].connectInstances[].flows[].type': 'CONTACT_FLOW, CUSTOMER_QUEUE, ... or MODULE for flow modules',
  'aws.accounts[].connectInstances[].flows[].state': 'ACTIVE or ARCHIVED; null when not known',
  'aws.accounts[].connectInstances[].flows[].references': 'what the flow calls or transfers to: Lambda functions, flows, modules, Lex bots, queues, prompts',
  'aws.accounts[].connectInstances[].flows[].references[].kind': 'lambda, flow, module, lex, queue, prompt or other',
  'aws.accounts[].connectInstances[].flows[].references[].arn': 'ARN or id the flow points at; a dynamic `$.` value is kept verbatim and marked by `dynamic`',
  'aws.accounts[].connectInstances[].flows[].references[].action': 'flow-language action type that holds the reference, e.g. InvokeLambdaFunction (the module type in older exports)',
  'aws.accounts[].connectInstances[].flows[].references[].dynamic': 'true when the target is computed at run time (`$.Attributes...`): rules cannot resolve it',
  'aws.accounts[].connectInstances[].flows[].secrets': 'literals in the flow that look like credentials (never their values)',
  'aws.accounts[].connectInstances[].flows[].secrets[].action': 'flow-language action type that holds the literal',
  'aws.accounts[].connectInstances[].flows[].secrets[].parameter': 'the parameter that holds it, e.g. Attributes.apiKey',
  'aws.accounts[].connectInstances[].flows[].secrets[].kind': 'aws-access-key, private-key, authorization-header or named-secret; the value itself is never stored',
  'aws.accounts[].connectInstances[].lambdaFunctions': 'ARNs of the Lambda functions associated with the instance (ListLambdaFunctions)',
  'aws.accounts[].connectInstances[].phoneNumbers': 'phone numbers claimed by the instance',
  'aws.accounts[].connectInstances[].phoneNumbers[].number': 'the number in E.164 form',
  'aws.accounts[].connectInstances[].phoneNumbers[].type': 'DID, TOLL_FREE, ...; null when not known',
  'aws.accounts[].connectInstances[].phoneNumbers[].arn': 'phone number ARN; null when not known',
  'aws.accounts[].connectInstances[].integrations': 'integration associations (ListIntegrationAssociations)',
  'aws.accounts[].connectInstances[].integrations[].type': 'IntegrationType: EVENT, APPLICATION, CASES_DOMAIN, WISDOM_ASSISTANT, ...',
  'aws.accounts[].connectInstances[].integrations[].sourceType': 'SourceType, e.g. SALESFORCE or ZENDESK; null when none',

  // ------------------------------------------------------------ IAM, S3, Kinesis
  'aws.accounts[].iamRoles[].arn': 'role ARN',
  'aws.accounts[].iamRoles[].name': 'role name',
  'aws.accounts[].iamRoles[].path': 'role path, e.g. /service-role/',
  'aws.accounts[].iamRoles[].trustPolicy': 'the trust policy (AssumeRolePolicyDocument), decoded; null when it could not be read',
  'aws.accounts[].s3Buckets[].name': 'bucket name',
  'aws.accounts[].s3Buckets[].arn': 'bucket ARN',
  'aws.accounts[].s3Buckets[].region': 'bucket region; null when not known',
  'aws.accounts[].s3Buckets[].environment': 'the bucket\'s own environment (its tag or config mapping), never inherited from the account; null when none',
  'aws.accounts[].s3Buckets[].policy': 'the bucket policy; null when the bucket has none or it could not be read (a failed read is also a collection error)',
  'aws.accounts[].s3Buckets[].publicAccessBlock': 'the bucket\'s own Block Public Access settings; null when none are set',
  'aws.accounts[].s3Buckets[].encryption': 'default encryption; null when not known',
  'aws.accounts[].s3Buckets[].encryption.algorithm': 'AES256 (SSE-S3), aws:kms or aws:kms:dsse; null when none',
  'aws.accounts[].s3Buckets[].encryption.kmsKeyId': 'KMS key of aws:kms encryption; null for the AWS-managed key or none',
  'aws.accounts[].s3Buckets[].versioning': 'Enabled or Suspended; null when never enabled or not known',
  'aws.accounts[].s3Buckets[].acl.grants': 'the ACL grants',
  'aws.accounts[].kinesisStreams[].arn': 'stream ARN',
  'aws.accounts[].kinesisStreams[].name': 'stream name',
  'aws.accounts[].kinesisStreams[].encryption': 'KMS or NONE; null when not known',

  // ------------------------------------------------------------ evidence sections
  'aws.accounts[].cloudFormationStacks[].name': 'stack name; for a template, as its id (the name is chosen at deploy)',
  'aws.accounts[].cloudFormationStacks[].region': 'stack region; null when not known',
  'aws.accounts[].lambdaFunctions[].arn': 'function ARN',
  'aws.accounts[].lambdaFunctions[].name': 'function name',
  'aws.accounts[].lambdaFunctions[].region': 'function region; null when not known',
  'aws.accounts[].lambdaFunctions[].environment': 'environment of the function (tag or config), else its account\'s; null when none',
  'aws.accounts[].lambdaFunctions[].runtime': 'runtime, e.g. nodejs20.x; null for container images or when not known',
  'aws.accounts[].lambdaFunctions[].variables[].name': 'variable name',
  'aws.accounts[].lambdaFunctions[].salesforceOrgId': 'the org id of a SALESFORCE_ORG_ID variable (SCV\'s functions carry it); null when none',
  'aws.accounts[].samlProviders[].arn': 'SAML provider ARN',
  'aws.accounts[].kmsKeys[].accountId': 'the account that owns the key; 000000000000 for a planned key whose account is not known',
  'aws.accounts[].kmsKeys[].region': 'key region; null when not known',
  'aws.accounts[].firehoseStreams[].arn': 'delivery stream ARN',
  'aws.accounts[].firehoseStreams[].name': 'delivery stream name',
  'aws.accounts[].firehoseStreams[].region': 'delivery stream region; null when not known',
  'aws.accounts[].firehoseStreams[].environment': 'environment of the delivery stream (tag or config), else its account\'s; null when none',
  'aws.accounts[].firehoseStreams[].destinations': 'where the stream delivers',

  // ------------------------------------------------------------ collection
  'collection.sources': 'each source read: an AWS account, a Salesforce org or an input file',
  'collection.sources[].kind': 'aws, salesforce or file',
  'collection.sources[].target': 'account id, org alias or file path',
  'collection.sources[].startedAt': 'when reading the source started',
  'collection.sources[].finishedAt': 'when it ended; null when it did not end',
  'collection.errors': 'reads that failed; each becomes an SCV-COLL-001 finding, and rules that read its sections are incomplete for that scope',
  'collection.errors[].source': 'aws, salesforce or file',
  'collection.errors[].target': 'what was being read: account/region/service, org alias or file',
  'collection.errors[].operation': 'the API call or query that failed, as named in docs/iam-policy.json (ListInstances, query CallCenter, ...)',
  'collection.errors[].code': 'error code as the service gave it (AccessDeniedException, INVALID_SESSION_ID, RequestTimeout, ...)',
  'collection.errors[].message': 'error message, with every credential redacted',
};

type Schema = Record<string, unknown>;

export interface DescribedSchema {
  schema: Schema;
  /** Fields that have no description, inline or here (paths as the keys above). */
  undescribed: string[];
  /** Fields described both inline and here: one of the two must go. */
  describedTwice: string[];
  /** Keys above that name no field. */
  unusedKeys: string[];
}

interface TableEntry {
  text: string;
  /** Found by the field's own path, not by a `*.` key. */
  exact: boolean;
}

function descriptionFor(path: string, table: Readonly<Record<string, string>>, used: Set<string>): TableEntry | undefined {
  if (table[path] !== undefined) {
    used.add(path);
    return { text: table[path], exact: true };
  }
  for (const key of Object.keys(table)) {
    if (key.startsWith('*.') && (path.endsWith(key.slice(1)) || path === key.slice(2))) {
      used.add(key);
      return { text: table[key]!, exact: false };
    }
  }
  return undefined;
}

/**
 * A copy of `schema` whose properties carry their descriptions from `table` (the schema's
 * sub-schemas are shared between paths, so nothing is changed in place).
 */
export function withFieldDescriptions(schema: Schema, table: Readonly<Record<string, string>> = FIELD_DESCRIPTIONS): DescribedSchema {
  const used = new Set<string>();
  const undescribed: string[] = [];
  const describedTwice: string[] = [];
  const walk = (path: string, s: Schema): Schema => {
    if (s['type'] === 'array' && s['items'] && typeof s['items'] === 'object') {
      return { ...s, items: walk(`${path}[]`, s['items'] as Schema) };
    }
    const properties = s['properties'];
    if (!properties || typeof properties !== 'object') return s;
    const described: Record<string, Schema> = {};
    for (const [name, child] of Object.entries(properties as Record<string, Schema>)) {
      const childPath = path === '' ? name : `${path}.${name}`;
      const fromTable = descriptionFor(childPath, table, used);
      const inline = typeof child['description'] === 'string';
      if (inline && fromTable?.exact) describedTwice.push(childPath);
      if (!inline && fromTable === undefined) undescribed.push(childPath);
      const next = walk(childPath, child);
      described[name] = inline || fromTable === undefined ? next : { ...next, description: fromTable.text };
    }
    return { ...s, properties: described };
  };
  const result = walk('', schema);
  return { schema: result, undescribed, describedTwice, unusedKeys: Object.keys(table).filter((k) => !used.has(k)) };
}
