/**
 * JSON Schema of scv-guard.yaml (DESIGN.md "Config"). Every object is closed
 * (`additionalProperties: false`), so a misspelt key is an error with its path rather than a
 * silently ignored setting. Salesforce auth is a discriminated union on `method`.
 */
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SEVERITIES, FAIL_ON_VALUES } from '../findings/severity.js';
import { FORMATS } from '../report/types.js';
import { getOwn, setOwn } from '../own-properties.js';

const AWS_SERVICES = ['connect', 'iam', 's3', 'sts', 'organizations', 'cloudtrail', 'kinesis', 'cloudformation', 'lambda', 'kms', 'firehose', 's3control'] as const;

const nonEmptyString = { type: 'string', minLength: 1 } as const;
const stringList = { type: 'array', items: nonEmptyString } as const;
const ruleId = { type: 'string', pattern: '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$' } as const;

function closed(properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> {
  return { type: 'object', properties, required, additionalProperties: false };
}

const milliseconds = { type: 'integer', minimum: 1 } as const;
const timeouts = closed({ connectMs: milliseconds, requestMs: milliseconds, collectionMs: milliseconds });

const serviceMap = (value: Record<string, unknown>) => ({
  type: 'object',
  propertyNames: { enum: [...AWS_SERVICES] },
  additionalProperties: value,
});

export const CONFIG_SCHEMA = closed({
  environments: {
    type: 'array',
    items: closed({ name: nonEmptyString, tier: { enum: ['production', 'non-production'] } }, ['name', 'tier']),
  },
  salesforce: closed(
    {
      apiVersion: { type: 'string', pattern: '^\\d+\\.\\d$' },
      timeouts,
      orgs: {
        type: 'array',
        items: closed(
          {
            alias: nonEmptyString,
            environment: nonEmptyString,
            production: { type: 'boolean' },
            loginUrl: { type: 'string', format: 'uri' },
            auth: {
              type: 'object',
              required: ['method'],
              discriminator: { propertyName: 'method' },
              oneOf: [
                closed(
                  {
                    method: { const: 'jwt' },
                    clientId: nonEmptyString,
                    username: nonEmptyString,
                    privateKeyFile: nonEmptyString,
                    loginUrl: { type: 'string', format: 'uri' },
                  },
                  ['method', 'clientId', 'username', 'privateKeyFile'],
                ),
                closed(
                  {
                    method: { const: 'refresh-token' },
                    clientId: nonEmptyString,
                    clientSecret: nonEmptyString,
                    refreshToken: nonEmptyString,
                    loginUrl: { type: 'string', format: 'uri' },
                  },
                  ['method', 'clientId', 'refreshToken'],
                ),
                closed(
                  {
                    method: { const: 'access-token' },
                    instanceUrl: { type: 'string', format: 'uri' },
                    accessToken: nonEmptyString,
                  },
                  ['method', 'instanceUrl', 'accessToken'],
                ),
              ],
            },
          },
          ['alias', 'auth'],
        ),
      },
    },
    ['orgs'],
  ),
  aws: closed({
    regions: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' }, minItems: 1 },
    endpoints: serviceMap({ type: 'string', format: 'uri' }),
    rateLimits: serviceMap({ type: 'number', exclusiveMinimum: 0 }),
    concurrency: { type: 'integer', minimum: 1 },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
    timeouts,
    organizations: closed({ discover: { type: 'boolean' }, environment: nonEmptyString }, ['discover']),
    accounts: {
      type: 'array',
      items: closed(
        {
          id: { type: 'string', pattern: '^\\d{12}$' },
          name: nonEmptyString,
          environment: nonEmptyString,
          profile: nonEmptyString,
          assumeRole: closed(
            {
              roleArn: { type: 'string', pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/.+$' },
              externalId: nonEmptyString,
              sessionName: nonEmptyString,
            },
            ['roleArn'],
          ),
          regions: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' }, minItems: 1 },
        },
        ['id'],
      ),
    },
  }),
  policies: closed({
    paths: stringList,
    include: { type: 'array', items: ruleId },
    exclude: { type: 'array', items: ruleId },
    severity: { type: 'object', propertyNames: ruleId, additionalProperties: { enum: [...SEVERITIES] } },
  }),
  settings: { type: 'object' },
  waivers: {
    type: 'array',
    items: closed(
      {
        rule: ruleId,
        resource: nonEmptyString,
        reason: nonEmptyString,
        expires: { type: 'string', format: 'date' },
        environment: nonEmptyString,
      },
      ['rule', 'resource', 'reason', 'expires'],
    ),
  },
  flowParameters: {
    type: 'object',
    additionalProperties: { type: 'object', propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9]*$' }, additionalProperties: nonEmptyString },
  },
  report: closed({
    formats: { type: 'array', items: { enum: [...FORMATS] }, minItems: 1 },
    outputDir: nonEmptyString,
    failOn: { enum: [...FAIL_ON_VALUES] },
    scope: { type: 'string', pattern: '^[A-Za-z0-9._-]+$' },
  }),
});

// ajv-formats ships CommonJS; under NodeNext its default export is the module object.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const ajv = new Ajv({ allErrors: true, discriminator: true, strict: true, strictRequired: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validateConfig = ajv.compile(CONFIG_SCHEMA);

type SchemaNode = {
  enum?: readonly unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  discriminator?: { propertyName: string };
};

/**
 * The document with every value the schema restricts to a set of words (`failOn: HIGH`,
 * `formats: [SARIF]`, `tier: Production`, severity overrides, the auth `method`) written as the
 * schema spells it: enum values are case-insensitive. Other values are left as they are.
 */
export function normalizeEnumCase(doc: unknown): unknown {
  return normalize(CONFIG_SCHEMA as SchemaNode, doc);
}

function matchCase(value: string, allowed: readonly unknown[]): string {
  const lower = value.toLowerCase();
  const match = allowed.find((a) => typeof a === 'string' && a.toLowerCase() === lower);
  return typeof match === 'string' ? match : value;
}

function normalize(schema: SchemaNode | undefined, value: unknown): unknown {
  if (schema === undefined) return value;
  if (typeof value === 'string') {
    if (schema.enum) return matchCase(value, schema.enum);
    if (schema.const !== undefined) return matchCase(value, [schema.const]);
    return value;
  }
  if (Array.isArray(value)) return schema.items ? value.map((v) => normalize(schema.items, v)) : value;
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (schema.discriminator && schema.oneOf) {
    // The discriminating key first (`method: JWT` → `jwt`), then the branch it selects.
    const key = schema.discriminator.propertyName;
    const branches = schema.oneOf;
    const tag = record[key];
    const chosen = typeof tag === 'string' ? branches.find((b) => matchCase(tag, [b.properties?.[key]?.const]) === b.properties?.[key]?.const) : undefined;
    return chosen ? normalize(chosen, record) : record;
  }
  // Keys come from the document: own properties only (`__proto__` stays an ordinary key).
  const out: Record<string, unknown> = {};
  const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const [k, v] of Object.entries(record)) {
    const property = schema.properties !== undefined ? getOwn(schema.properties, k) : undefined;
    setOwn(out, k, normalize((property as SchemaNode | undefined) ?? extra, v));
  }
  return out;
}

/** One schema violation: the key path (`aws.accounts[1].id`), its segments, and the problem. */
export interface ConfigIssue {
  path: string;
  segments: (string | number)[];
  message: string;
}

/** Validates a parsed config document; returns every violation, most specific first. */
export function checkConfigShape(doc: unknown): ConfigIssue[] {
  if (validateConfig(doc)) return [];
  const issues = (validateConfig.errors ?? []).map(issueOf).filter((i): i is ConfigIssue => i !== null);
  // oneOf/discriminator noise: keep one message per path, unknown keys first.
  const seen = new Set<string>();
  const unique: ConfigIssue[] = [];
  for (const issue of issues) {
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(issue);
    }
  }
  return unique;
}

