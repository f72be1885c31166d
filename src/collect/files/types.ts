/**
 * Pre-deploy inputs read from files (conftest style: one folder per parser behind one small
 * interface). Each parser turns one file into a partial inventory whose resources carry
 * `origin: {file, line}`; the plan-vs-live overlay (./overlay.ts) lays it over the live one.
 */
import type { Inventory } from '../../inventory/types.js';

export const INPUT_KINDS = ['terraform-plan', 'cloudformation', 'flow-export'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export interface ParseOptions {
  /** RFC 3339 time stamped on the partial inventory. */
  generatedAt: string;
  /** Environment the file deploys to (`--environment`); wins over tags, like a config mapping. */
  environment?: string;
  /**
   * AWS account the file deploys to when no ARN in it says so: the one config account of
   * `--environment`. Without it (and without `environmentAccounts`) the account is not known.
   */
  accountId?: string;
  /** The config's environment → account mapping, for environments with exactly one account. */
  environmentAccounts?: Readonly<Record<string, string>>;
  /** Region when neither an ARN nor the file names one (AWS_REGION). */
  region?: string;
  /** Tag key that names a resource's environment (settings.environmentTagKey). */
  environmentTagKey?: string;
  /**
   * Values of the flow placeholders (`${AccountId}`, ...) for `environment`: `scan --flows` reads
   * a folder written by `export flows --parameterize` with them (flows/placeholders.ts).
   */
  flowParameters?: Readonly<Record<string, string>>;
  /** CloudFormation parameter values (`--parameters FILE`); null where the file gives none. */
  parameters?: ReadonlyMap<string, string | null>;
}

/**
 * Resources a file only attaches something to, without declaring them: a storage config or flow
 * for an instance that already exists, a policy or encryption setting for an existing bucket.
 * The overlay completes them from the live inventory instead of replacing the live resource.
 */
export interface Attachments {
  /** Connect instance ARNs. */
  instances: string[];
  /** S3 bucket ARNs. */
  buckets: string[];
  /**
   * ARNs of placeholder instances: they stand in for an instance no file names (flow exports
   * without an ARN). The overlay moves their flows into the one live instance of their
   * environment when the live inventory has exactly one.
   */
  placeholderInstances: string[];
}

export interface ParsedInput {
  kind: InputKind;
  file: string;
  inventory: Inventory;
  attachments: Attachments;
  /** What the user should know about the reading (remote nested stacks); one line each, on stderr unless --quiet. */
  notices?: string[];
  /** What was read, for the progress line (flow files read and other files skipped). */
  progress?: string;
}

export interface InputParser {
  readonly kind: InputKind;
  /** Cheap sniff of the file name and text; no parse errors are thrown here. */
  canParse(file: string, text: string): boolean;
  /** Throws ScvGuardError (input-parse / input-schema) naming the file and line or path. */
  parse(file: string, text: string, opts: ParseOptions): ParsedInput;
}
