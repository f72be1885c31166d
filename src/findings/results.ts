/**
 * The results of a scan as numbers and decisions: per-rule outcomes (fail / pass / incomplete /
 * could-not-evaluate / not-evaluated), summary counts, and the exit decision. Printers and
 * reports read these; they hold no gating logic of their own.
 */
import { errorAffects, errorSections, RECORD_SECTIONS, sectionCovers, sectionRoot, sourceCounts, SOURCE_RECORD_NAMES } from '../inventory/sections.js';
import type { Inventory } from '../inventory/types.js';
import type { Finding, RuleMeta, RuleOutcome, RuleResult, Waiver } from './model.js';
import { meetsThreshold, SEVERITIES, type FailOn, type Severity } from './severity.js';

/** What outcomes are judged against besides the findings: what each rule reads, and what was read. */
export interface OutcomeContext {
  catalog: readonly RuleMeta[];
  inventory: Inventory;
  /** Waivers handed to the policies (the records of the `scanner.waivers` section). */
  waiverCount: number;
}

/**
 * One outcome per rule: could-not-evaluate when the engine says so, else fail when the rule has
 * findings. A rule without findings passes only when everything it reads was read:
 * - incomplete: a collection error left one of its inputs unread (see sectionCovers), the rule
 *   said what it cannot know (`cannotKnow`, from its `incomplete` set), or the inventory holds
 *   nothing at all (no Salesforce org, no AWS account) — nothing was collected;
 * - not-evaluated: the inventory holds no records of a source one of its inputs belongs to (a
 *   plan-only gate has no Salesforce org), so it checked nothing there;
 * - else pass.
 * Without a context (no inventory to judge against) a rule without findings passes. Rules of the
 * catalog the engine did not evaluate (excluded) are left out; a rule with findings but no engine
 * result is a fail. Findings absent since the baseline (fixed) do not make a rule fail, nor do
 * notes (info-severity findings a rule emits about a setup it accepts, such as a declared
 * multi-org group).
 */