export function formatKeyPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === '' ? '(root)' : out;
}

function segmentsOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function issueOf(err: ErrorObject): ConfigIssue | null {
  const segments = segmentsOf(err.instancePath);
  const at = (extra: (string | number)[], message: string): ConfigIssue => {
    const all = [...segments, ...extra];
    return { path: formatKeyPath(all), segments: all, message };
  };
  const params = err.params as Record<string, unknown>;
  if (err.propertyName !== undefined) {
    const what = err.keyword === 'enum'
      ? `unknown key: expected one of ${(params.allowedValues as unknown[]).join(', ')}`
      : 'unknown key: expected a rule id such as SCV-DATA-001';
    return at([err.propertyName], what);
  }
  switch (err.keyword) {
    case 'additionalProperties':
      return at([String(params.additionalProperty)], 'unknown key');
    case 'propertyNames':
      return null; // reported through the nested error on the name itself
    case 'required':
      return at([String(params.missingProperty)], 'required key is missing');
    case 'enum':
      return at([], `expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    case 'const':
      return at([], `expected ${JSON.stringify(params.allowedValue)}`);
    case 'format':
      return at([], params.format === 'date' ? 'expected a date YYYY-MM-DD' : `expected a ${String(params.format)}`);
    case 'discriminator':
      return at(['method'], 'expected one of "jwt", "refresh-token", "access-token"');
    case 'oneOf':
      return null;
    case 'pattern':
      return at([], patternMessage(segments, String(params.pattern)));
    case 'type': {
      const last = segments[segments.length - 1];
      const hint = params.type === 'string' && (last === 'id' || last === 'apiVersion') ? ' (quote it: "111111111111", "62.0")' : '';
      return at([], `expected ${params.type === 'array' || params.type === 'object' ? 'an' : 'a'} ${String(params.type)}${hint}`);
    }
    default:
      return at([], err.message ?? 'invalid value');
  }
}

function patternMessage(segments: (string | number)[], pattern: string): string {
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  if (last === 'id' || pattern === '^\\d{12}$') return 'expected a 12-digit AWS account id';
  if (last === 'roleArn') return 'expected an IAM role ARN (arn:aws:iam::<account>:role/<name>)';
  if (parent === 'regions' || pattern.startsWith('^[a-z]{2}')) return 'expected an AWS region such as us-east-1';
  if (last === 'rule' || pattern.startsWith('^[A-Z]')) return 'expected a rule id such as SCV-DATA-001';
  if (last === 'apiVersion') return 'expected a Salesforce API version such as "62.0"';
  return `does not match ${pattern}`;
}
