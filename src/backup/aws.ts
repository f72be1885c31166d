/**
 * The AWS side of a backup: for each Amazon Connect instance the contact centers name, what the
 * collectors read of it (description, storage configs, attributes, approved origins, integration
 * associations, Lambda associations, phone numbers, flows and modules with their content), the
 * configurations of the Lambda functions it uses (associated, or invoked by its flows) and the
 * trust policies of the roles it relies on (the contact centers' roles, the instance's service
 * role, the functions' execution roles). Read through the collectors' clients — assumed roles,
 * pacing, retries, time limits, read-only calls of docs/iam-policy.json — in the accounts of
 * `aws.accounts`. Lambda environment variables keep their names; a value is kept only when it
 * does not look like a credential (the collectors' own detection), else it is null.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { AccountClients, DEFAULT_MAX_ATTEMPTS, type AwsClientOverrides } from '../collect/aws/clients.js';
import { collectInstanceWithFlows, listInstanceSummaries } from '../collect/aws/connect.js';
import type { DescribedFlow } from '../collect/aws/connect-flows.js';
import type { AccountContext } from '../collect/aws/context.js';
import { ErrorLog } from '../collect/aws/errors.js';
import { listRolesWithTrust } from '../collect/aws/iam.js';
import { listFunctionConfigurations } from '../collect/aws/lambda.js';
import { RateLimiters } from '../collect/aws/rate-limit.js';
import { credentialKind } from '../collect/aws/withheld.js';
import { CollectionDeadline, resolveTimeouts } from '../collect/network-limits.js';
import type { AwsAccountConfig, AwsConfig } from '../config/types.js';
import { DEFAULT_ENVIRONMENT_TAG_KEY } from '../inventory/environment.js';
import type { CollectionError, ConnectInstance, IamRole } from '../inventory/types.js';

/** Something the backup should hold but could not read (a failed call, or no way to reach it). */
export interface MissingPart {
  /** What is missing, in words: `Lambda function arn:...`, `contact center UatPartnerXml`. */
  what: string;
  reason: string;
  /** The failed call, when a call failed. */
  operation?: string;
  code?: string;
  remediation?: string;
}

/** A referenced resource that its (successfully read) account does not hold. */
export interface NotFoundPart {
  what: string;
  referencedBy: string[];
}

export interface BackedUpInstance {
  arn: string;
  accountId: string;
  region: string;
  instance: ConnectInstance;
  described: DescribedFlow[];
}

export interface BackedUpFunction {
  arn: string;
  accountId: string;
  region: string;
  /** Configuration to write: environment values that look like credentials are null. */
  configuration: Record<string, unknown>;
  /** Names of the variables whose value was withheld. */
  withheldVariables: string[];
}

export interface BackedUpRole {
  arn: string;
  accountId: string;
  role: Omit<IamRole, 'tags'>;
}

export interface AwsBackup {
  instances: BackedUpInstance[];
  functions: BackedUpFunction[];
  roles: BackedUpRole[];
  missing: MissingPart[];
  notFound: NotFoundPart[];
  errors: CollectionError[];
}

export interface InstanceRequest {
  accountId: string;
  region: string;
  instanceId: string;
  /** Who names the instance (a contact center), for messages. */
  referencedBy: string;
}

/**
 * An instance a contact center names only by alias: the one instance with that alias in
 * `accountIds` (its account, else the accounts of its org's environment), in `region` when known
 * (else in each region configured for the account). An alias is unique per account and region only.
 */
export interface AliasRequest {
  alias: string;
  accountIds: string[];
  region: string | null;
  /** Where the instance is looked for, for messages (`account 222222222222`, `the accounts of environment uat (...)`). */
  scope: string;
  referencedBy: string;
}

export interface AwsBackupOptions {
  progress: (line: string) => void;
  onError?: (error: CollectionError) => void;
  clientOverrides?: AwsClientOverrides;
}

const LAMBDA_ARN = /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::[^:]+)?$/;
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/** The ARN of a function without its version or alias qualifier. */
function unqualified(arn: string): { arn: string; accountId: string; region: string; name: string } | null {
  const m = LAMBDA_ARN.exec(arn);
  return m ? { arn: `arn:${m[1]}:lambda:${m[2]}:${m[3]}:function:${m[4]}`, accountId: m[3]!, region: m[2]!, name: m[4]! } : null;
}

function addReference(refs: Map<string, Set<string>>, key: string, by: string): void {
  const set = refs.get(key) ?? new Set<string>();
  set.add(by);
  refs.set(key, set);
}

