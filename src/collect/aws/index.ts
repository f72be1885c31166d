/**
 * AWS collection: every configured (and, with `organizations.discover`, every discovered) account,
 * across its regions, with bounded concurrency and per-service pacing, into a partial inventory.
 * Read-only calls only; every failed call is a `collection.errors` entry.
 */
import pLimit from 'p-limit';
import { ScvGuardError } from '../../errors.js';
import type { AwsAccountConfig, AwsConfig } from '../../config/types.js';
import { resolveEnvironment, DEFAULT_ENVIRONMENT_TAG_KEY } from '../../inventory/environment.js';
import {
  emptyAwsAccount,
  emptyInventory,
  type AwsAccount,
  type CloudFormationStack,
  type CollectionError,
  type ConnectInstance,
  type FirehoseStream,
  type Inventory,
  type KinesisStream,
  type LambdaFunction,
} from '../../inventory/types.js';
import { AccountClients, DEFAULT_MAX_ATTEMPTS, type AwsClientOverrides, type CallCounter } from './clients.js';
import { collectStacks } from './cloudformation.js';
import { collectTrails, mergeTrails } from './cloudtrail.js';
import { collectConnectRegion } from './connect.js';
import type { AccountContext } from './context.js';
import { ErrorLog } from './errors.js';
import { collectFirehose } from './firehose.js';
import { collectIamRoles, collectSamlProviders } from './iam.js';
import { collectStream } from './kinesis.js';
import { collectKmsKeys, type KeyReference } from './kms.js';
import { collectLambdaFunctions } from './lambda.js';
import { describeOrganization, listOrganizationAccounts, organizationAccountTags } from './organizations.js';
import { CollectionDeadline, resolveTimeouts } from '../network-limits.js';
import { RateLimiters } from './rate-limit.js';
import { collectBuckets } from './s3.js';
import { collectAccountPublicAccessBlock } from './s3control.js';
import { verifyCallerIdentity } from './sts.js';

export type { AwsClientOverrides } from './clients.js';

export interface AwsCollectOptions {
  /** Tag naming a resource's environment (default `Environment`). */
  environmentTagKey?: string;
  /** One line per step, for stderr. */
  progress?: (line: string) => void;
  now?: () => Date;
  /** For tests and embedding: base credentials, retry attempts. */
  clientOverrides?: AwsClientOverrides;
  /** Called with each collection error as it is recorded, for live reporting. */
  onError?: (error: CollectionError) => void;
}

export const DEFAULT_CONCURRENCY = 4;

interface AccountTarget {
  config: AwsAccountConfig;
  name: string | null;
  state: string | null;
  /** Account tags from Organizations (empty without discovery). */
  tags: Record<string, string>;
  discovered: boolean;
}

/** Organization account states whose resources can be read. */
const READABLE_STATES = new Set([null, 'ACTIVE']);

function checkConfig(cfg: AwsConfig): void {
  const concurrency = cfg.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ScvGuardError('config', `expected an integer >= 1, got ${concurrency}`, { path: 'aws.concurrency' });
  }
  cfg.accounts.forEach((a, i) => {
    if (!/^\d{12}$/.test(a.id)) throw new ScvGuardError('config', `"${a.id}" is not a 12-digit AWS account id`, { path: `aws.accounts[${i}].id` });
    if ((a.regions ?? cfg.regions).length === 0) {
      throw new ScvGuardError('config', `account ${a.id} has no regions (set aws.regions)`, { path: `aws.accounts[${i}].regions` });
    }
  });
  if (cfg.organizations?.discover && cfg.accounts.length === 0) {
    throw new ScvGuardError('config', 'discovery needs the management (or delegated-admin) account first in aws.accounts', { path: 'aws.organizations.discover' });
  }
}

/** A discovered account reuses the role name (and external id) of the account that listed it. */
function discoveredAccountConfig(id: string, via: AwsAccountConfig): AwsAccountConfig | null {
  if (!via.assumeRole) return null;
  const roleArn = via.assumeRole.roleArn.replace(/^(arn:[^:]+:iam::)\d{12}(:)/, `$1${id}$2`);
  return { id, assumeRole: { ...via.assumeRole, roleArn }, ...(via.profile ? { profile: via.profile } : {}) };
}

