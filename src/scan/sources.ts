/**
 * Where a scan's inventory comes from: live collection per config (AWS accounts and Salesforce
 * orgs), inventory files, and the pre-deploy files (`--plan`, `--flows`) laid over them
 * (plan-vs-live). The result is one validated inventory carrying the config's environments.
 */
import { overlayPlanned, plannedOnly, readFlowDirectory, readParameterFile, readPlanFile, type ParseOptions, type ParsedInput } from '../collect/files/index.js';
import type { ScannerConfig } from '../config/types.js';
import { getOwn } from '../own-properties.js';
import { ScvGuardError } from '../errors.js';
import { checkKeyFiles } from '../config/key-files.js';
import { loadInventoryFile } from '../inventory/load.js';
import { mergeInventories, type InventoryPart } from '../inventory/merge.js';
import type { CollectionError, Environment, Inventory } from '../inventory/types.js';
import { validateInventory } from '../inventory/validate.js';

export interface CollectFromConfigOptions {
  progress?: (line: string) => void;
  now?: () => Date;
  /** Called with each collection error as it is recorded (live reporting on stderr). */
  onError?: (error: CollectionError) => void;
}

/** Whether the config names anything to collect. */
export function configHasSources(config: ScannerConfig): boolean {
  return (config.aws !== undefined && (config.aws.accounts.length > 0 || config.aws.organizations?.discover === true)) ||
    (config.salesforce !== undefined && config.salesforce.orgs.length > 0);
}

/** Collects every source the config names and merges them into one validated inventory. */
export async function collectFromConfig(config: ScannerConfig, opts: CollectFromConfigOptions = {}): Promise<Inventory> {
  if (!configHasSources(config)) {
    throw new ScvGuardError('config', 'nothing to collect: the config names no aws accounts and no salesforce orgs', { file: config.file });
  }
  // A key file that is not there is a wrong path in the config, not something to collect around.
  checkKeyFiles(config);
  const tagKey = typeof config.settings.environmentTagKey === 'string' ? config.settings.environmentTagKey : undefined;
  const common = {
    ...(opts.progress ? { progress: opts.progress } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.onError ? { onError: opts.onError } : {}),
  };
  const parts: InventoryPart[] = [];
  // Loaded on demand: the SDKs are heavy and gates that read only files never need them.
  const { collectAws } = await import('../collect/aws/index.js');
  const { collectSalesforce } = await import('../collect/salesforce/index.js');
  // The two collectors talk to different services: run them side by side.
  const [aws, salesforce] = await Promise.all([
    config.aws ? collectAws(config.aws, { ...common, ...(tagKey ? { environmentTagKey: tagKey } : {}) }) : null,
    config.salesforce ? collectSalesforce(config.salesforce, common) : null,
  ]);
  if (aws) parts.push({ file: `${config.file} (aws)`, inventory: aws });
  if (salesforce) parts.push({ file: `${config.file} (salesforce)`, inventory: salesforce });
  const merged = parts.length === 1 ? parts[0]!.inventory : mergeInventories(parts);
  return finishInventory(merged, config.environments, '(collected inventory)');
}

/** Adds the configured environments (a tier that disagrees with the inventory's is an error). */
export function withEnvironments(inventory: Inventory, environments: readonly Environment[], label: string): Inventory {
  const out = { ...inventory, environments: [...inventory.environments] };
  for (const env of environments) {
    const existing = out.environments.find((e) => e.name === env.name);
    if (!existing) out.environments.push({ ...env });
    else if (existing.tier !== env.tier) {
      throw new ScvGuardError('inventory-merge-conflict', `environment ${env.name} is ${existing.tier} in the inventory but ${env.tier} in the config`, { file: label });
    }
  }
  return out;
}

/**
 * The config's account → environment mapping for accounts the inventory does not place yet (those
 * only pre-deploy files named), then account → resource inheritance for resources without one
 * (DESIGN.md: config mapping, then tag, then account).
 */
export function applyConfiguredEnvironments(inventory: Inventory, config: ScannerConfig | undefined): Inventory {
  const mapped = new Map(Object.entries(accountEnvironments(config)));
  const out = structuredClone(inventory);
  for (const account of out.aws.accounts) {
    if (account.environment === null) account.environment = mapped.get(account.id) ?? null;
    const inherited = account.environment;
    if (inherited === null) continue;
    for (const i of account.connectInstances) if (i.environment === null) i.environment = inherited;
    for (const b of account.s3Buckets) if (b.environment === null) b.environment = inherited;
  }
  // DESIGN.md: Salesforce orgs take their environment from config, else a production org belongs
  // to the production environment when the config names exactly one.
  const production = (config?.environments ?? []).filter((e) => e.tier === 'production');
  if (production.length === 1) {
    for (const org of out.salesforce.orgs) {
      if (org.environment === null && org.kind === 'production') org.environment = production[0]!.name;
    }
  }
  return out;
}

function finishInventory(inventory: Inventory, environments: readonly Environment[], label: string): Inventory {
  return validateInventory(withEnvironments(inventory, environments, label), label);
}

export interface PreDeployInputs {
  planFiles: string[];
  /** CloudFormation parameter values (`--parameters`) for the templates among planFiles. */
  parametersFile?: string;
  flowsDir?: string;
  environment?: string;
}

