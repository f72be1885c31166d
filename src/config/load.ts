/**
 * Loads scv-guard.yaml: YAML (line numbers in every error, duplicate keys rejected, bounded
 * aliases) → `${VAR}` interpolation → JSON Schema (unknown keys are errors with their path) →
 * inline-secret check → cross-references (environment names, duplicates) → ScannerConfig with
 * defaults. Relative paths in the config are relative to the config file's folder.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, isNode, type Document } from 'yaml';
import { readInputFileSync } from '../input/read.js';
import { parseYamlInput } from '../input/yaml.js';
import { ScvGuardError } from '../errors.js';
import type { Environment } from '../inventory/types.js';
import type { Waiver } from '../findings/model.js';
import type { AwsConfig, ConfigEntryPositions, ScannerConfig, SalesforceConfig, PoliciesConfig, ReportConfig } from './types.js';
import { checkConfigShape, formatKeyPath, normalizeEnumCase } from './schema.js';
import { interpolateConfig, type KeyPath } from './interpolate.js';
import { checkInlineSecrets } from './secrets.js';
import { setOwn } from '../own-properties.js';

/** Upper bound on alias expansions: a config never needs many, a "billion laughs" document does. */
export const MAX_ALIAS_COUNT = 50;

export interface LoadConfigOptions {
  /** Variables for `${VAR}`; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** Config after the schema check, before defaults: the shape of the YAML document. */
interface RawConfig {
  environments?: Environment[];
  salesforce?: SalesforceConfig;
  aws?: Partial<AwsConfig>;
  policies?: PoliciesConfig;
  settings?: Record<string, unknown>;
  waivers?: Waiver[];
  report?: ReportConfig & { scope?: string };
  flowParameters?: Record<string, Record<string, string>>;
}

export function loadConfig(file: string, opts: LoadConfigOptions = {}): ScannerConfig {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new ScvGuardError('input-read', 'cannot read config: file not found', { file });
  return parseConfig(readInputFileSync(abs, { what: 'config' }), file, opts);
}

/** Parses config text; `file` is used for messages and as the base of relative paths. */
export function parseConfig(text: string, file: string, opts: LoadConfigOptions = {}): ScannerConfig {
  const env = opts.env ?? process.env;
  const { doc, lineCounter } = parseYamlInput(text, file, { uniqueKeys: true, version: '1.2' });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) {
    const pos = lineCounter.linePos(problem.pos[0]);
    throw new ScvGuardError('config', firstLine(problem.message), { file, line: pos.line, column: pos.col });
  }
  let parsed: unknown;
  try {
    parsed = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new ScvGuardError('config', `${firstLine((err as Error).message)} (at most ${MAX_ALIAS_COUNT} alias expansions)`, { file });
  }
  if (parsed === null || parsed === undefined) parsed = {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ScvGuardError('config', 'expected a mapping of sections (environments, salesforce, aws, ...)', { file, line: 1 });
  }

  const fail = (segments: KeyPath, message: string, more = 0): never => {
    const suffix = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '';
    throw new ScvGuardError('config', message + suffix, { file, line: lineOf(doc, lineCounter, segments), path: formatKeyPath(segments) });
  };

  const interpolated = interpolateConfig(parsed, env);
  if (interpolated.issues.length > 0) {
    const [first] = interpolated.issues;
    fail(first!.segments, first!.message, interpolated.issues.length - 1);
  }
  // Enum values in any case (`failOn: HIGH`), as the schema spells them from here on.
  interpolated.value = normalizeEnumCase(interpolated.value);
  const shape = checkConfigShape(interpolated.value);
  if (shape.length > 0) fail(shape[0]!.segments, shape[0]!.message, shape.length - 1);
  const secrets = checkInlineSecrets(parsed, interpolated.value, interpolated.wholeReferences);
  if (secrets.length > 0) fail(secrets[0]!.segments, secrets[0]!.message, secrets.length - 1);

  const raw = interpolated.value as RawConfig;
  checkReferences(raw, fail);
  const config = buildConfig(raw, resolve(file), env, fail);
  config.entries = entryPositions(doc, lineCounter, raw);
  return config;
}

/** Where each `aws.accounts[]` entry (by id) and `salesforce.orgs[]` entry (by alias) starts. */
function entryPositions(doc: Document, lines: LineCounter, raw: RawConfig): ConfigEntryPositions {
  const at = (path: KeyPath): { line: number; column: number } | null => {
    const node = doc.getIn(path, true);
    if (!isNode(node) || !node.range) return null;
    const pos = lines.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  };
  const entries: ConfigEntryPositions = { awsAccounts: {}, salesforceOrgs: {} };
  (raw.aws?.accounts ?? []).forEach((a, i) => {
    const pos = at(['aws', 'accounts', i]);
    if (pos) entries.awsAccounts[a.id] = pos;
  });
  (raw.salesforce?.orgs ?? []).forEach((o, i) => {
    const pos = at(['salesforce', 'orgs', i]);
    if (pos) setOwn(entries.salesforceOrgs, o.alias, pos);
  });
  return entries;
}