export function ruleOutcomes(engineResults: readonly RuleResult[], findings: readonly Finding[], context?: OutcomeContext): RuleResult[] {
  const failing = new Set(findings.filter((f) => !isAbsent(f) && !f.note).map((f) => f.ruleId));
  const rulesById = new Map((context?.catalog ?? []).map((r) => [r.id, r]));
  const byRule = new Map<string, RuleResult>();
  for (const r of engineResults) {
    if (r.outcome === 'could-not-evaluate') byRule.set(r.ruleId, { ...r, outcome: r.outcome });
    else if (failing.has(r.ruleId)) byRule.set(r.ruleId, { ruleId: r.ruleId, outcome: 'fail' });
    else byRule.set(r.ruleId, context ? silentOutcome(r, rulesById.get(r.ruleId)?.inputs, context) : cannotKnowOutcome(r) ?? { ruleId: r.ruleId, outcome: 'pass' });
  }
  for (const ruleId of failing) {
    if (!byRule.has(ruleId)) byRule.set(ruleId, { ruleId, outcome: 'fail' });
  }
  return [...byRule.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** Every section a rule that declares no inputs may read. */
const ALL_INVENTORY_SECTIONS = [RECORD_SECTIONS.aws, RECORD_SECTIONS.salesforce];

/** Incomplete with the rule's own reasons, when it gave any (its `incomplete` set). */
function cannotKnowOutcome(r: RuleResult): RuleResult | undefined {
  const reasons = r.cannotKnow ?? [];
  if (reasons.length === 0) return undefined;
  return { ruleId: r.ruleId, outcome: 'incomplete', reason: `Found nothing, but cannot know: ${reasons.slice(0, 3).join(' ')}${reasons.length > 3 ? ` (and ${reasons.length - 3} more)` : ''}`, cannotKnow: reasons };
}

/** The outcome of a rule that found nothing: pass only when everything it reads was read and it said of nothing that it cannot know it. */
function silentOutcome(engineResult: RuleResult, declared: readonly string[] | undefined, context: OutcomeContext): RuleResult {
  const ruleId = engineResult.ruleId;
  const inputs = declared ?? ALL_INVENTORY_SECTIONS;
  // A rule that does not declare its inputs may read anything: every collection error concerns it.
  const errors = context.inventory.collection.errors.filter((e) => declared === undefined || errorAffects(e, inputs));
  if (errors.length > 0) {
    const gaps = [...new Set(errors.map((e) => `${e.source} ${e.target} ${e.operation}`))];
    const sections = [...new Set(errors.flatMap((e) => errorSections(e)).filter((s) => declared === undefined || inputs.some((i) => sectionCovers(s, i))))];
    return {
      ruleId,
      outcome: 'incomplete',
      reason: `Found nothing, but ${sections.join(', ')} could not be read in full (${plural(gaps.length, 'failed call')}: ${gaps.slice(0, 3).join('; ')}${gaps.length > 3 ? '; …' : ''}).`,
      gaps,
      ...(engineResult.cannotKnow !== undefined ? { cannotKnow: engineResult.cannotKnow } : {}),
    };
  }
  const cannotKnow = cannotKnowOutcome(engineResult);
  if (cannotKnow !== undefined) return cannotKnow;
  const counts = sourceCounts(context.inventory, context.waiverCount);
  if (counts.aws === 0 && counts.salesforce === 0) {
    return { ruleId, outcome: 'incomplete', reason: 'Nothing was collected: the inventory holds no Salesforce org and no AWS account.' };
  }
  const missing = [...new Set(inputs.map(sectionRoot))].filter((root) => counts[root] === 0);
  if (missing.length > 0) {
    return { ruleId, outcome: 'not-evaluated', reason: `Nothing to check: this scan holds no ${missing.map((m) => SOURCE_RECORD_NAMES[m]).join(' and no ')}.` };
  }
  return { ruleId, outcome: 'pass' };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
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
  rules: { evaluated: number; fail: number; pass: number; incomplete: number; couldNotEvaluate: number; notEvaluated: number };
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
    rules: {
      evaluated: outcomes.length,
      fail: count('fail'),
      pass: count('pass'),
      incomplete: count('incomplete'),
      couldNotEvaluate: count('could-not-evaluate'),
      notEvaluated: count('not-evaluated'),
    },
  };
}

export type ScanExitCode = 0 | 1;

export interface GateOptions {
  /** Only findings new against the baseline gate (--fail-on-new-only). */
  newOnly?: boolean;
  /** Rule outcomes: a rule that could not be evaluated, or is incomplete, gates like a high finding. */
  results?: readonly RuleResult[];
  now?: Date;
}

/** The severity a rule that could not be evaluated, or is incomplete, counts as at the gate. */
export const COULD_NOT_EVALUATE_SEVERITY: Severity = 'high';

/** Outcomes that gate like a finding of COULD_NOT_EVALUATE_SEVERITY: the rule could not check what it should have. */
export const UNCHECKED_OUTCOMES: readonly RuleOutcome[] = ['could-not-evaluate', 'incomplete'];

/** Rules that gate at `failOn` because they could not check what they should have (none below the gate's threshold). */
export function uncheckedRules(results: readonly RuleResult[], failOn: FailOn): RuleResult[] {
  if (!meetsThreshold(COULD_NOT_EVALUATE_SEVERITY, failOn)) return [];
  return results.filter((r) => UNCHECKED_OUTCOMES.includes(r.outcome));
}

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

/** What decided the exit code: how many findings gate, how many rules gate as unchecked. */
export interface GateVerdict {
  exitCode: ScanExitCode;
  gatingFindings: number;
  /** Rules incomplete or could-not-evaluate, counted when the threshold reaches their severity. */
  uncheckedRules: number;
}

/**
 * The gate: exit 1 when a finding is at or above failOn (not waived, not fixed, new when
 * newOnly), or when failOn is at or below COULD_NOT_EVALUATE_SEVERITY and a rule is incomplete
 * or could not be evaluated; else 0. Exit code 2 (usage/input errors) is decided by the CLI.
 */
export function gateVerdict(findings: readonly Finding[], failOn: FailOn, opts: GateOptions = {}): GateVerdict {
  const gating = gatingFindings(findings, failOn, opts).length;
  const unchecked = uncheckedRules(opts.results ?? [], failOn).length;
  return { exitCode: gating > 0 || unchecked > 0 ? 1 : 0, gatingFindings: gating, uncheckedRules: unchecked };
}

/** 1 when anything gates, else 0 (see gateVerdict). */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn, opts: GateOptions = {}): ScanExitCode {
  return gateVerdict(findings, failOn, opts).exitCode;
}

/** Catalog entries of the rules that ran, for reports that list every rule. */
export function evaluatedRules(catalog: readonly RuleMeta[], outcomes: readonly RuleResult[]): RuleMeta[] {
  const ran = new Set(outcomes.map((r) => r.ruleId));
  return catalog.filter((r) => ran.has(r.id));
}