/** The configuration as kept: what describes the function, its variables' values only when no credential. */
function keptConfiguration(f: FunctionConfiguration): { configuration: Record<string, unknown>; withheldVariables: string[] } {
  const withheldVariables: string[] = [];
  const variables: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(f.Environment?.Variables ?? {})) {
    const kind = credentialKind(name, value);
    variables[name] = kind === null ? value : null;
    if (kind !== null) withheldVariables.push(name);
  }
  const configuration: Record<string, unknown> = {
    FunctionName: f.FunctionName ?? null,
    FunctionArn: f.FunctionArn ?? null,
    Description: f.Description ?? null,
    Runtime: f.Runtime ?? null,
    Handler: f.Handler ?? null,
    Role: f.Role ?? null,
    PackageType: f.PackageType ?? null,
    Architectures: f.Architectures ?? [],
    MemorySize: f.MemorySize ?? null,
    Timeout: f.Timeout ?? null,
    EphemeralStorage: f.EphemeralStorage?.Size ?? null,
    Layers: (f.Layers ?? []).map((l) => l.Arn ?? null),
    KMSKeyArn: f.KMSKeyArn ?? null,
    TracingMode: f.TracingConfig?.Mode ?? null,
    VpcConfig: f.VpcConfig ? { SubnetIds: [...(f.VpcConfig.SubnetIds ?? [])].sort(), SecurityGroupIds: [...(f.VpcConfig.SecurityGroupIds ?? [])].sort() } : null,
    Environment: { Variables: variables },
  };
  return { configuration, withheldVariables: withheldVariables.sort() };
}

