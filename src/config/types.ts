/**
 * The scanner config (scv-guard.yaml) after loading, `${VAR}` interpolation and validation.
 * Mirrors ../shared/DESIGN.md "Config". Secrets are never inline: they arrive through env vars
 * (interpolated here) or files named by path.
 */
import type { Environment } from '../inventory/types.js';
import type { FailOn, Severity } from '../findings/severity.js';
import type { Waiver } from '../findings/model.js';

export type SalesforceAuth =
  | { method: 'jwt'; clientId: string; username: string; privateKeyFile: string; loginUrl?: string }
  | { method: 'refresh-token'; clientId: string; clientSecret?: string; refreshToken: string; loginUrl?: string }
  | { method: 'access-token'; instanceUrl: string; accessToken: string };

export interface SalesforceOrgConfig {
  alias: string;
  environment?: string;
  /** A production org: its SandboxInfo/SandboxProcess records give sandbox lineage. */
  production?: boolean;
  loginUrl?: string;
  auth: SalesforceAuth;
}

/** Network time limits of one collector, in milliseconds (docs/config.md "Timeouts"). */
export interface NetworkTimeoutsConfig {
  /** To open a connection (TCP and TLS). */
  connectMs?: number;
  /** For one request's answer, and the longest silence while it arrives. */
  requestMs?: number;
  /** For the whole collection of this side; calls after it fail at once. */
  collectionMs?: number;
}

export interface SalesforceConfig {
  apiVersion?: string;
  timeouts?: NetworkTimeoutsConfig;
  orgs: SalesforceOrgConfig[];
}

export interface AwsAccountConfig {
  id: string;
  environment?: string;
  name?: string;
  profile?: string;
  assumeRole?: { roleArn: string; externalId?: string; sessionName?: string };
  /** Overrides aws.regions for this account. */
  regions?: string[];
}

export type AwsService =
  | 'connect'
  | 'iam'
  | 's3'
  | 'sts'
  | 'organizations'
  | 'cloudtrail'
  | 'kinesis'
  | 'cloudformation'
  | 'lambda'
  | 'kms'
  | 'firehose'
  | 's3control';

export interface AwsConfig {
  regions: string[];
  /** Per-service endpoint URL overrides (VPC endpoints, local emulators). */
  endpoints?: Partial<Record<AwsService, string>>;
  /** Requests per second per account and region, per service. Connect defaults to 2. */
  rateLimits?: Partial<Record<AwsService, number>>;
  /** Accounts collected at once. */
  concurrency?: number;
  /** Attempts per AWS call, retries included (default 3, the SDK's); raise it when calls stay throttled. */
  maxAttempts?: number;
  timeouts?: NetworkTimeoutsConfig;
  organizations?: { discover: boolean; environment?: string };
  accounts: AwsAccountConfig[];
}

export interface PoliciesConfig {
  paths?: string[];
  include?: string[];
  exclude?: string[];
  severity?: Record<string, Severity>;
}

export interface ReportConfig {
  formats?: string[];
  outputDir?: string;
  failOn?: FailOn;
  /** SARIF automationDetails scope (`scv-guard/<scope>/`), one per scan target. */
  scope?: string;
}

/** Where config entries start (1-based line and column): findings on the live estate point there. */
export interface ConfigEntryPositions {
  /** `aws.accounts[]` entries by account id. */
  awsAccounts: Record<string, { line: number; column: number }>;
  /** `salesforce.orgs[]` entries by alias. */
  salesforceOrgs: Record<string, { line: number; column: number }>;
  /** The line of each `waivers[]` entry, by index (unmatched waivers are reported there). */
  waivers: (number | null)[];
}

export interface ScannerConfig {
  /** Absolute path of the config file, for messages and relative paths. */
  file: string;
  /** Positions of the account and org entries in the file (set by the loader). */
  entries?: ConfigEntryPositions;
  environments: Environment[];
  salesforce?: SalesforceConfig;
  aws?: AwsConfig;
  policies: PoliciesConfig;
  /** Handed to the policies as data.config (defaults filled in by the engine). */
  settings: Record<string, unknown>;
  waivers: Waiver[];
  report: ReportConfig;
  /**
   * Per environment, values for the placeholders of flows written by `export flows --parameterize`
   * (`${InstanceId}`, ...), used when `scan --flows` reads such a folder for that environment.
   */
  flowParameters?: Record<string, Record<string, string>>;
}
