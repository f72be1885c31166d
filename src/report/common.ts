/**
 * What every formatter shares: a checked view of the report input (rules by id, outcomes),
 * a stable finding order, and the summary counts. All pure.
 */
import path from 'node:path';
import type { Finding, FindingLocation, RuleMeta, RuleOutcome, UnmatchedWaiver } from '../findings/model.js';
import { SEVERITIES, severityRank, type Severity } from '../findings/severity.js';
import type { ReportInput } from './types.js';

export const TOOL_NAME = 'scv-guard';
/** Project home; rule documentation lives at docs/rules.md in it. */
export const PROJECT_URL = 'https://github.com/scv-guard/scv-guard';

/** Anchor of a rule in the rule catalog page, e.g. …/docs/rules.md#scv-acct-001. */
export function ruleDocUrl(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules.md#${ruleId.toLowerCase()}`;
}

/** A catalog rule that has no result was not evaluated in this run (e.g. excluded by config). */
export type ReportRuleOutcome = RuleOutcome;

export interface RuleStatus {
  rule: RuleMeta;
  /** Position in the catalog (SARIF ruleIndex). */
  index: number;
  outcome: ReportRuleOutcome;
  error?: string;
  /** Why a rule is incomplete or not evaluated, as a sentence. */
  reason?: string;
}

/** The sentence a report shows for a rule that did not pass or fail. */
export function statusExplanation(status: RuleStatus): string {
  if (status.outcome === 'could-not-evaluate') return `Could not be evaluated: ${status.error ?? 'no reason given'}`;
  if (status.reason !== undefined) return status.reason;
  return status.outcome === 'not-evaluated' ? 'Not evaluated in this run (excluded by the config or the engine).' : status.outcome;
}

export interface ReportView {
  /** Catalog order, as given. */
  rules: RuleStatus[];
  byId: Map<string, RuleStatus>;
  /** Most severe first, then rule id, resource id, fingerprint. */
  findings: Finding[];
}

/**
 * Checks the input is consistent (every finding and result names a catalog rule, no duplicate
 * rule ids) and indexes it. An inconsistent input is a bug in the caller, never papered over.
 */
export function viewOf(input: ReportInput): ReportView {
  const byId = new Map<string, RuleStatus>();
  const rules: RuleStatus[] = input.catalog.map((rule, index) => {
    if (byId.has(rule.id)) throw new Error(`report input: rule ${rule.id} appears twice in the catalog`);
    const status: RuleStatus = { rule, index, outcome: 'not-evaluated' };
    byId.set(rule.id, status);
    return status;
  });
  for (const result of input.results) {
    const status = byId.get(result.ruleId);
    if (!status) throw new Error(`report input: result for rule ${result.ruleId}, which is not in the catalog`);
    status.outcome = result.outcome;
    if (result.error !== undefined) status.error = result.error;
    if (result.reason !== undefined) status.reason = result.reason;
  }
  for (const finding of input.findings) {
    if (!byId.has(finding.ruleId)) {
      throw new Error(`report input: finding for rule ${finding.ruleId}, which is not in the catalog`);
    }
  }
  return { rules, byId, findings: sortFindings(input.findings) };
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.resource.id, b.resource.id) ||
      compareText(a.fingerprint, b.fingerprint) ||
      compareText(a.message, b.message),
  );
}

/** Code-unit order: independent of the machine's locale, so output bytes are stable. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts toward the gate and the severity table: not waived, and not gone since the baseline. */
export function isActive(finding: Finding): boolean {
  return finding.waiver === undefined && finding.baselineState !== 'absent';
}

export interface ReportSummary {
  /** Every finding in the report, waived and absent ones included. */
  total: number;
  /** Active findings (see isActive) per severity. */
  bySeverity: Record<Severity, number>;
  active: number;
  waived: number;
  /** Present only when at least one finding carries a baseline state. */
  baseline?: { new: number; unchanged: number; absent: number };
  /** Outcomes counted apart: incomplete and not-evaluated rules are never counted as passed. */
  rules: { total: number; fail: number; pass: number; incomplete: number; couldNotEvaluate: number; notEvaluated: number };
}