/** Reads the instances, and the functions and roles they use, from the configured accounts. */
export async function backupAws(
  aws: AwsConfig | undefined,
  instanceRequests: readonly InstanceRequest[],
  contactCenterRoles: ReadonlyMap<string, string[]>,
  opts: AwsBackupOptions,
  aliasRequests: readonly AliasRequest[] = [],
): Promise<AwsBackup> {
  const out: AwsBackup = { instances: [], functions: [], roles: [], missing: [], notFound: [], errors: [] };
  const requests = [...instanceRequests];
  if (requests.length === 0 && aliasRequests.length === 0 && contactCenterRoles.size === 0) return out;
  if (aws === undefined) {
    for (const r of requests) out.missing.push({ what: `Amazon Connect instance ${r.instanceId} (${r.referencedBy})`, reason: `account ${r.accountId} is not under aws.accounts: the config has no aws section` });
    for (const r of aliasRequests) out.missing.push({ what: `Amazon Connect instance ${r.alias} (${r.referencedBy})`, reason: 'the config has no aws section to look for it in' });
    return out;
  }
  const errors = new ErrorLog({
    ...(opts.onError ? { onError: opts.onError } : {}),
    ...(aws.endpoints ? { endpoints: aws.endpoints } : {}),
    maxAttempts: opts.clientOverrides?.maxAttempts ?? aws.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
  const timeouts = resolveTimeouts(aws.timeouts);
  const settings = { cfg: aws, limiters: RateLimiters.fromConfig(aws.rateLimits), overrides: opts.clientOverrides, counter: { calls: 0, byService: {} }, timeouts, deadline: new CollectionDeadline(timeouts.collectionMs) };
  const contexts = new Map<string, AccountContext>();
  const allClients: AccountClients[] = [];
  const contextOf = (accountId: string): AccountContext | null => {
    const config: AwsAccountConfig | undefined = aws.accounts.find((a) => a.id === accountId);
    if (config === undefined) return null;
    let ctx = contexts.get(accountId);
    if (ctx === undefined) {
      errors.registerAccount(config);
      const clients = new AccountClients(settings, config);
      allClients.push(clients);
      ctx = { accountId, clients, errors, accountEnvironment: config.environment ?? null, environmentTagKey: DEFAULT_ENVIRONMENT_TAG_KEY, progress: opts.progress };
      contexts.set(accountId, ctx);
    }
    return ctx;
  };
  const notConfigured = (what: string, accountId: string): MissingPart => ({ what, reason: `account ${accountId} is not under aws.accounts: add it (with a read-only role) to back it up` });

  /** The instance an alias names where it may be, when exactly one has it; else a missing part saying why. */
  const findByAlias = async (r: AliasRequest): Promise<InstanceRequest | null> => {
    const what = `Amazon Connect instance ${r.alias} (${r.referencedBy})`;
    const matches: InstanceRequest[] = [];
    let complete = true;
    for (const accountId of r.accountIds) {
      const ctx = contextOf(accountId);
      if (ctx === null) {
        out.missing.push(notConfigured(what, accountId));
        return null;
      }
      const config = aws.accounts.find((a) => a.id === accountId)!;
      for (const region of r.region !== null ? [r.region] : (config.regions ?? aws.regions)) {
        opts.progress(`backup ${accountId}/${region}: looking for instance alias ${r.alias}`);
        const listed = await listInstanceSummaries(ctx, region);
        complete &&= listed.complete;
        for (const s of listed.items) {
          if (s.InstanceAlias === r.alias) matches.push({ accountId, region, instanceId: s.Id!, referencedBy: r.referencedBy });
        }
      }
    }
    // A listing that failed is reported as its own missing part; without it the alias may name another instance.
    if (!complete) return null;
    if (matches.length === 1) return matches[0]!;
    const reason =
      matches.length === 0
        ? `the contact center names its instance only by alias ${r.alias}, and no instance in ${r.scope} has that alias`
        : `the contact center names its instance only by alias ${r.alias}, and ${matches.length} instances in ${r.scope} have that alias (${matches.map((m) => `${m.accountId}/${m.region}/${m.instanceId}`).join(', ')})`;
    out.missing.push({ what, reason });
    return null;
  };

  const lambdaRefs = new Map<string, Set<string>>();
  const roleRefs = new Map<string, Set<string>>();
  for (const [arn, by] of contactCenterRoles) for (const b of by) addReference(roleRefs, arn, b);
  try {
    for (const r of aliasRequests) {
      const found = await findByAlias(r);
      if (found !== null) requests.push(found);
    }
    const seen = new Set<string>();
    for (const r of requests) {
      const arn = `arn:aws:connect:${r.region}:${r.accountId}:instance/${r.instanceId}`;
      if (seen.has(arn)) continue;
      seen.add(arn);
      const ctx = contextOf(r.accountId);
      if (ctx === null) {
        out.missing.push(notConfigured(`Amazon Connect instance ${arn} (${r.referencedBy})`, r.accountId));
        continue;
      }
      opts.progress(`backup ${r.accountId}/${r.region}: instance ${r.instanceId}`);
      const { instance, described } = await collectInstanceWithFlows(ctx, ctx.clients.get('connect', r.region), r.region, r.instanceId, arn);
      out.instances.push({ arn, accountId: r.accountId, region: r.region, instance, described });
      const by = `instance ${instance.alias ?? instance.id}`;
      for (const fn of instance.lambdaFunctions) addReference(lambdaRefs, fn, by);
      for (const flow of instance.flows) for (const ref of flow.references) if (ref.kind === 'lambda' && !ref.dynamic) addReference(lambdaRefs, ref.arn, `${by} flow ${flow.name}`);
      if (instance.serviceRole) addReference(roleRefs, instance.serviceRole, `${by} service role`);
    }

    const listed = new Map<string, Promise<FunctionConfiguration[]>>();
    const byFunction = new Map<string, Set<string>>();
    for (const [arn, by] of lambdaRefs) {
      const fn = unqualified(arn);
      if (fn === null) {
        out.notFound.push({ what: `Lambda function ${arn} (not a function ARN)`, referencedBy: [...by].sort() });
        continue;
      }
      for (const b of by) addReference(byFunction, fn.arn, b);
    }
    for (const [arn, by] of [...byFunction].sort(([a], [b]) => a.localeCompare(b))) {
      const fn = unqualified(arn)!;
      const ctx = contextOf(fn.accountId);
      if (ctx === null) {
        out.missing.push(notConfigured(`Lambda function ${arn} (${[...by].sort().join('; ')})`, fn.accountId));
        continue;
      }
      const key = `${fn.accountId}/${fn.region}`;
      if (!listed.has(key)) listed.set(key, listFunctionConfigurations(ctx, fn.region));
      const found = (await listed.get(key)!).find((f) => f.FunctionName === fn.name);
      if (found === undefined) {
        out.notFound.push({ what: `Lambda function ${arn}`, referencedBy: [...by].sort() });
        continue;
      }
      const kept = keptConfiguration(found);
      out.functions.push({ arn, accountId: fn.accountId, region: fn.region, ...kept });
      if (found.Role) addReference(roleRefs, found.Role, `Lambda function ${fn.name}`);
    }

    const roles = new Map<string, Promise<Omit<IamRole, 'tags'>[]>>();
    for (const [arn, by] of [...roleRefs].sort(([a], [b]) => a.localeCompare(b))) {
      const m = ROLE_ARN.exec(arn);
      if (!m) {
        out.notFound.push({ what: `IAM role ${arn} (not a role ARN)`, referencedBy: [...by].sort() });
        continue;
      }
      const accountId = m[2]!;
      const ctx = contextOf(accountId);
      if (ctx === null) {
        out.missing.push(notConfigured(`IAM role ${arn} (${[...by].sort().join('; ')})`, accountId));
        continue;
      }
      if (!roles.has(accountId)) roles.set(accountId, listRolesWithTrust(ctx));
      const role = (await roles.get(accountId)!).find((r) => r.name === m[3]);
      if (role === undefined) {
        out.notFound.push({ what: `IAM role ${arn}`, referencedBy: [...by].sort() });
        continue;
      }
      out.roles.push({ arn: role.arn, accountId, role });
    }
  } finally {
    for (const c of allClients) c.destroy();
  }
  out.errors = errors.entries;
  return out;
}
