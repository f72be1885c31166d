/**
 * AWS SDK client factory: credentials per account (default chain, a named profile, or an assumed
 * role with ExternalId and a session name), endpoint overrides (`aws.endpoints`, and the SDK's own
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>), adaptive retries, and a request pacer plus call
 * counter on every client. One client per account + region + service.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ConnectClient } from '@aws-sdk/client-connect';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { IAMClient } from '@aws-sdk/client-iam';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { isIP } from 'node:net';
import type { AwsAccountConfig, AwsConfig, AwsService } from '../../config/types.js';
import { registerSecret } from '../../redaction/registry.js';
import type { CollectionDeadline, NetworkTimeouts } from '../network-limits.js';
import type { RateLimiters } from './rate-limit.js';
import { limitedCall, requestHandlerOptions } from './timeouts.js';

export type CredentialsInput = NonNullable<STSClientConfig['credentials']>;
type Credentials = Awaited<ReturnType<Extract<CredentialsInput, (...args: never[]) => unknown>>>;

export const DEFAULT_SESSION_NAME = 'scv-guard';
/** Attempts per call, retries included: the SDK's default, unless aws.maxAttempts says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** IAM and Organizations are global; their endpoints live in us-east-1 (aws partition). */
export const GLOBAL_REGION = 'us-east-1';

export interface AwsClientOverrides {
  /** Base credentials for every account (before any assumeRole), e.g. static test keys. */
  credentials?: CredentialsInput;
  /** Base credentials for one account; wins over `credentials`. */
  credentialsFor?: (account: AwsAccountConfig) => CredentialsInput | undefined;
  /** Attempts per call including retries (SDK default 3). */
  maxAttempts?: number;
}

interface ClientMap {
  connect: ConnectClient;
  iam: IAMClient;
  s3: S3Client;
  sts: STSClient;
  organizations: OrganizationsClient;
  cloudtrail: CloudTrailClient;
  kinesis: KinesisClient;
  cloudformation: CloudFormationClient;
  lambda: LambdaClient;
  kms: KMSClient;
  firehose: FirehoseClient;
  s3control: S3ControlClient;
}

export interface CallCounter {
  calls: number;
  byService: Partial<Record<AwsService, number>>;
}

export interface ClientFactorySettings {
  cfg: AwsConfig;
  limiters: RateLimiters;
  overrides?: AwsClientOverrides;
  counter: CallCounter;
  /** Connect and per-request limits of every call (`aws.timeouts`). */
  timeouts: NetworkTimeouts;
  /** The end of the whole AWS collection; calls after it fail at once. */
  deadline: CollectionDeadline;
}

/** Caches one resolved credential set until shortly before it expires. */
function memoizeCredentials(provider: () => Promise<Credentials>): () => Promise<Credentials> {
  let current: Promise<Credentials> | undefined;
  return async () => {
    if (current) {
      const creds = await current.catch(() => undefined);
      const expiresSoon = creds?.expiration !== undefined && creds.expiration.getTime() - Date.now() < 5 * 60_000;
      if (creds && !expiresSoon) return creds;
    }
    current = provider();
    return current;
  };
}

/** Every part of a credential set is a secret of the process from the moment it is resolved. */
function registered(creds: Credentials): Credentials {
  registerSecret(creds.accessKeyId);
  registerSecret(creds.secretAccessKey);
  registerSecret(creds.sessionToken);
  return creds;
}

function toProvider(input: CredentialsInput): () => Promise<Credentials> {
  return typeof input === 'function' ? async () => registered(await input()) : async () => registered(input);
}

/** The SDK's AWS_ENDPOINT_URL_<SERVICE> suffix: the service id in upper snake case (S3 Control is S3_CONTROL). */
const ENDPOINT_ENV_SUFFIX: Partial<Record<AwsService, string>> = { s3control: 'S3_CONTROL' };