export function summarize(view: ReportView): ReportSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let active = 0;
  let waived = 0;
  const baseline = { new: 0, unchanged: 0, absent: 0 };
  let anyBaseline = false;
  for (const finding of view.findings) {
    if (finding.waiver !== undefined) waived += 1;
    if (isActive(finding)) {
      active += 1;
      bySeverity[finding.severity] += 1;
    }
    if (finding.baselineState !== undefined) {
      anyBaseline = true;
      baseline[finding.baselineState] += 1;
    }
  }
  const rules = { total: view.rules.length, fail: 0, pass: 0, incomplete: 0, couldNotEvaluate: 0, notEvaluated: 0 };
  const key: Record<RuleOutcome, Exclude<keyof typeof rules, 'total'>> = {
    fail: 'fail',
    pass: 'pass',
    incomplete: 'incomplete',
    'could-not-evaluate': 'couldNotEvaluate',
    'not-evaluated': 'notEvaluated',
  };
  for (const status of view.rules) rules[key[status.outcome]] += 1;
  return {
    total: view.findings.length,
    bySeverity,
    active,
    waived,
    ...(anyBaseline ? { baseline } : {}),
    rules,
  };
}

/** Rule family from the package path `scv.rules.<family>.<name>`, else from the id `SCV-<FAMILY>-NNN`. */
export function ruleFamily(rule: RuleMeta): string {
  const parts = rule.package.split('.');
  if (parts.length >= 4 && parts[0] === 'scv' && parts[1] === 'rules' && parts[2]) return parts[2];
  const match = /^[A-Za-z]+-([A-Za-z]+)-/.exec(rule.id);
  return match?.[1] ? match[1].toLowerCase() : rule.package;
}

/** `type id` of a resource. */
export function describeResource(resource: Finding['resource']): string {
  return `${resource.type} ${resource.id}`;
}

/** Every place a finding can be shown, best first (a finding without them: its one location). */
export function findingLocations(finding: Finding): FindingLocation[] {
  return finding.locations ?? [{ ...finding.location, kind: finding.locationIsResource ? 'declaration' : 'rule' }];
}

/**
 * `file` relative to the scan's root with `/` separators, or null when it is not a file under the
 * root that a repository holds: outside the root, or in a `node_modules` folder (an installed
 * package). A relative `file` is taken as relative to the root.
 */
export function pathUnderRoot(file: string, rootDir: string): string | null {
  let relative: string;
  if (path.isAbsolute(file)) {
    if (!path.isAbsolute(rootDir)) return null;
    relative = path.relative(rootDir, file);
    if (path.isAbsolute(relative)) return null;
  } else {
    relative = file;
  }
  const posix = path.posix.normalize(relative.split(path.sep).join('/'));
  if (posix === '' || posix === '.' || posix === '..' || posix.startsWith('../') || posix.startsWith('/')) return null;
  if (posix.split('/').includes('node_modules')) return null;
  return posix;
}

/** Whether a finding is shown at a place more specific than its rule (a declaration, a config or inventory entry, an input file). */
export function locatedBeyondRule(finding: Finding): boolean {
  return finding.locations ? finding.locations[0]?.kind !== 'rule' : finding.locationIsResource;
}

/** A file as people read it: relative to rootDir when it lies inside it, else as given. */
export function displayPath(file: string, rootDir: string): string {
  if (!path.isAbsolute(file) || !path.isAbsolute(rootDir)) return file;
  const relative = path.relative(rootDir, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** `file:line: waivers[N]` of an unmatched waiver, the file relative to rootDir when inside it (`waivers[N]` alone when its place is not known). */
export function describeWaiverPlace(unmatched: UnmatchedWaiver, rootDir: string): string {
  const path = `waivers[${unmatched.index}]`;
  return unmatched.location ? `${displayPath(unmatched.location.file, rootDir)}:${unmatched.location.line}: ${path}` : path;
}

/**
 * `file:line` of a finding's location (`file:line:column` where the column is known, as in
 * one-line plans), the file shown relative to rootDir when inside it.
 */
export function describeLocation(finding: Finding, rootDir: string): string {
  const { file, line, column } = finding.location;
  return `${displayPath(file, rootDir)}:${line}${column !== undefined ? `:${column}` : ''}`;
}
