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
import { ScvGuardError, throwProblems, type ErrorLocation, type Problem } from '../errors.js';
import type { Environment } from '../inventory/types.js';
import type { Waiver } from '../findings/model.js';
import type { AwsConfig, ConfigEntryPositions, ScannerConfig, SalesforceConfig, PoliciesConfig, ReportConfig } from './types.js';
import { checkConfigShape, formatKeyPath, normalizeEnumCase } from './schema.js';
import { interpolateConfig, type KeyPath } from './interpolate.js';
import { checkInlineSecrets } from './secrets.js';
import { setOwn } from '../own-properties.js';
import { recordOf } from '../plain-objects.js';

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

/** A config as read: the config when it has no problems, and every problem found. */
export interface ConfigReading {
  /** Absolute path of the config file. */
  file: string;
  /** The config; undefined when it has problems (the document could not be trusted). */
  config: ScannerConfig | undefined;
  /** Every problem, in the order of the file: message, file, line, column, key path. */
  problems: Problem[];
  /** The parsed, interpolated document (undefined when it did not parse): later checks read it. */
  document: Record<string, unknown> | undefined;
  /** Where a key path is in the file (line of its deepest existing node), for problems found later. */
  locate(segments: KeyPath): ErrorLocation;
}

export function loadConfig(file: string, opts: LoadConfigOptions = {}): ScannerConfig {
  return configOrThrow(readConfig(file, opts));
}

/** Parses config text; `file` is used for messages and as the base of relative paths. */
export function parseConfig(text: string, file: string, opts: LoadConfigOptions = {}): ScannerConfig {
  return configOrThrow(readConfigText(text, file, opts));
}

/** The config, or every problem as one error. */
export function configOrThrow(reading: ConfigReading): ScannerConfig {
  throwProblems('config', reading.problems);
  return reading.config!;
}

/** Reads a config file and collects its problems without throwing (a missing file throws). */
export function readConfig(file: string, opts: LoadConfigOptions = {}): ConfigReading {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new ScvGuardError('input-read', 'cannot read config: file not found', { file });
  return readConfigText(readInputFileSync(abs, { what: 'config' }), file, opts);
}

/** Where a key path of a loaded config is (file, line, column, path); without a line when the config was not loaded from text. */
export function configLocation(config: ScannerConfig, segments: KeyPath): ErrorLocation {
  return LOCATORS.get(config)?.(segments) ?? { file: config.file, path: formatKeyPath(segments) };
}

const LOCATORS = new WeakMap<ScannerConfig, (segments: KeyPath) => ErrorLocation>();

/** Parses config text and collects every problem: syntax, variables, schema, secrets, references. */
export function readConfigText(text: string, file: string, opts: LoadConfigOptions = {}): ConfigReading {
  const env = opts.env ?? process.env;
  const { doc, lineCounter } = parseYamlInput(text, file, { uniqueKeys: true, version: '1.2' });
  const locate = (segments: KeyPath): ErrorLocation => {
    const pos = positionOf(doc, lineCounter, segments);
    // File, line and key path: the path says more than a column would.
    return { file, ...(pos ? { line: pos.line } : {}), ...(segments.length > 0 ? { path: formatKeyPath(segments) } : {}) };
  };
  const abs = resolve(file);
  const unread = (problems: Problem[]): ConfigReading => ({ file: abs, config: undefined, problems, document: undefined, locate });
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length > 0) {
    return unread(
      syntax.map((problem) => {
        const pos = lineCounter.linePos(problem.pos[0]);
        return { message: firstLine(problem.message), location: { file, line: pos.line, column: pos.col } };
      }),
    );
  }
  let parsed: unknown;
  try {
    parsed = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return unread([{ message: `${firstLine((err as Error).message)} (at most ${MAX_ALIAS_COUNT} alias expansions)`, location: { file } }]);
  }
  if (parsed === null || parsed === undefined) parsed = {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return unread([{ message: 'expected a mapping of sections (environments, salesforce, aws, ...)', location: { file, line: 1 } }]);
  }

  const issues: { segments: KeyPath; message: string }[] = [];
  const interpolated = interpolateConfig(parsed, env);
  issues.push(...interpolated.issues);
  // Enum values in any case (`failOn: HIGH`), as the schema spells them from here on.
  interpolated.value = normalizeEnumCase(interpolated.value);
  // A value whose variable is missing is not checked against the schema too: one problem, its cause.
  const unresolved = new Set(interpolated.issues.map((i) => formatKeyPath(i.segments)));
  const shape = checkConfigShape(interpolated.value).filter((i) => !unresolved.has(i.path));
  issues.push(...shape);
  issues.push(...checkInlineSecrets(parsed, interpolated.value, interpolated.wholeReferences));
  const document = interpolated.value as Record<string, unknown>;
  issues.push(...referenceIssues(document), ...completenessIssues(document, env));

  const problems = issues
    .map((i) => ({ message: i.message, location: locate(i.segments) }))
    .sort((a, b) => (a.location.line ?? Number.MAX_SAFE_INTEGER) - (b.location.line ?? Number.MAX_SAFE_INTEGER));
  if (problems.length > 0) return { file: abs, config: undefined, problems, document, locate };
  const raw = document as RawConfig;
  const config = buildConfig(raw, abs, env);
  config.entries = entryPositions(doc, lineCounter, raw);
  LOCATORS.set(config, locate);
  return { file: abs, config, problems, document, locate };
}