function envEndpointSet(service: AwsService): boolean {
  return Boolean(process.env.AWS_ENDPOINT_URL || process.env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV_SUFFIX[service] ?? service.toUpperCase()}`]);
}


/** Clients of one account, created on first use and reused. */
export class AccountClients {
  private readonly clients = new Map<string, unknown>();
  private readonly credentials: () => Promise<Credentials>;

  constructor(
    private readonly settings: ClientFactorySettings,
    readonly account: AwsAccountConfig,
  ) {
    this.credentials = memoizeCredentials(this.credentialProvider());
  }

  private credentialProvider(): () => Promise<Credentials> {
    const { overrides, cfg } = this.settings;
    const account = this.account;
    const base = toProvider(
      overrides?.credentialsFor?.(account) ??
        overrides?.credentials ??
        (account.profile ? fromNodeProviderChain({ profile: account.profile }) : fromNodeProviderChain()),
    );
    if (!account.assumeRole) return base;
    const region = account.regions?.[0] ?? cfg.regions[0] ?? GLOBAL_REGION;
    return toProvider(
      fromTemporaryCredentials({
        masterCredentials: base,
        params: {
          RoleArn: account.assumeRole.roleArn,
          RoleSessionName: account.assumeRole.sessionName ?? DEFAULT_SESSION_NAME,
          ...(account.assumeRole.externalId ? { ExternalId: account.assumeRole.externalId } : {}),
        },
        clientConfig: {
          region,
          requestHandler: requestHandlerOptions('sts', this.settings.timeouts),
          ...(overrides?.maxAttempts !== undefined ? { maxAttempts: overrides.maxAttempts } : {}),
          ...(cfg.endpoints?.sts ? { endpoint: cfg.endpoints.sts } : {}),
        },
      }),
    );
  }

  /** Resolves the account's credentials (assuming its role, when it has one) without calling any service. */
  async resolveCredentials(): Promise<void> {
    await this.credentials();
  }

  get<S extends AwsService>(service: S, region: string): ClientMap[S] {
    const effectiveRegion = service === 'iam' || service === 'organizations' ? GLOBAL_REGION : region;
    const key = `${service}/${effectiveRegion}`;
    let client = this.clients.get(key) as ClientMap[S] | undefined;
    if (!client) {
      client = this.create(service, effectiveRegion);
      this.clients.set(key, client);
    }
    return client;
  }

  private create<S extends AwsService>(service: S, region: string): ClientMap[S] {
    const { cfg, overrides } = this.settings;
    const endpoint = cfg.endpoints?.[service];
    const common = {
      region,
      credentials: this.credentials,
      retryMode: 'adaptive',
      requestHandler: requestHandlerOptions(service, this.settings.timeouts),
      maxAttempts: overrides?.maxAttempts ?? cfg.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(endpoint ? { endpoint } : {}),
    };
    let client: ClientMap[AwsService];
    switch (service) {
      case 'connect':
        client = new ConnectClient(common);
        break;
      case 'iam':
        client = new IAMClient(common);
        break;
      case 's3':
        // Emulators and VPC endpoints are addressed path-style; real S3 keeps virtual-hosted style.
        client = new S3Client({ ...common, forcePathStyle: Boolean(endpoint) || envEndpointSet('s3'), followRegionRedirects: true });
        break;
      case 'sts':
        client = new STSClient(common);
        break;
      case 'organizations':
        client = new OrganizationsClient(common);
        break;
      case 'cloudtrail':
        client = new CloudTrailClient(common);
        break;
      case 'kinesis':
        client = new KinesisClient(common);
        break;
      case 'cloudformation':
        client = new CloudFormationClient(common);
        break;
      case 'lambda':
        client = new LambdaClient(common);
        break;
      case 'kms':
        client = new KMSClient(common);
        break;
      case 'firehose':
        client = new FirehoseClient(common);
        break;
      case 's3control':
        client = new S3ControlClient({ ...common, ...literalHostEndpoint(endpoint ?? process.env.AWS_ENDPOINT_URL_S3CONTROL ?? process.env.AWS_ENDPOINT_URL) });
        break;
      default:
        throw new Error(`unknown AWS service ${String(service)}`);
    }
    this.instrument(client, service, region);
    return client as ClientMap[S];
  }

  /**
   * Paces every attempt (retries included) and counts it. It sits last before the wire, after
   * signing: requests that waited for credentials must not leave in a burst.
   */
  private instrument(client: ClientMap[AwsService], service: AwsService, region: string): void {
    const limiter = this.settings.limiters.for(service, this.account.id, region);
    const counter = this.settings.counter;
    type Handler = (args: unknown) => Promise<unknown>;
    const stack = client.middlewareStack as unknown as {
      add: (mw: (next: Handler) => Handler, opts: { step: 'deserialize'; priority: 'low'; name: string }) => void;
    };
    stack.add(
      (next) => async (args) => {
        if (limiter) await limiter.acquire();
        counter.calls += 1;
        counter.byService[service] = (counter.byService[service] ?? 0) + 1;
        return next(args);
      },
      { step: 'deserialize', priority: 'low', name: 'scvGuardPacing' },
    );
    limitedCall(client, this.settings.timeouts, this.settings.deadline);
  }

  destroy(): void {
    for (const client of this.clients.values()) (client as { destroy: () => void }).destroy();
    this.clients.clear();
  }
}

/**
 * S3 Control addresses `<account id>.<endpoint host>`. An overridden endpoint that is an IP
 * address or `localhost` (an emulator) has no such names, so requests go to it as given; named
 * endpoints (VPC endpoints) keep the account prefix, as AWS expects.
 */
function literalHostEndpoint(endpoint: string | undefined): { endpointProvider: () => { url: URL } } | Record<string, never> {
  if (!endpoint) return {};
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return {};
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) || host === 'localhost' ? { endpointProvider: () => ({ url: new URL(endpoint) }) } : {};
}
