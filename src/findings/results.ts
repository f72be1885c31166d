/**
 * The results of a scan as numbers and decisions: per-rule outcomes (fail / pass /
 * could-not-evaluate), summary counts, and the exit decision. Printers and reports read these;
 * they hold no gating logic of their own.
 */
import type { Finding, RuleMeta, RuleOutcome, RuleResult, Waiver } from './model.js';
import { meetsThreshold, SEVERITIES, type FailOn, type Severity } from './severity.js';

/**
 * One outcome per rule: could-not-evaluate when the engine says so, else fail when the rule has
 * findings, else pass. Rules of the catalog the engine did not evaluate (excluded) are left out;
 * a rule with findings but no engine result is a fail. Findings absent since the baseline (fixed)
 * do not make a rule fail.
 */
export function ruleOutcomes(engineResults: readonly RuleResult[], findings: readonly Finding[]): RuleResult[] {
  const failing = new Set(findings.filter((f) => !isAbsent(f)).map((f) => f.ruleId));
  const byRule = new Map<string, RuleResult>();
  for (const r of engineResults) {
    const outcome: RuleOutcome = r.outcome === 'could-not-evaluate' ? r.outcome : failing.has(r.ruleId) ? 'fail' : 'pass';
    byRule.set(r.ruleId, outcome === 'could-not-evaluate' ? { ...r, outcome } : { ruleId: r.ruleId, outcome });
  }
  for (const ruleId of failing) {
    if (!byRule.has(ruleId)) byRule.set(ruleId, { ruleId, outcome: 'fail' });
  }
  return [...byRule.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** A waiver holds until the end of its `expires` day (UTC) or, with a time, until that instant. */
export function isWaiverActive(waiver: Waiver, now: Date): boolean {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(waiver.expires);
  const end = Date.parse(dateOnly ? `${waiver.expires}T23:59:59.999Z` : waiver.expires);
  return Number.isFinite(end) && now.getTime() <= end;
}

/** A baseline finding not seen in this scan (fixed since the baseline): listed, never counted or gating. */
export function isAbsent(finding: Finding): boolean {
  return finding.baselineState === 'absent';
}

export function isWaived(finding: Finding, now: Date): boolean {
  return finding.waiver !== undefined && isWaiverActive(finding.waiver, now);
}

export interface ScanSummary {
  /** Findings of this scan, waived ones included (not the baseline's absent ones). */
  total: number;
  /** Findings of this scan that are not waived, by severity. */
  bySeverity: Record<Severity, number>;
  waived: number;
  /** Findings with baselineState 'new' (0 without a baseline). */
  new: number;
  /** Baseline findings not seen again: fixed since the baseline (0 without a baseline). */
  absent: number;
  rules: { evaluated: number; fail: number; pass: number; couldNotEvaluate: number };
}

export function summarize(findings: readonly Finding[], outcomes: readonly RuleResult[], now: Date = new Date()): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let waived = 0;
  let absent = 0;
  for (const f of findings) {
    if (isAbsent(f)) absent++; // fixed since the baseline: listed, never counted as open
    else if (isWaived(f, now)) waived++;
    else bySeverity[f.severity]++;
  }
  const count = (o: RuleOutcome) => outcomes.filter((r) => r.outcome === o).length;
  return {
    total: findings.length - absent,
    bySeverity,
    waived,
    new: findings.filter((f) => f.baselineState === 'new').length,
    absent,
    rules: { evaluated: outcomes.length, fail: count('fail'), pass: count('pass'), couldNotEvaluate: count('could-not-evaluate') },
  };
}

export type ScanExitCode = 0 | 1;

export interface GateOptions {
  /** Only findings new against the baseline gate (--fail-on-new-only). */
  newOnly?: boolean;
  /** Rule outcomes: a rule that could not be evaluated gates like a high finding. */
  results?: readonly RuleResult[];
  now?: Date;
}

/** The severity a rule that could not be evaluated counts as. */
export const COULD_NOT_EVALUATE_SEVERITY: Severity = 'high';

/** Findings that decide the exit code: present in this scan, not waived, at or above failOn, and new when newOnly. */
export function gatingFindings(findings: readonly Finding[], failOn: FailOn, opts: GateOptions = {}): Finding[] {
  const now = opts.now ?? new Date();
  return findings.filter(
    (f) =>
      meetsThreshold(f.severity, failOn) &&
      !isAbsent(f) &&
      !isWaived(f, now) &&
      (!opts.newOnly || f.baselineState === 'new'),
  );
}

/** 1 when anything gates, else 0. Exit code 2 (usage/input errors) is decided by the CLI. */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn, opts: GateOptions = {}): ScanExitCode {
  if (gatingFindings(findings, failOn, opts).length > 0) return 1;
  const unevaluated = (opts.results ?? []).some((r) => r.outcome === 'could-not-evaluate');
  if (unevaluated && meetsThreshold(COULD_NOT_EVALUATE_SEVERITY, failOn)) return 1;
  return 0;
}

/** Catalog entries of the rules that ran, for reports that list every rule. */
export function evaluatedRules(catalog: readonly RuleMeta[], outcomes: readonly RuleResult[]): RuleMeta[] {
  const ran = new Set(outcomes.map((r) => r.ruleId));
  return catalog.filter((r) => ran.has(r.id));
}