/** Where each `aws.accounts[]` entry (by id), `salesforce.orgs[]` entry (by alias) and `waivers[]` entry starts. */
function entryPositions(doc: Document, lines: LineCounter, raw: RawConfig): ConfigEntryPositions {
  const at = (path: KeyPath): { line: number; column: number } | null => {
    const node = doc.getIn(path, true);
    if (!isNode(node) || !node.range) return null;
    const pos = lines.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  };
  const entries: ConfigEntryPositions = { awsAccounts: {}, salesforceOrgs: {}, waivers: [] };
  (raw.aws?.accounts ?? []).forEach((a, i) => {
    const pos = at(['aws', 'accounts', i]);
    if (pos) entries.awsAccounts[a.id] = pos;
  });
  (raw.salesforce?.orgs ?? []).forEach((o, i) => {
    const pos = at(['salesforce', 'orgs', i]);
    if (pos) setOwn(entries.salesforceOrgs, o.alias, pos);
  });
  entries.waivers = (raw.waivers ?? []).map((_, i) => at(['waivers', i])?.line ?? null);
  return entries;
}

type Issue = { segments: KeyPath; message: string };

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const stringOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Names declared twice, environments not declared, profile and assumeRole together. Reads the
 * document defensively: it may also have schema problems, reported beside these.
 */
function referenceIssues(doc: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  const envNames = new Set<string>();
  listOf(doc.environments).forEach((e, i) => {
    const name = stringOf(recordOf(e).name);
    if (name === undefined) return;
    if (envNames.has(name)) issues.push({ segments: ['environments', i, 'name'], message: `environment ${JSON.stringify(name)} is declared twice` });
    envNames.add(name);
  });
  const known = (segments: KeyPath, name: unknown): void => {
    if (typeof name === 'string' && !envNames.has(name)) {
      issues.push({ segments, message: `unknown environment ${JSON.stringify(name)}; declare it under environments` });
    }
  };
  const salesforce = recordOf(doc.salesforce);
  const aws = recordOf(doc.aws);
  const aliases = new Set<string>();
  listOf(salesforce.orgs).forEach((o, i) => {
    const org = recordOf(o);
    const alias = stringOf(org.alias);
    if (alias !== undefined && aliases.has(alias)) issues.push({ segments: ['salesforce', 'orgs', i, 'alias'], message: `org alias ${JSON.stringify(alias)} is used twice` });
    if (alias !== undefined) aliases.add(alias);
    known(['salesforce', 'orgs', i, 'environment'], org.environment);
  });
  const accounts = new Set<string>();
  listOf(aws.accounts).forEach((a, i) => {
    const acct = recordOf(a);
    const id = stringOf(acct.id);
    if (id !== undefined && accounts.has(id)) issues.push({ segments: ['aws', 'accounts', i, 'id'], message: `account ${id} is listed twice` });
    if (id !== undefined) accounts.add(id);
    known(['aws', 'accounts', i, 'environment'], acct.environment);
    if (acct.profile !== undefined && acct.assumeRole !== undefined) {
      issues.push({ segments: ['aws', 'accounts', i], message: 'set either profile or assumeRole, not both' });
    }
  });
  known(['aws', 'organizations', 'environment'], recordOf(aws.organizations).environment);
  listOf(doc.waivers).forEach((w, i) => known(['waivers', i, 'environment'], recordOf(w).environment));
  for (const name of Object.keys(recordOf(doc.flowParameters))) known(['flowParameters', name], name);
  return issues;
}

/** What the AWS section needs besides its schema: regions (or AWS_REGION) and accounts (or discovery). */
function completenessIssues(doc: Record<string, unknown>, env: Record<string, string | undefined>): Issue[] {
  if (doc.aws === undefined || recordOf(doc.aws) !== doc.aws) return [];
  const aws = doc.aws as Record<string, unknown>;
  const issues: Issue[] = [];
  if (aws.regions === undefined && !(env.AWS_REGION || env.AWS_DEFAULT_REGION)) {
    issues.push({ segments: ['aws', 'regions'], message: 'required key is missing (or set AWS_REGION)' });
  }
  const noAccounts = aws.accounts === undefined || (Array.isArray(aws.accounts) && aws.accounts.length === 0);
  if (noAccounts && recordOf(aws.organizations).discover !== true) {
    issues.push({ segments: ['aws', 'accounts'], message: 'list at least one account, or set organizations.discover: true' });
  }
  return issues;
}

/** The config with defaults and resolved paths, from a document without problems. */
function buildConfig(raw: RawConfig, file: string, env: Record<string, string | undefined>): ScannerConfig {
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
    // completenessIssues made sure there are regions (or AWS_REGION).
    const regions = raw.aws.regions ?? [envRegion!];
    config.aws = { ...raw.aws, regions, accounts: raw.aws.accounts ?? [] };
  }
  return config;
}

/** Line and column of the deepest node of `segments` that exists in the document (1-based); a key's own position for mapping values. */
function positionOf(doc: Document, lines: LineCounter, segments: KeyPath): { line: number; column: number } | undefined {
  for (let n = segments.length; n >= 0; n -= 1) {
    const path = segments.slice(0, n);
    const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isNode(node) && node.range) {
      const pos = keyPositionOf(doc, path, lines) ?? lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

/** A mapping value's own line may be the next one (block values); prefer the key's position. */
function keyPositionOf(doc: Document, path: KeyPath, lines: LineCounter): { line: number; col: number } | undefined {
  if (path.length === 0) return undefined;
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  const last = path[path.length - 1];
  const items = (parent as { items?: unknown[] } | null)?.items;
  if (!Array.isArray(items) || typeof last !== 'string') return undefined;
  for (const item of items) {
    const key = (item as { key?: unknown }).key;
    if (isNode(key) && (key as { value?: unknown }).value === last && key.range) return lines.linePos(key.range[0]);
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
