/**
 * SARIF 2.1.0 (DESIGN.md "SARIF mapping"): one run, every catalog rule as a descriptor, one result
 * per finding with a physical location in a file under the scan's root (the first of the
 * finding's locations that is: its declaration, a config entry, an inventory entry, an input file,
 * the rule's .rego file), the resource as a logical location, a stable partial fingerprint,
 * baseline state and suppressions. URIs are relative to the root: never `../`, absolute or
 * `node_modules` paths, which GitHub code scanning cannot show.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, FindingLocation, ResourceRef, RuleMeta, UnmatchedWaiver } from '../findings/model.js';
import { unmatchedWaiverText } from '../findings/waivers.js';
import { SECURITY_SEVERITY, type Severity } from '../findings/severity.js';
import { PROJECT_URL, TOOL_NAME, findingLocations, pathUnderRoot, ruleDocUrl, statusExplanation, viewOf, type ReportView, type RuleStatus } from './common.js';
import type { Formatter, ReportInput } from './types.js';
import { escapeControlChars, jsonOutput } from '../text/control-chars.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Name of the partial fingerprint; bump the version if the fingerprint recipe ever changes. */
export const FINGERPRINT_KEY = 'scvGuard/v1';
const SRCROOT = 'SRCROOT';

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
    case 'info':
      return 'note';
  }
}

const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * "Flow invokes a Lambda function of another AWS account" → "FlowInvokesLambdaFunctionOfAnotherAwsAccount"
 * (SARIF rule `name`: one Pascal-case identifier; articles dropped, acronyms as words, no
 * single-letter words, which would give two capitals in a row).
 */
export function pascalCaseName(title: string, fallbackId: string): string {
  const name = pascalWords(title) || pascalWords(fallbackId);
  return /^[0-9]/.test(name) ? `Rule${name}` : name;
}

function pascalWords(text: string): string {
  let name = '';
  for (const word of text.split(/[^A-Za-z0-9]+/)) {
    if (word === '' || ARTICLES.has(word.toLowerCase())) continue;
    if (word.length === 1 && name !== '') {
      name += word.toLowerCase();
      continue;
    }
    const rest = /^[A-Z0-9]+$/.test(word) ? word.slice(1).toLowerCase() : word.slice(1);
    name += word.charAt(0).toUpperCase() + rest;
  }
  return name;
}

function isWebUri(ref: string): boolean {
  return /^https?:\/\//i.test(ref);
}

function helpText(rule: RuleMeta): string {
  const parts = [rule.description.trim(), `Remediation: ${rule.remediation.trim()}`];
  if (rule.relatedResources.length > 0) {
    const refs = rule.relatedResources.map((r) => `- ${r.description ? `${r.description}: ` : ''}${r.ref}`);
    parts.push(`Related resources:\n${refs.join('\n')}`);
  }
  return parts.join('\n\n');
}

function helpMarkdown(rule: RuleMeta): string {
  const parts = [rule.description.trim(), `**Remediation:** ${rule.remediation.trim()}`];
  if (rule.relatedResources.length > 0) {
    const refs = rule.relatedResources.map((r) =>
      isWebUri(r.ref) ? `- [${r.description ?? r.ref}](${r.ref})` : `- ${r.description ? `${r.description}: ` : ''}\`${r.ref}\``,
    );
    parts.push(`**Related resources**\n\n${refs.join('\n')}`);
  }
  return parts.join('\n\n');
}