function checkReferences(raw: RawConfig, fail: (segments: KeyPath, message: string) => never): void {
  const envNames = new Set<string>();
  (raw.environments ?? []).forEach((e, i) => {
    if (envNames.has(e.name)) fail(['environments', i, 'name'], `environment ${JSON.stringify(e.name)} is declared twice`);
    envNames.add(e.name);
  });
  const known = (segments: KeyPath, name: string | undefined): void => {
    if (name !== undefined && !envNames.has(name)) {
      fail(segments, `unknown environment ${JSON.stringify(name)}; declare it under environments`);
    }
  };
  const aliases = new Set<string>();
  (raw.salesforce?.orgs ?? []).forEach((org, i) => {
    if (aliases.has(org.alias)) fail(['salesforce', 'orgs', i, 'alias'], `org alias ${JSON.stringify(org.alias)} is used twice`);
    aliases.add(org.alias);
    known(['salesforce', 'orgs', i, 'environment'], org.environment);
  });
  const accounts = new Set<string>();
  (raw.aws?.accounts ?? []).forEach((acct, i) => {
    if (accounts.has(acct.id)) fail(['aws', 'accounts', i, 'id'], `account ${acct.id} is listed twice`);
    accounts.add(acct.id);
    known(['aws', 'accounts', i, 'environment'], acct.environment);
    if (acct.profile !== undefined && acct.assumeRole !== undefined) {
      fail(['aws', 'accounts', i], 'set either profile or assumeRole, not both');
    }
  });
  known(['aws', 'organizations', 'environment'], raw.aws?.organizations?.environment);
  (raw.waivers ?? []).forEach((w, i) => known(['waivers', i, 'environment'], w.environment));
  for (const name of Object.keys(raw.flowParameters ?? {})) known(['flowParameters', name], name);
}

function buildConfig(
  raw: RawConfig,
  file: string,
  env: Record<string, string | undefined>,
  fail: (segments: KeyPath, message: string) => never,
): ScannerConfig {
  const base = dirname(file);
  const fromConfigDir = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const config: ScannerConfig = {
    file,
    environments: raw.environments ?? [],
    policies: { ...raw.policies, ...(raw.policies?.paths ? { paths: raw.policies.paths.map(fromConfigDir) } : {}) },
    settings: raw.settings ?? {},
    waivers: raw.waivers ?? [],
    report: { ...raw.report, ...(raw.report?.outputDir ? { outputDir: fromConfigDir(raw.report.outputDir) } : {}) },
    ...(raw.flowParameters !== undefined ? { flowParameters: raw.flowParameters } : {}),
  };
  if (raw.salesforce !== undefined) {
    config.salesforce = {
      ...raw.salesforce,
      orgs: raw.salesforce.orgs.map((org) =>
        org.auth.method === 'jwt' ? { ...org, auth: { ...org.auth, privateKeyFile: fromConfigDir(org.auth.privateKeyFile) } } : org,
      ),
    };
  }
  if (raw.aws !== undefined) {
    const envRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    const regions = raw.aws.regions ?? (envRegion ? [envRegion] : undefined);
    if (regions === undefined) fail(['aws', 'regions'], 'required key is missing (or set AWS_REGION)');
    const accounts = raw.aws.accounts ?? [];
    if (accounts.length === 0 && raw.aws.organizations?.discover !== true) {
      fail(['aws', 'accounts'], 'list at least one account, or set organizations.discover: true');
    }
    config.aws = { ...raw.aws, regions: regions!, accounts };
  }
  return config;
}

/** Line of the deepest node of `segments` that exists in the document (1-based). */
function lineOf(doc: Document, lines: LineCounter, segments: KeyPath): number | undefined {
  for (let n = segments.length; n >= 0; n -= 1) {
    const path = segments.slice(0, n);
    const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isNode(node) && node.range) {
      const keyLine = keyLineOf(doc, path, lines);
      return keyLine ?? lines.linePos(node.range[0]).line;
    }
  }
  return undefined;
}

/** A mapping value's own line may be the next one (block values); prefer the key's line. */
function keyLineOf(doc: Document, path: KeyPath, lines: LineCounter): number | undefined {
  if (path.length === 0) return undefined;
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  const last = path[path.length - 1];
  const items = (parent as { items?: unknown[] } | null)?.items;
  if (!Array.isArray(items) || typeof last !== 'string') return undefined;
  for (const item of items) {
    const key = (item as { key?: unknown }).key;
    if (isNode(key) && (key as { value?: unknown }).value === last && key.range) return lines.linePos(key.range[0]).line;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
