/**
 * The JSON report: a flat, documented shape for scripts and dashboards (README "Report formats").
 *
 * {
 *   tool: "scv-guard", version, generatedAt, scope,
 *   summary: { total, active, waived, bySeverity: {critical, high, medium, low, info},
 *              baseline?: {new, unchanged, absent},
 *              rules: {total, fail, pass, incomplete, couldNotEvaluate, notEvaluated},
 *              resourcesWithoutKnownAccount? },
 *   findings: [{ ruleId, severity, message, resource: {type, id, arn?, environment?},
 *                related: [{type, id, arn?, environment?}], fingerprint,
 *                location?: {file, line, column?}, waived?: true, waiver?: {reason, expires, ...},
 *                baselineState?: "new"|"unchanged"|"absent" }],
 *   rules: [{ id, title, severity, inputs?: [section],
 *             outcome: "fail"|"pass"|"incomplete"|"could-not-evaluate"|"not-evaluated", error?, reason? }],
 *   unmatchedWaivers: [{ rule, resource, environment?, expires, reason, index, location?: {file, line}, message }]
 * }
 *
 * `unmatchedWaivers` lists active waivers that matched no finding of a rule evaluated in full
 * (warnings: they never change the exit code); `index` is the entry's position in the config's
 * `waivers`, `location` its line in the config file.
 *
 * `location` is where the finding is best shown: the plan, template or flow entry that declared
 * it, else the config entry of its account or org, else its entry in an inventory file, else the
 * start of an input file; absent when only the rule's own source is known (see the SARIF report).
 * The file is relative to the scan's root when it lies inside it. Lines and
 * columns are 1-based; `column` is there when the input gave one (JSON plans, templates and flow
 * files: a `terraform show -json` plan is one line, where the column finds the resource).
 */
import type { Finding, ResourceRef, UnmatchedWaiver } from '../findings/model.js';
import { unmatchedWaiverText } from '../findings/waivers.js';
import { TOOL_NAME, displayPath, locatedBeyondRule, summarize, viewOf } from './common.js';
import type { Formatter, ReportInput } from './types.js';
import { jsonOutput } from '../text/control-chars.js';

function resourceJson(ref: ResourceRef): Record<string, unknown> {
  const out: Record<string, unknown> = { type: ref.type, id: ref.id };
  if (ref.arn !== undefined) out.arn = ref.arn;
  if (ref.environment != null) out.environment = ref.environment;
  return out;
}

function findingJson(finding: Finding, rootDir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    resource: resourceJson(finding.resource),
    related: finding.related.map(resourceJson),
    fingerprint: finding.fingerprint,
  };
  if (locatedBeyondRule(finding)) {
    const { line, column } = finding.location;
    const file = displayPath(finding.location.file, rootDir);
    out.location = column !== undefined ? { file, line, column } : { file, line };
  }
  if (finding.waiver !== undefined) {
    out.waived = true;
    const waiver: Record<string, unknown> = { reason: finding.waiver.reason, expires: finding.waiver.expires };
    if (finding.waiver.environment !== undefined) waiver.environment = finding.waiver.environment;
    out.waiver = waiver;
  }
  if (finding.baselineState !== undefined) out.baselineState = finding.baselineState;
  return out;
}

export function buildJsonReport(input: ReportInput): Record<string, unknown> {
  const view = viewOf(input);
  return {
    tool: TOOL_NAME,
    version: input.run.toolVersion,
    generatedAt: input.run.generatedAt,
    scope: input.run.scope,
    summary: {
      ...summarize(view),
      ...(input.run.resourcesWithoutKnownAccount !== undefined ? { resourcesWithoutKnownAccount: input.run.resourcesWithoutKnownAccount } : {}),
    },
    findings: view.findings.map((f) => findingJson(f, input.run.rootDir)),
    rules: view.rules.map((s) => ({
      id: s.rule.id,
      title: s.rule.title,
      severity: s.rule.severity,
      ...(s.rule.inputs !== undefined ? { inputs: s.rule.inputs } : {}),
      outcome: s.outcome,
      ...(s.error !== undefined ? { error: s.error } : {}),
      ...(s.reason !== undefined ? { reason: s.reason } : {}),
    })),
    unmatchedWaivers: (input.unmatchedWaivers ?? []).map((u) => unmatchedWaiverJson(u, input.run.rootDir)),
  };
}

/** One unmatched waiver as the JSON report and the `scan --json` summary write it. */
export function unmatchedWaiverJson(unmatched: UnmatchedWaiver, rootDir: string): Record<string, unknown> {
  const { waiver } = unmatched;
  return {
    rule: waiver.rule,
    resource: waiver.resource,
    ...(waiver.environment !== undefined ? { environment: waiver.environment } : {}),
    expires: waiver.expires,
    reason: waiver.reason,
    index: unmatched.index,
    ...(unmatched.location ? { location: { file: displayPath(unmatched.location.file, rootDir), line: unmatched.location.line } } : {}),
    message: unmatchedWaiverText(unmatched),
  };
}

export const formatJson: Formatter = (input) => jsonOutput(buildJsonReport(input));
