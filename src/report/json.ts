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
 *             outcome: "fail"|"pass"|"incomplete"|"could-not-evaluate"|"not-evaluated", error?, reason? }]
 * }
 *
 * `location` is present only when it points at the input file that declared the resource
 * (plans, templates, flow exports); the rule's own source is in the SARIF report. Lines and
 * columns are 1-based; `column` is there when the input gave one (JSON plans, templates and flow
 * files: a `terraform show -json` plan is one line, where the column finds the resource).
 */
import type { Finding, ResourceRef } from '../findings/model.js';
import { TOOL_NAME, summarize, viewOf } from './common.js';
import type { Formatter, ReportInput } from './types.js';

function resourceJson(ref: ResourceRef): Record<string, unknown> {
  const out: Record<string, unknown> = { type: ref.type, id: ref.id };
  if (ref.arn !== undefined) out.arn = ref.arn;
  if (ref.environment != null) out.environment = ref.environment;
  return out;
}

function findingJson(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    resource: resourceJson(finding.resource),
    related: finding.related.map(resourceJson),
    fingerprint: finding.fingerprint,
  };
  if (finding.locationIsResource) {
    const { file, line, column } = finding.location;
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
    findings: view.findings.map(findingJson),
    rules: view.rules.map((s) => ({
      id: s.rule.id,
      title: s.rule.title,
      severity: s.rule.severity,
      ...(s.rule.inputs !== undefined ? { inputs: s.rule.inputs } : {}),
      outcome: s.outcome,
      ...(s.error !== undefined ? { error: s.error } : {}),
      ...(s.reason !== undefined ? { reason: s.reason } : {}),
    })),
  };
}

export const formatJson: Formatter = (input) => `${JSON.stringify(buildJsonReport(input), null, 2)}\n`;
