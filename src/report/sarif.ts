/**
 * SARIF 2.1.0 (DESIGN.md "SARIF mapping"): one run, every catalog rule as a descriptor, one result
 * per finding with a physical location (input file line and column, or the rule's .rego METADATA
 * line), the resource as a logical location, a stable partial fingerprint, baseline state and
 * suppressions.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, ResourceRef, RuleMeta } from '../findings/model.js';
import { SECURITY_SEVERITY, type Severity } from '../findings/severity.js';
import { PROJECT_URL, TOOL_NAME, ruleDocUrl, statusExplanation, viewOf, type RuleStatus } from './common.js';
import type { Formatter, ReportInput } from './types.js';

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

/**
 * A file under rootDir becomes a relative URI against SRCROOT; a file elsewhere (e.g. built-in
 * policies of an installed package) an absolute file URI, which code scanning also accepts.
 */
function artifactLocation(file: string, rootDir: string): Sarif.ArtifactLocation {
  const posixFile = file.split(path.sep).join('/');
  if (!path.isAbsolute(file)) return { uri: encodePath(path.posix.normalize(posixFile)), uriBaseId: SRCROOT };
  if (path.isAbsolute(rootDir)) {
    const relative = path.relative(rootDir, file).split(path.sep).join('/');
    if (relative !== '' && !relative.startsWith('../') && relative !== '..' && !path.isAbsolute(relative)) {
      return { uri: encodePath(relative), uriBaseId: SRCROOT };
    }
  }
  return { uri: pathToFileURL(file).href };
}

function logicalLocation(resource: ResourceRef): Sarif.LogicalLocation {
  return { fullyQualifiedName: resource.arn ?? resource.id, kind: 'resource' };
}

/** Start line (1 at least) and, where known, start column (one-line plans, minified templates). */
function region(finding: Finding): Sarif.Region {
  const out: Sarif.Region = { startLine: Math.max(1, finding.location.line) };
  const { column } = finding.location;
  if (column !== undefined && finding.location.line >= 1 && column >= 1) out.startColumn = column;
  return out;
}

function result(finding: Finding, status: RuleStatus, rootDir: string): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex: status.index,
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(finding.location.file, rootDir),
          region: region(finding),
        },
        logicalLocations: [logicalLocation(finding.resource)],
      },
    ],
  };
  if (finding.related.length > 0) {
    out.relatedLocations = finding.related.map((related, i) => ({
      id: i + 1,
      message: { text: `Related ${related.type}: ${related.arn ?? related.id}` },
      logicalLocations: [logicalLocation(related)],
    }));
  }
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
  const invocationProperties: Sarif.PropertyBag = { engine: run.engine, failOn: run.failOn, inputs: [...run.inputs] };
  if (run.baselineFile !== undefined) invocationProperties.baselineFile = run.baselineFile;
  const invocation: Sarif.Invocation = { executionSuccessful: true, endTimeUtc: run.generatedAt };
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;
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

export const formatSarif: Formatter = (input) => `${JSON.stringify(buildSarif(input), null, 2)}\n`;
