/**
 * `scv-guard export flows`: every contact flow and flow module of an environment's Amazon Connect
 * instance(s), one flow-language JSON file per flow (`<type>/<name>.json`), written so that a
 * re-export of an unchanged instance changes no byte: keys sorted, two-space indent, no time.
 * Read through the collectors' clients (assumed roles, pacing, retries). Credential-looking
 * literals are never written: such a flow is left out (SCV-FLOW-002) unless `redact` is set, which
 * writes it with those values replaced. `parameterize` replaces the instance's own account id,
 * region, instance id and Lambda alias with `${AccountId}`, `${Region}`, `${InstanceId}` and
 * `${LambdaAlias}` (in its own ARNs only: ./parameterize.ts) and writes the values to
 * `parameters.json`.
 */
import { paginateListInstances } from '@aws-sdk/client-connect';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AccountClients, type AwsClientOverrides } from '../collect/aws/clients.js';
import { describeFlowModules, describeFlows, type DescribedFlow } from '../collect/aws/connect-flows.js';
import type { AccountContext } from '../collect/aws/context.js';
import { targetOf } from '../collect/aws/context.js';
import { collectPages, ErrorLog } from '../collect/aws/errors.js';
import { RateLimiters } from '../collect/aws/rate-limit.js';
import { canonicalJson, fileNameOf, flowDocuments } from './flow-files.js';
import { CollectionDeadline, resolveTimeouts } from '../collect/network-limits.js';
import { EXPORT_MAPPING_FILE } from '../collect/files/flows/placeholders.js';
import { parameterizeDocument, type OwnValues } from './parameterize.js';
import type { ScannerConfig } from '../config/types.js';
import { ScvGuardError } from '../errors.js';
import { DEFAULT_ENVIRONMENT_TAG_KEY } from '../inventory/environment.js';
import { emptyAwsAccount, emptyInventory, type AwsAccount, type CollectionError, type ContactFlow, type ConnectInstance, type Inventory } from '../inventory/types.js';

export interface ExportFlowsOptions {
  config: ScannerConfig;
  environment: string;
  /** Only this instance (id, ARN or alias). */
  instance?: string;
  out: string;
  parameterize?: boolean;
  redact?: boolean;
  progress?: (line: string) => void;
  clientOverrides?: AwsClientOverrides;
}

export interface ExportedFlow {
  /** Path relative to the export folder (`CONTACT_FLOW/Main IVR.json`), null when left out. */
  file: string | null;
  flow: ContactFlow;
  /** Left out because it holds credential-looking literals (and redact was not asked). */
  withheld: boolean;
}

export interface ExportResult {
  /** The environment's accounts with the exported instances and flows (origins: the written files). */
  inventory: Inventory;
  flows: ExportedFlow[];
  errors: CollectionError[];
  parameters: Record<string, string> | null;
}

function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function matchesInstance(wanted: string | undefined, id: string, arn: string, alias: string | undefined): boolean {
  return wanted === undefined || wanted === id || wanted === arn || wanted === alias;
}

