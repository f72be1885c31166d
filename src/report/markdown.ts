/**
 * Markdown summary for pull-request comments and $GITHUB_STEP_SUMMARY: counts by severity, then
 * one table row per finding. Every value is escaped: resource names and messages come from the
 * estate and must not turn into markup, links or broken tables.
 */
import type { Finding, RuleOutcome } from '../findings/model.js';
import { SEVERITIES, meetsThreshold, type Severity } from '../findings/severity.js';
import { TOOL_NAME, describeLocation, describeWaiverPlace, isActive, locatedBeyondRule, statusExplanation, summarize, viewOf } from './common.js';
import { unmatchedWaiverText } from '../findings/waivers.js';
import type { ReportInput } from './types.js';

/** A pull-request comment holds 65,536 characters; beyond this many rows the table is cut. */
export const MAX_MARKDOWN_ROWS = 200;

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/**
 * Text for a table cell: HTML special characters become entities, Markdown punctuation is
 * backslash-escaped (no emphasis, links, code spans or column breaks), line breaks become spaces.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
}

function severityCell(finding: Finding): string {
  const label = SEVERITY_LABEL[finding.severity];
  const marks: string[] = [];
  if (finding.waiver !== undefined) marks.push('waived');
  if (finding.baselineState === 'new') marks.push('new');
  if (finding.baselineState === 'absent') marks.push('fixed');
  const text = marks.length > 0 ? `${label} (${marks.join(', ')})` : label;
  return isActive(finding) ? text : `~~${text}~~`;
}

function messageCell(finding: Finding): string {
  const message = escapeMarkdown(finding.message);
  return finding.waiver !== undefined
    ? `${message}<br>*Waived until ${escapeMarkdown(finding.waiver.expires)}: ${escapeMarkdown(finding.waiver.reason)}*`
    : message;
}

function resourceCell(finding: Finding): string {
  const { resource } = finding;
  const env = resource.environment != null ? ` (${escapeMarkdown(resource.environment)})` : '';
  return `${escapeMarkdown(resource.type)}: ${escapeMarkdown(resource.arn ?? resource.id)}${env}`;
}

export function formatMarkdown(input: ReportInput): string {
  const view = viewOf(input);
  const summary = summarize(view);
  const { run } = input;
  const lines: string[] = [];
  lines.push(`## ${TOOL_NAME} report`, '');

  const failing = view.findings.filter((f) => isActive(f) && meetsThreshold(f.severity, run.failOn)).length;
  const facts = [
    `Scope: ${escapeMarkdown(run.scope)}`,
    `${summary.active} active finding${summary.active === 1 ? '' : 's'}`,
    `${summary.waived} waived`,
    run.failOn === 'none' ? 'gate: off' : `${failing} at or above ${run.failOn}`,
    `generated ${escapeMarkdown(run.generatedAt)} by ${TOOL_NAME} ${escapeMarkdown(run.toolVersion)}`,
  ];
  lines.push(facts.join(' · '), '');

  lines.push('| Severity | Findings |', '| --- | ---: |');
  for (const severity of SEVERITIES) lines.push(`| ${SEVERITY_LABEL[severity]} | ${summary.bySeverity[severity]} |`);
  lines.push(`| Waived | ${summary.waived} |`);
  if (summary.baseline) {
    lines.push(`| New since baseline | ${summary.baseline.new} |`);
    lines.push(`| Fixed since baseline | ${summary.baseline.absent} |`);
  }
  lines.push('');

  const r = summary.rules;
  lines.push(
    `Rules: ${r.total} in catalog, ${r.fail} failed, ${r.pass} passed, ${r.incomplete} incomplete, ${r.couldNotEvaluate} could not be evaluated` +
      (r.notEvaluated > 0 ? `, ${r.notEvaluated} not evaluated` : '') +
      '.',
    '',
  );

  lines.push('### Findings', '');
  if (view.findings.length === 0) {
    lines.push('No findings.', '');
  } else {
    lines.push('| Severity | Rule | Resource | Message | Location |', '| --- | --- | --- | --- | --- |');
    for (const finding of view.findings.slice(0, MAX_MARKDOWN_ROWS)) {
      const rule = view.byId.get(finding.ruleId)?.rule;
      const ruleCell = rule ? `${escapeMarkdown(rule.id)} ${escapeMarkdown(rule.title)}` : escapeMarkdown(finding.ruleId);
      const location = locatedBeyondRule(finding) ? escapeMarkdown(describeLocation(finding, run.rootDir)) : '';
      lines.push(
        `| ${severityCell(finding)} | ${ruleCell} | ${resourceCell(finding)} | ${messageCell(finding)} | ${location} |`,
      );
    }
    lines.push('');
    const cut = view.findings.length - MAX_MARKDOWN_ROWS;
    if (cut > 0) lines.push(`${cut} more finding${cut === 1 ? '' : 's'} in the SARIF and JSON reports.`, '');
  }

  const sections: [RuleOutcome, string][] = [
    ['could-not-evaluate', 'Rules that could not be evaluated'],
    ['incomplete', 'Rules that could not check everything (incomplete)'],
    ['not-evaluated', 'Rules not evaluated'],
  ];
  for (const [outcome, heading] of sections) {
    const listed = view.rules.filter((s) => s.outcome === outcome);
    if (listed.length === 0) continue;
    lines.push(`### ${heading}`, '');
    for (const s of listed) {
      lines.push(`- ${escapeMarkdown(s.rule.id)} ${escapeMarkdown(s.rule.title)}: ${escapeMarkdown(outcome === 'could-not-evaluate' ? (s.error ?? 'no reason given') : statusExplanation(s))}`);
    }
    lines.push('');
  }
  const unmatched = input.unmatchedWaivers ?? [];
  if (unmatched.length > 0) {
    lines.push('### Waivers that matched no finding', '');
    for (const u of unmatched) lines.push(`- ${escapeMarkdown(describeWaiverPlace(u, run.rootDir))}: ${escapeMarkdown(unmatchedWaiverText(u))}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
