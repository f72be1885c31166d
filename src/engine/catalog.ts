/**
 * The rule catalog: each rule package's METADATA (the single source of truth) → RuleMeta.
 * A rule package is a module under `scv.rules.` that is not a test file. Its package-scoped
 * `# METADATA` block must give title, description and custom.{id, severity, remediation};
 * custom.tags, custom.frameworks, custom.inputs and related_resources are optional but checked when
 * present (every built-in rule declares custom.inputs; test/policies/catalog.test.ts checks it).
 * Anything wrong is a ScvGuardError 'policy' naming the file and line.
 */
import type { Module } from '../rego/ast.js';
import type { Annotation } from '../rego/index.js';
import type { RelatedResource, RuleMeta } from '../findings/model.js';
import { isSeverity, SEVERITIES } from '../findings/severity.js';
import { ScvGuardError } from '../errors.js';
import { isKnownSection } from '../inventory/sections.js';
import { setOwn } from '../own-properties.js';

/** Where rule packages live: `data.scv.rules.<family>.<name>`. */
export const RULES_PACKAGE_PREFIX = ['scv', 'rules'] as const;

/** Rule ids: upper-case words joined by dashes, e.g. SCV-ACCT-001 or ACME-VOICE-7. */
export const RULE_ID_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

export function isRulePackage(packagePath: readonly string[]): boolean {
  return (
    packagePath.length > RULES_PACKAGE_PREFIX.length &&
    RULES_PACKAGE_PREFIX.every((p, i) => packagePath[i] === p)
  );
}

function fail(message: string, file: string, line: number): never {
  throw new ScvGuardError('policy', message, { file, line });
}

function stringList(value: unknown, what: string, file: string, line: number): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string' && v !== '')) {
    fail(`METADATA ${what} must be a list of non-empty strings`, file, line);
  }
  return value;
}

function text(value: unknown, what: string, file: string, line: number): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`METADATA lacks ${what} (a non-empty string)`, file, line);
  return value.trim();
}

/** RuleMeta of one rule module from its package-scoped METADATA. */
export function ruleMetaFromModule(mod: Module): RuleMeta {
  const file = mod.file;
  const pkgLine = mod.packageLoc.row;
  const pkg = mod.packagePath.join('.');
  const blocks = mod.annotations.filter((a) => a.scope === 'package');
  if (blocks.length === 0) fail(`rule package ${pkg} has no package-scoped METADATA block`, file, pkgLine);
  if (blocks.length > 1) fail(`rule package ${pkg} has ${blocks.length} package METADATA blocks; keep one`, file, blocks[1]!.location.row);
  const ann: Annotation = blocks[0]!;
  const line = ann.location.row;
  if (!mod.rules.some((r) => r.path?.[mod.packagePath.length] === 'deny')) {
    fail(`rule package ${pkg} has no deny rule`, file, pkgLine);
  }
  const custom = ann.custom;
  if (!custom || typeof custom !== 'object') fail('METADATA lacks custom: {id, severity, remediation}', file, line);
  const id = text(custom['id'], 'custom.id', file, line);
  if (!RULE_ID_PATTERN.test(id)) fail(`METADATA custom.id ${JSON.stringify(id)} is not a rule id like SCV-ACCT-001`, file, line);
  const severity = custom['severity'];
  if (!isSeverity(severity)) {
    fail(`METADATA custom.severity must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(severity)}`, file, line);
  }
  const tags = custom['tags'] === undefined ? [] : stringList(custom['tags'], 'custom.tags', file, line);
  const frameworks: Record<string, string[]> = {};
  if (custom['frameworks'] !== undefined) {
    const fw = custom['frameworks'];
    if (!fw || typeof fw !== 'object' || Array.isArray(fw)) fail('METADATA custom.frameworks must map a framework to a list of controls', file, line);
    for (const [name, controls] of Object.entries(fw)) {
      setOwn(frameworks, name, stringList(controls, `custom.frameworks.${name}`, file, line));
    }
  }
  let inputs: string[] | undefined;
  if (custom['inputs'] !== undefined) {
    inputs = stringList(custom['inputs'], 'custom.inputs', file, line);
    if (inputs.length === 0) fail('METADATA custom.inputs must name at least one inventory section', file, line);
    for (const input of inputs) {
      if (!isKnownSection(input)) {
        fail(`METADATA custom.inputs names ${JSON.stringify(input)}, which is not an inventory section (e.g. aws.iamRoles, aws.connectInstances.storage, salesforce.contactCenters)`, file, line);
      }
    }
  }
  const known = new Set(['id', 'severity', 'remediation', 'tags', 'frameworks', 'inputs']);
  for (const key of Object.keys(custom)) {
    if (!known.has(key)) fail(`METADATA custom has unknown key ${JSON.stringify(key)} (expected ${[...known].join(', ')})`, file, line);
  }
  const relatedResources: RelatedResource[] = (ann.related_resources ?? []).map((r) => ({
    ref: r.ref,
    ...(r.description !== undefined ? { description: r.description } : {}),
  }));
  return {
    id,
    title: text(ann.title, 'title', file, line),
    description: text(ann.description, 'description', file, line),
    severity,
    remediation: text(custom['remediation'], 'custom.remediation', file, line),
    tags,
    frameworks,
    relatedResources,
    ...(inputs ? { inputs } : {}),
    package: pkg,
    location: { file, line },
  };
}

/**
 * The catalog of every rule module (test files left out by the caller), sorted by id.
 * A repeated id or a package defined by two files is an error naming both files.
 */
export function buildCatalog(modules: readonly Module[]): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  const byPackage = new Map<string, string>();
  for (const mod of modules) {
    if (!isRulePackage(mod.packagePath)) continue;
    const pkg = mod.packagePath.join('.');
    const other = byPackage.get(pkg);
    if (other !== undefined) {
      fail(`rule package ${pkg} is also defined in ${other}; keep one rule per file`, mod.file, mod.packageLoc.row);
    }
    byPackage.set(pkg, mod.file);
    const meta = ruleMetaFromModule(mod);
    const seen = byId.get(meta.id);
    if (seen) {
      fail(`rule id ${meta.id} is already used by ${seen.location.file}:${seen.location.line}`, meta.location.file, meta.location.line);
    }
    byId.set(meta.id, meta);
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