export async function collectAws(cfg: AwsConfig, opts: AwsCollectOptions = {}): Promise<Inventory> {
  checkConfig(cfg);
  const now = opts.now ?? (() => new Date());
  const progress = opts.progress ?? (() => undefined);
  const tagKey = opts.environmentTagKey ?? DEFAULT_ENVIRONMENT_TAG_KEY;
  const inventory = emptyInventory(now().toISOString());
  const errors = new ErrorLog({
    ...(opts.onError ? { onError: opts.onError } : {}),
    ...(cfg.endpoints ? { endpoints: cfg.endpoints } : {}),
    maxAttempts: opts.clientOverrides?.maxAttempts ?? cfg.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
  const counter: CallCounter = { calls: 0, byService: {} };
  const timeouts = resolveTimeouts(cfg.timeouts);
  const deadline = new CollectionDeadline(timeouts.collectionMs);
  const settings = { cfg, limiters: RateLimiters.fromConfig(cfg.rateLimits), overrides: opts.clientOverrides, counter, timeouts, deadline };
  const limit = pLimit(cfg.concurrency ?? DEFAULT_CONCURRENCY);
  const allClients: AccountClients[] = [];

  const contextFor = (config: AwsAccountConfig, environment: string | null): AccountContext => {
    errors.registerAccount(config);
    const clients = new AccountClients(settings, config);
    allClients.push(clients);
    return { accountId: config.id, clients, errors, accountEnvironment: environment, environmentTagKey: tagKey, progress };
  };

  const targets: AccountTarget[] = cfg.accounts.map((config) => ({ config, name: config.name ?? null, state: null, tags: {}, discovered: false }));
  /** The member accounts discovery listed from the management account, when the listing is complete. */
  let listedMembers: { from: string; ids: string[] } | null = null;
  const unreachable: AwsAccount[] = [];
  const contexts = new Map<string, AccountContext>();
  const environmentOf = (t: AccountTarget) =>
    resolveEnvironment({
      configured: t.config.environment ?? null,
      tags: t.tags,
      tagKey,
      inherited: t.discovered ? (cfg.organizations?.environment ?? null) : null,
    });

  try {
    if (cfg.organizations?.discover) {
      const management = targets[0]!;
      const ctx = contextFor(management.config, environmentOf(management));
      contexts.set(management.config.id, ctx);
      progress(`aws ${management.config.id}: listing organization accounts`);
      const { accounts, tags, complete } = await limit(async () => {
        const listed = await listOrganizationAccounts(ctx);
        return { accounts: listed.accounts, complete: listed.complete, tags: await organizationAccountTags(ctx, listed.accounts.map((a) => a.id)) };
      });
      if (complete) listedMembers = { from: management.config.id, ids: accounts.map((a) => a.id).sort() };
      for (const org of accounts) {
        const known = targets.find((t) => t.config.id === org.id);
        if (known) {
          known.name ??= org.name;
          known.state = org.state;
          known.tags = tags.get(org.id) ?? {};
          continue;
        }
        const config = discoveredAccountConfig(org.id, management.config);
        const target: AccountTarget = { config: config ?? { id: org.id }, name: org.name, state: org.state, tags: tags.get(org.id) ?? {}, discovered: true };
        if (config) {
          targets.push(target);
          continue;
        }
        const environment = environmentOf(target);
        if (READABLE_STATES.has(org.state)) {
          errors.note(`${org.id}/global/account`, 'AssumeRole', 'NoCredentials', 'discovered account has no role to assume: give the first account in aws.accounts an assumeRole (its role name is reused) or list this account');
        }
        unreachable.push(accountShell(org.id, org.name, environment, org.state, target.tags));
      }
    }

    const collected = await Promise.all(
      targets.map(async (t) => {
        const environment = environmentOf(t);
        const ctx = contexts.get(t.config.id) ?? contextFor(t.config, environment);
        const startedAt = now().toISOString();
        const account = accountShell(t.config.id, t.name, environment, t.state, t.tags);
        if (!READABLE_STATES.has(t.state)) {
          progress(`aws ${t.config.id}: account is ${t.state}; listed, not collected`);
          return { account, source: null };
        }
        await collectAccount(ctx, t.config, cfg, account, limit);
        if (account.organization?.id && listedMembers?.from === t.config.id) account.organization.memberAccountIds = listedMembers.ids;
        return { account, source: { kind: 'aws' as const, target: t.config.id, startedAt, finishedAt: now().toISOString() } };
      }),
    );
    for (const { account, source } of collected) {
      inventory.aws.accounts.push(account);
      if (source) inventory.collection.sources.push(source);
    }
    inventory.aws.accounts.push(...unreachable);
  } finally {
    for (const c of allClients) c.destroy();
  }
  inventory.collection.errors.push(...errors.entries);
  progress(`aws: ${inventory.aws.accounts.length} account(s), ${counter.calls} API call(s), ${errors.entries.length} collection error(s)`);
  return inventory;
}

/** An account the AWS collector handles; its organization stays null (not read) unless collected. */
function accountShell(id: string, name: string | null, environment: string | null, state: string | null, tags: Record<string, string>): AwsAccount {
  return emptyAwsAccount(id, { name, environment, state, tags: { ...tags }, organization: null });
}

async function collectAccount(ctx: AccountContext, config: AwsAccountConfig, cfg: AwsConfig, account: AwsAccount, limit: ReturnType<typeof pLimit>): Promise<void> {
  const regions = config.regions ?? cfg.regions;
  ctx.progress(`aws ${config.id}: collecting (${regions.join(', ')})`);
  const verified = await limit(() => verifyCallerIdentity(ctx, regions[0]!));
  if (!verified) {
    ctx.progress(`aws ${config.id}: account not collected (${ctx.errors.lastReasonFor(config.id) ?? 'credentials not usable'})`);
    return;
  }
  // One task per account+region; the account-wide part (IAM, S3) runs beside the first region's
  // Connect work, which the Connect quota makes the longest.
  type GlobalPart = Pick<AwsAccount, 'iamRoles' | 's3Buckets' | 'samlProviders' | 's3PublicAccessBlock' | 'organization'>;
  const globalPartOf = async (): Promise<GlobalPart> => {
    const [iamRoles, s3Buckets, samlProviders, s3PublicAccessBlock, organization] = await Promise.all([
      collectIamRoles(ctx),
      collectBuckets(ctx),
      collectSamlProviders(ctx),
      collectAccountPublicAccessBlock(ctx),
      describeOrganization(ctx),
    ]);
    // A SAML provider list that could not be read stays absent (its error is recorded), never [].
    return { iamRoles, s3Buckets, ...(samlProviders ? { samlProviders } : {}), s3PublicAccessBlock, organization };
  };
  const perRegion = await Promise.all(
    regions.map((region, index) =>
      limit(async () => {
        const globalPart: Promise<GlobalPart | null> = index === 0 ? globalPartOf() : Promise.resolve(null);
        const [instances, trails, stacks, functions] = await Promise.all([
          collectConnectRegion(ctx, region),
          collectTrails(ctx, region),
          collectStacks(ctx, region),
          collectLambdaFunctions(ctx, region),
        ]);
        const streams = await collectStreams(ctx, region, instances);
        const firehoses = await collectFirehoses(ctx, region, instances);
        ctx.progress(`aws ${config.id}/${region}: ${instances.length} Connect instance(s), ${streams.length} stream(s), ${firehoses.length} Firehose(s)`);
        return { region, instances, trails, streams, firehoses, stacks, functions, global: await globalPart };
      }),
    ),
  );
  Object.assign(account, perRegion[0]!.global!);
  account.connectInstances = perRegion.flatMap((r) => r.instances);
  account.cloudTrail = mergeTrails(perRegion.map((r) => r.trails));
  const streams = new Map<string, KinesisStream>();
  for (const r of perRegion) for (const s of r.streams) if (!streams.has(s.arn)) streams.set(s.arn, s);
  account.kinesisStreams = [...streams.values()];
  account.cloudFormationStacks = perRegion.flatMap((r): CloudFormationStack[] => r.stacks);
  account.lambdaFunctions = perRegion.flatMap((r): LambdaFunction[] => r.functions);
  account.firehoseStreams = perRegion.flatMap((r): FirehoseStream[] => r.firehoses);
  account.kmsKeys = await limit(() => collectKmsKeys(ctx, keyReferences(perRegion)));
}

/** The KMS keys named by storage configs (S3 and video streams) and Firehoses, with the region that names them. */
function keyReferences(perRegion: readonly { region: string; instances: ConnectInstance[]; firehoses: FirehoseStream[] }[]): KeyReference[] {
  const refs: KeyReference[] = [];
  for (const { region, instances, firehoses } of perRegion) {
    for (const i of instances) {
      for (const s of i.storage) {
        if (s.s3?.kmsKeyId) refs.push({ id: s.s3.kmsKeyId, region });
        if (s.kinesisVideo?.kmsKeyId) refs.push({ id: s.kinesisVideo.kmsKeyId, region });
      }
    }
    for (const f of firehoses) if (f.kmsKeyArn) refs.push({ id: f.kmsKeyArn, region });
  }
  return refs;
}

/** Firehoses named by the Connect storage configs of this region. */
async function collectFirehoses(ctx: AccountContext, region: string, instances: ConnectInstance[]): Promise<FirehoseStream[]> {
  const arns = new Set<string>();
  for (const i of instances) for (const s of i.storage) if (s.storageType === 'KINESIS_FIREHOSE' && s.streamArn) arns.add(s.streamArn);
  const out: FirehoseStream[] = [];
  for (const arn of arns) out.push(await collectFirehose(ctx, arn, region));
  return out;
}

/** Kinesis Data Streams named by the Connect storage configs of this region. */
async function collectStreams(ctx: AccountContext, region: string, instances: ConnectInstance[]): Promise<KinesisStream[]> {
  const arns = new Set<string>();
  for (const i of instances) for (const s of i.storage) if (s.storageType === 'KINESIS_STREAM' && s.streamArn) arns.add(s.streamArn);
  const out: KinesisStream[] = [];
  for (const arn of arns) out.push(await collectStream(ctx, arn, region));
  return out;
}
