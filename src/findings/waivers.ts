/**
 * Waivers: accepted risks from the config. A waiver names a rule, a resource (its exact id or
 * ARN, or a glob such as `arn:aws:s3:::legacy-*`; `**` also crosses `/`), a reason, an expiry
 * date and optionally an environment. A finding matched by an active waiver keeps `waiver` (SARIF
 * suppression, JSON `waived: true`) and no longer gates. An expired waiver waives nothing: the
 * finding counts again and rule SCV-WAIVER-001 (which reads data.scanner.waivers) reports the
 * waiver itself. A waiver for a rule id the catalog does not know is a config error.
 */
import { distance } from 'fastest-levenshtein';
import picomatch from 'picomatch';
import { ScvGuardError } from '../errors.js';
import type { Finding, RuleMeta, RuleResult, UnmatchedWaiver, Waiver } from './model.js';
import { isAbsent, isWaiverActive } from './results.js';
import type { FindingStage } from '../scan/run.js';

const GLOB_CHARS = /[*?[\]{}!]/;

/**
 * Fails on a waiver whose rule is not in the catalog (a typo would silently waive nothing).
 * `alsoKnown` lists rule ids known to exist but left out of this scan (policies.exclude).
 */
export function checkWaiverRules(waivers: readonly Waiver[], catalog: readonly RuleMeta[], configFile?: string, alsoKnown: readonly string[] = []): void {
  const known = new Set([...catalog.map((r) => r.id), ...alsoKnown]);
  waivers.forEach((w, i) => {
    if (!known.has(w.rule)) {
      const near = closestRuleId(w.rule, known);
      const hint = near !== undefined ? `; did you mean ${near}?` : '';
      throw new ScvGuardError('config', `unknown rule id ${JSON.stringify(w.rule)}, or a rule policies.include leaves out (see \`scv-guard policy list\`)${hint}`, {
        ...(configFile !== undefined ? { file: configFile } : {}),
        path: `waivers[${i}].rule`,
      });
    }
  });
}

/** The known rule id at edit distance 1 or 2 from `id` (a typo), the nearest first; undefined when none is that near. */
export function closestRuleId(id: string, known: Iterable<string>): string | undefined {
  const candidates = [...known].map((k) => ({ k, d: distance(id.toUpperCase(), k.toUpperCase()) })).filter((c) => c.d <= 2);
  candidates.sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return candidates[0]?.k;
}

/** A compiled waiver: matches a finding by rule, resource id/ARN (exact or glob) and environment. */
export function waiverMatcher(waiver: Waiver): (finding: Finding) => boolean {
  const isGlob = GLOB_CHARS.test(waiver.resource);
  const glob = isGlob ? picomatch(waiver.resource, { dot: true }) : null;
  const resourceMatches = (value: string | undefined): boolean =>
    value !== undefined && (glob ? glob(value) : value === waiver.resource);
  return (finding) =>
    finding.ruleId === waiver.rule &&
    (resourceMatches(finding.resource.id) || resourceMatches(finding.resource.arn)) &&
    (waiver.environment === undefined || finding.resource.environment === waiver.environment);
}

/** Sets `waiver` on every finding the first matching active waiver covers; expired ones are skipped. */
export function applyWaivers(findings: readonly Finding[], waivers: readonly Waiver[], now: Date): Finding[] {
  const active = waivers.filter((w) => isWaiverActive(w, now)).map((w) => ({ waiver: w, matches: waiverMatcher(w) }));
  return findings.map((f) => {
    const { waiver: _previous, ...rest } = f;
    const hit = active.find((a) => a.matches(f));
    return hit ? { ...rest, waiver: hit.waiver } : rest;
  });
}

/** The waiver finding stage for runScan: checks rule ids against the catalog, then applies. */
export function waiverStage(waivers: readonly Waiver[], configFile?: string, alsoKnown: readonly string[] = []): FindingStage {
  return (findings, ctx) => {
    checkWaiverRules(waivers, ctx.catalog, configFile, alsoKnown);
    return applyWaivers(findings, waivers, ctx.now);
  };
}

/**
 * Active waivers that match no finding (absent baseline findings left out) of a rule that was
 * evaluated in full — outcome pass or fail. A waiver of a rule that did not run, or could not
 * check everything, may still match once it does: it is not reported.
 */
export function unmatchedWaivers(
  waivers: readonly Waiver[],
  findings: readonly Finding[],
  results: readonly RuleResult[],
  now: Date,
  positions: WaiverPositions | undefined,
): UnmatchedWaiver[] {
  const complete = new Set(results.filter((r) => r.outcome === 'pass' || r.outcome === 'fail').map((r) => r.ruleId));
  const present = findings.filter((f) => !isAbsent(f));
  const out: UnmatchedWaiver[] = [];
  waivers.forEach((waiver, index) => {
    if (!isWaiverActive(waiver, now) || !complete.has(waiver.rule)) return;
    const matches = waiverMatcher(waiver);
    if (present.some(matches)) return;
    const line = positions?.lines[index];
    out.push({ waiver, index, ...(positions !== undefined && line != null ? { location: { file: positions.file, line } } : {}) });
  });
  return out;
}

/** What the reports and the CLI say of an unmatched waiver (without its place). */
export function unmatchedWaiverText(unmatched: UnmatchedWaiver): string {
  const w = unmatched.waiver;
  const scope = w.environment !== undefined ? ` in environment ${w.environment}` : '';
  return `The waiver for ${w.rule} on ${w.resource}${scope} matched no finding: the risk it accepted is gone, or its resource or environment does not match one; remove or correct it.`;
}

/** The config file and the line of each `waivers[]` entry, by index. */
export interface WaiverPositions {
  file: string;
  lines: readonly (number | null)[];
}

/** Waivers that are past their expiry date at `now`. */
export function expiredWaivers(waivers: readonly Waiver[], now: Date): Waiver[] {
  return waivers.filter((w) => !isWaiverActive(w, now));
}