/** The config's account id → environment mapping (`aws.accounts[].environment`), every mapped account. */
export function accountEnvironments(config: ScannerConfig | undefined): Record<string, string> {
  return Object.fromEntries((config?.aws?.accounts ?? []).filter((a) => a.environment !== undefined).map((a) => [a.id, a.environment!]));
}

/**
 * The config's environment → account mapping, for environments with exactly one account: where
 * pre-deploy files of that environment deploy (see docs/config.md).
 */
export function environmentAccounts(config: ScannerConfig | undefined): Record<string, string> {
  const byEnvironment = new Map<string, string[]>();
  for (const a of config?.aws?.accounts ?? []) {
    if (a.environment === undefined) continue;
    byEnvironment.set(a.environment, [...(byEnvironment.get(a.environment) ?? []), a.id]);
  }
  return Object.fromEntries([...byEnvironment].filter(([, ids]) => ids.length === 1).map(([env, ids]) => [env, ids[0]!]));
}

/**
 * Values of the flow placeholders for `environment` (src/collect/files/flows/placeholders.ts):
 * the account the config maps the environment to, that account's region when it has one, the
 * environment's name as the Lambda alias, then the config's `flowParameters.<environment>`.
 */
export function flowParameterValues(config: ScannerConfig | undefined, environment: string): Record<string, string> {
  const values: Record<string, string> = { LambdaAlias: environment };
  const accountId = environmentAccounts(config)[environment];
  const account = config?.aws?.accounts.find((a) => a.id === accountId);
  if (account !== undefined) {
    values.AccountId = account.id;
    const regions = account.regions ?? config?.aws?.regions ?? [];
    if (regions.length === 1) values.Region = regions[0]!;
  }
  const configured = config?.flowParameters !== undefined ? (getOwn(config.flowParameters, environment) as Record<string, string> | undefined) : undefined;
  return { ...values, ...(configured ?? {}) };
}

/** Reads `--plan` files and the `--flows` folder; `--environment` applies to both. */
export function readPreDeployInputs(inputs: PreDeployInputs, config: ScannerConfig | undefined, generatedAt: string): ParsedInput[] {
  const tagKey = typeof config?.settings.environmentTagKey === 'string' ? config.settings.environmentTagKey : undefined;
  const region = config?.aws?.regions[0] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const mapping = environmentAccounts(config);
  const accountId = inputs.environment !== undefined ? mapping[inputs.environment] : undefined;
  const parameters = inputs.parametersFile !== undefined ? readParameterFile(inputs.parametersFile) : undefined;
  const opts: ParseOptions = {
    generatedAt,
    ...(inputs.environment !== undefined ? { environment: inputs.environment } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
    environmentAccounts: mapping,
    ...(region ? { region } : {}),
    ...(tagKey ? { environmentTagKey: tagKey } : {}),
  };
  const parsed = inputs.planFiles.map((file) => readPlanFile(file, { ...opts, ...(parameters ? { parameters } : {}) }));
  if (inputs.flowsDir !== undefined) {
    const flowParameters = inputs.environment !== undefined ? flowParameterValues(config, inputs.environment) : undefined;
    parsed.push(readFlowDirectory(inputs.flowsDir, { ...opts, ...(flowParameters ? { flowParameters } : {}) }));
  }
  return parsed;
}

export interface ScanInventorySpec extends PreDeployInputs {
  config?: ScannerConfig;
  inventoryFiles: string[];
  /** Collect live per config (when it names sources and no inventory files are given). */
  collect: boolean;
  now: Date;
  progress?: (line: string) => void;
  /** Receives the notices of the pre-deploy files (remote nested stacks, skipped files). */
  notice?: (line: string) => void;
  onError?: (error: CollectionError) => void;
}

/** Live (collected or inventory files) with the pre-deploy files laid over it, validated. */
export async function buildScanInventory(spec: ScanInventorySpec): Promise<{ inventory: Inventory; inputs: string[] }> {
  const planned = readPreDeployInputs(spec, spec.config, spec.now.toISOString());
  for (const p of planned) {
    if (p.progress !== undefined) spec.progress?.(p.progress);
    for (const line of p.notices ?? []) spec.notice?.(line);
  }
  const inputs = [...spec.inventoryFiles];
  let live: Inventory | null = null;
  if (spec.inventoryFiles.length > 0) {
    const parts: InventoryPart[] = [];
    for (const file of spec.inventoryFiles) parts.push(await loadInventoryFile(file));
    live = parts.length === 1 ? parts[0]!.inventory : mergeInventories(parts);
  } else if (spec.collect && spec.config && configHasSources(spec.config)) {
    live = await collectFromConfig(spec.config, {
      ...(spec.progress ? { progress: spec.progress } : {}),
      ...(spec.onError ? { onError: spec.onError } : {}),
      now: () => spec.now,
    });
    inputs.push(spec.config.file);
  }
  if (live === null && planned.length === 0) {
    throw new ScvGuardError('usage', 'nothing to scan: give --inventory FILE, --plan FILE, --flows DIR, or a --config that names aws accounts or salesforce orgs');
  }
  inputs.push(...planned.map((p) => p.file));
  const combined = live === null ? plannedOnly(planned, spec.now.toISOString()) : overlayPlanned(live, planned);
  const placed = applyConfiguredEnvironments(combined, spec.config);
  return { inventory: finishInventory(placed, spec.config?.environments ?? [], inputs.join(', ')), inputs };
}