export async function exportFlows(opts: ExportFlowsOptions): Promise<ExportResult> {
  const aws = opts.config.aws;
  const accounts = (aws?.accounts ?? []).filter((a) => a.environment === opts.environment);
  if (!aws || accounts.length === 0) {
    throw new ScvGuardError('config', `no AWS account of environment ${opts.environment} in aws.accounts`, { file: opts.config.file, path: 'aws.accounts' });
  }
  const progress = opts.progress ?? (() => undefined);
  const errors = new ErrorLog();
  const timeouts = resolveTimeouts(aws.timeouts);
  const settings = { cfg: aws, limiters: RateLimiters.fromConfig(aws.rateLimits), overrides: opts.clientOverrides, counter: { calls: 0, byService: {} }, timeouts, deadline: new CollectionDeadline(timeouts.collectionMs) };
  const inventory = emptyInventory(new Date(0).toISOString());
  inventory.environments = opts.config.environments.map((e) => ({ ...e }));
  const exported: ExportedFlow[] = [];
  const found: { account: AwsAccount; instance: ConnectInstance; described: DescribedFlow[] }[] = [];

  for (const config of accounts) {
    const clients = new AccountClients(settings, config);
    const ctx: AccountContext = {
      accountId: config.id,
      clients,
      errors,
      accountEnvironment: opts.environment,
      environmentTagKey: DEFAULT_ENVIRONMENT_TAG_KEY,
      progress,
    };
    const account = emptyAwsAccount(config.id, { environment: opts.environment });
    inventory.aws.accounts.push(account);
    try {
      for (const region of config.regions ?? aws.regions) {
        const client = clients.get('connect', region);
        const { items } = await collectPages(errors, targetOf(ctx, region, 'connect:instances'), 'ListInstances', () => paginateListInstances({ client }, {}), (p) => p.InstanceSummaryList);
        for (const summary of items) {
          if (!summary.Id || !summary.Arn || !matchesInstance(opts.instance, summary.Id, summary.Arn, summary.InstanceAlias)) continue;
          progress(`export ${config.id}/${region}: instance ${summary.InstanceAlias ?? summary.Id}`);
          const described = [
            ...(await describeFlows(ctx, client, region, summary.Id, summary.Arn)),
            ...(await describeFlowModules(ctx, client, region, summary.Id, summary.Arn)),
          ];
          const instance: ConnectInstance = {
            id: summary.Id,
            arn: summary.Arn,
            alias: summary.InstanceAlias ?? null,
            region,
            status: summary.InstanceStatus ?? null,
            createdAt: null,
            environment: opts.environment,
            tags: {},
            storage: [],
            attributes: {},
            flows: [],
            lambdaFunctions: [],
            phoneNumbers: [],
            integrations: [],
          };
          account.connectInstances.push(instance);
          found.push({ account, instance, described });
        }
      }
    } finally {
      clients.destroy();
    }
  }
  if (opts.instance !== undefined && found.length === 0 && errors.entries.length === 0) {
    throw new ScvGuardError('usage', `no Amazon Connect instance ${opts.instance} in the accounts of environment ${opts.environment}`);
  }

  const several = found.length > 1;
  // One folder per instance, named by its alias; an alias two instances share (in two accounts or
  // regions) is followed by the instance id, so no instance's files land in another's folder.
  const folderNames = found.map(({ instance }) => fileNameOf(instance.alias ?? instance.id));
  const folderOf = (index: number): string => {
    const name = folderNames[index]!;
    return folderNames.filter((n) => n.toLowerCase() === name.toLowerCase()).length > 1 ? `${name}-${found[index]!.instance.id}` : name;
  };
  const parameters: Record<string, string> | null = opts.parameterize && found.length > 0 ? {} : null;
  for (const [index, { account, instance, described }] of found.entries()) {
    let own: OwnValues | null = null;
    if (parameters) {
      if (several) throw new ScvGuardError('usage', '--parameterize needs one instance: name it with --instance');
      own = { accountId: account.id, region: instance.region!, instanceId: instance.id, environment: opts.environment };
      Object.assign(parameters, { AccountId: own.accountId, Region: own.region, InstanceId: own.instanceId, LambdaAlias: own.environment });
    }
    for (const entry of flowDocuments(described, opts.redact === true)) {
      const { flow } = entry;
      let file: string | null = null;
      if (entry.file !== null) {
        const rel = several ? `${folderOf(index)}/${entry.file}` : entry.file;
        // Only the instance's own account, region, id and Lambda alias (./parameterize.ts).
        const written = own !== null ? parameterizeDocument(entry.doc, own) : entry.doc;
        writeAtomic(join(opts.out, rel), canonicalJson(written));
        file = rel;
      }
      const placed: ContactFlow = { ...flow, ...(file !== null ? { origin: { file: join(opts.out, file), line: 1, column: 1 } } : {}) };
      if (entry.redacted) placed.secrets = [];
      instance.flows.push(placed);
      exported.push({ file, flow: placed, withheld: entry.withheld });
    }
  }
  if (parameters) writeAtomic(join(opts.out, EXPORT_MAPPING_FILE), canonicalJson(parameters));
  // The other environments' accounts, known by id and environment, so references to them are told apart.
  for (const other of aws.accounts) {
    if (other.environment === opts.environment || inventory.aws.accounts.some((a) => a.id === other.id)) continue;
    inventory.aws.accounts.push(emptyAwsAccount(other.id, { environment: other.environment ?? null }));
  }
  inventory.collection.errors.push(...errors.entries);
  return { inventory, flows: exported, errors: errors.entries, parameters };
}