function ruleDescriptor(rule: RuleMeta): Sarif.ReportingDescriptor {
  const firstWebRef = rule.relatedResources.find((r) => isWebUri(r.ref));
  const tags = rule.tags.includes('security') ? [...rule.tags] : [...rule.tags, 'security'];
  const properties: Sarif.PropertyBag = {
    'security-severity': SECURITY_SEVERITY[rule.severity],
    tags,
    precision: 'high',
  };
  const frameworks = Object.keys(rule.frameworks).sort();
  if (frameworks.length > 0) {
    properties.frameworks = Object.fromEntries(frameworks.map((f) => [f, [...(rule.frameworks[f] ?? [])]]));
  }
  return {
    id: rule.id,
    name: pascalCaseName(rule.title, rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    // A custom rule without a web reference has no page of its own: no helpUri rather than a wrong one.
    ...(firstWebRef ? { helpUri: firstWebRef.ref } : rule.custom ? {} : { helpUri: ruleDocUrl(rule.id) }),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties,
  };
}

function encodePath(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

/** A file under the root as a URI relative to SRCROOT; null for any other file. */
function artifactLocation(file: string, rootDir: string): Sarif.ArtifactLocation | null {
  const relative = pathUnderRoot(file, rootDir);
  return relative === null ? null : { uri: encodePath(relative), uriBaseId: SRCROOT };
}

/** A location as a SARIF physical location, or null when its file is not under the root. */
function physicalLocation(location: FindingLocation, rootDir: string): Sarif.PhysicalLocation | null {
  const artifact = artifactLocation(location.file, rootDir);
  return artifact === null ? null : { artifactLocation: artifact, region: region(location) };
}

function logicalLocation(resource: ResourceRef): Sarif.LogicalLocation {
  return { fullyQualifiedName: resource.arn ?? resource.id, kind: 'resource' };
}

/** Start line (1 at least) and, where known, start column (one-line plans, minified templates). */
function region(location: FindingLocation): Sarif.Region {
  const out: Sarif.Region = { startLine: Math.max(1, location.line) };
  const { column } = location;
  if (column !== undefined && location.line >= 1 && column >= 1) out.startColumn = column;
  return out;
}

const RELATED_PLACE: Record<FindingLocation['kind'], string> = {
  declaration: 'Also introduced here',
  config: 'Config entry',
  inventory: 'Inventory entry',
  input: 'Input file',
  rule: 'Rule',
};

function result(finding: Finding, status: RuleStatus, rootDir: string): Sarif.Result {
  // Every place under the root, best first: the first is where the result is shown; the other
  // declarations (further planned changes that take part) are related locations.
  const places = findingLocations(finding)
    .map((location) => ({ location, physical: physicalLocation(location, rootDir) }))
    .filter((p): p is { location: FindingLocation; physical: Sarif.PhysicalLocation } => p.physical !== null);
  const [primary, ...others] = places;
  const logical = [logicalLocation(finding.resource)];
  const location: Sarif.Location = primary ? { physicalLocation: primary.physical, logicalLocations: logical } : { logicalLocations: logical };
  const out: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex: status.index,
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [location],
  };
  const related: Sarif.Location[] = [
    ...others
      .filter((p) => p.location.kind === 'declaration')
      .map((p) => ({ physicalLocation: p.physical, message: { text: RELATED_PLACE[p.location.kind] } })),
    ...finding.related.map((r) => ({ message: { text: `Related ${r.type}: ${r.arn ?? r.id}` }, logicalLocations: [logicalLocation(r)] })),
  ];
  if (related.length > 0) out.relatedLocations = related.map((r, i) => ({ id: i + 1, ...r }));
  out.partialFingerprints = { [FINGERPRINT_KEY]: finding.fingerprint };
  if (finding.baselineState !== undefined) out.baselineState = finding.baselineState;
  if (finding.waiver !== undefined) {
    out.suppressions = [
      {
        kind: 'external',
        status: 'accepted',
        justification: finding.waiver.reason,
        properties: { expires: finding.waiver.expires },
      },
    ];
  }
  const properties: Sarif.PropertyBag = { severity: finding.severity, resourceType: finding.resource.type };
  if (finding.resource.environment != null) properties.environment = finding.resource.environment;
  out.properties = properties;
  return out;
}

/** SRCROOT as an absolute directory URI (ends in `/`) when rootDir is absolute. */
function srcRoot(rootDir: string): Sarif.ArtifactLocation {
  if (!path.isAbsolute(rootDir)) return { description: { text: `Directory the scan ran in (${rootDir}).` } };
  const href = pathToFileURL(rootDir).href;
  return { uri: href.endsWith('/') ? href : `${href}/` };
}

/** A waiver that matched no finding: a configuration warning at its entry in the config file (when under the root). */
function unmatchedWaiverNotification(unmatched: UnmatchedWaiver, view: ReportView, rootDir: string): Sarif.Notification {
  const artifact = unmatched.location ? artifactLocation(unmatched.location.file, rootDir) : null;
  const status = view.byId.get(unmatched.waiver.rule);
  return {
    level: 'warning',
    message: { text: `waivers[${unmatched.index}]: ${unmatchedWaiverText(unmatched)}` },
    ...(artifact !== null && unmatched.location
      ? { locations: [{ physicalLocation: { artifactLocation: artifact, region: { startLine: Math.max(1, unmatched.location.line) } } }] }
      : {}),
    ...(status ? { associatedRule: { id: status.rule.id, index: status.index } } : {}),
    properties: { unmatchedWaiver: { rule: unmatched.waiver.rule, resource: unmatched.waiver.resource, index: unmatched.index } },
  };
}

export function buildSarif(input: ReportInput): Sarif.Log {
  const view = viewOf(input);
  const { run } = input;
  // A rule that could not check everything is never a silent pass: a notification says why
  // (error for could-not-evaluate, warning for incomplete; both gate the scan).
  const notifications: Sarif.Notification[] = view.rules
    .filter((s) => s.outcome === 'could-not-evaluate' || s.outcome === 'incomplete')
    .map((s) => ({
      level: s.outcome === 'could-not-evaluate' ? 'error' : 'warning',
      message: {
        text:
          s.outcome === 'could-not-evaluate'
            ? `Rule ${s.rule.id} could not be evaluated: ${s.error ?? 'no reason given'}`
            : `Rule ${s.rule.id} is incomplete: ${statusExplanation(s)}`,
      },
      associatedRule: { id: s.rule.id, index: s.index },
      properties: { outcome: s.outcome },
    }));
  const unplaced = view.findings.filter((f) => !findingLocations(f).some((l) => pathUnderRoot(l.file, run.rootDir) !== null)).length;
  if (unplaced > 0) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${unplaced} result(s) have no file under the scan root ${run.rootDir}: they carry only a logical location, which GitHub code scanning does not accept. Keep the config, inventory or plan files in the repository, or pass --root.`,
      },
    });
  }
  const invocationProperties: Sarif.PropertyBag = { engine: run.engine, failOn: run.failOn, inputs: [...run.inputs] };
  if (run.baselineFile !== undefined) invocationProperties.baselineFile = run.baselineFile;
  const invocation: Sarif.Invocation = { executionSuccessful: true, endTimeUtc: run.generatedAt };
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;
  const configNotifications = (input.unmatchedWaivers ?? []).map((u) => unmatchedWaiverNotification(u, view, run.rootDir));
  if (configNotifications.length > 0) invocation.toolConfigurationNotifications = configNotifications;
  invocation.properties = invocationProperties;

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: run.toolVersion,
            semanticVersion: run.toolVersion,
            informationUri: PROJECT_URL,
            rules: view.rules.map((s) => ruleDescriptor(s.rule)),
          },
        },
        automationDetails: { id: `${TOOL_NAME}/${run.scope}/` },
        originalUriBaseIds: { [SRCROOT]: srcRoot(run.rootDir) },
        invocations: [invocation],
        results: view.findings.map((f) => {
          const status = view.byId.get(f.ruleId);
          if (!status) throw new Error(`report input: finding for unknown rule ${f.ruleId}`);
          return result(f, status, run.rootDir);
        }),
      },
    ],
  };
}

/**
 * People read a SARIF log's message strings — the `text` and `markdown` of every message object
 * (results, related locations, rule descriptions and help, notifications) — in a code-scanning
 * view: control characters in them are shown as visible escapes (`\x1b`, `\u{202e}`), as in the
 * Markdown report. Every other string keeps its value; the JSON text escapes the controls that
 * JSON.stringify leaves raw (DEL, C1, bidirectional) as `\uXXXX`.
 */
function messageStringsVisible(key: string, value: unknown): unknown {
  return (key === 'text' || key === 'markdown') && typeof value === 'string' ? escapeControlChars(value) : value;
}

export const formatSarif: Formatter = (input) => jsonOutput(buildSarif(input), messageStringsVisible);
