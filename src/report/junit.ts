/**
 * JUnit XML for CI test-report views: one testsuite, one testcase per catalog rule
 * (classname = rule family), a <failure> per active finding (type = severity), an <error> for a
 * rule that could not be evaluated or is incomplete (a gap is never a pass: type = the outcome,
 * message = why) and <skipped> for a rule not evaluated in this run. Waived and fixed-since-baseline findings are listed in the testcase's system-out.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Finding } from '../findings/model.js';
import { TOOL_NAME, describeLocation, describeResource, isActive, ruleFamily, statusExplanation, viewOf, type RuleStatus } from './common.js';
import type { ReportInput } from './types.js';
import { escapeControlChars } from '../text/control-chars.js';

type XmlNode = Record<string, unknown>;

/** Replaces what XML 1.0 cannot carry at all (C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF) with U+FFFD. */
export function xmlSafe(value: string): string {
  return value.replace(
    /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
    '\uFFFD',
  );
}

/**
 * Text of an attribute or element: control characters (C0 but tab and line feed, DEL, C1,
 * bidirectional controls) shown as visible escapes as in every text report (`\x1b`, `\u{202e}`),
 * then what XML cannot carry (lone surrogates) replaced by U+FFFD.
 */
function xmlText(value: string): string {
  return xmlSafe(escapeControlChars(value));
}

function oneLine(value: string): string {
  return xmlText(value.replace(/\s*[\r\n]+\s*/g, ' '));
}

function findingDetail(finding: Finding, rootDir: string): string {
  const lines = [
    `Resource: ${describeResource(finding.resource)}`,
    ...(finding.resource.arn !== undefined && finding.resource.arn !== finding.resource.id ? [`ARN: ${finding.resource.arn}`] : []),
    ...(finding.resource.environment != null ? [`Environment: ${finding.resource.environment}`] : []),
    ...finding.related.map((r) => `Related: ${describeResource(r)}`),
    `Location: ${describeLocation(finding, rootDir)}`,
    `Fingerprint: ${finding.fingerprint}`,
    ...(finding.baselineState !== undefined ? [`Baseline: ${finding.baselineState}`] : []),
  ];
  return xmlText(lines.join('\n'));
}

function testcase(status: RuleStatus, findings: Finding[], rootDir: string): { node: XmlNode; failed: boolean; errored: boolean; skipped: boolean } {
  const { rule } = status;
  const node: XmlNode = { '@_name': oneLine(`${rule.id} ${rule.title}`), '@_classname': oneLine(ruleFamily(rule)) };
  const active = findings.filter(isActive);
  const inactive = findings.filter((f) => !isActive(f));
  let errored = false;
  let skipped = false;
  if (status.outcome === 'could-not-evaluate' || status.outcome === 'incomplete') {
    errored = true;
    node.error = { '@_message': oneLine(statusExplanation(status)), '@_type': status.outcome };
  } else if (status.outcome === 'not-evaluated' && findings.length === 0) {
    skipped = true;
    node.skipped = { '@_message': oneLine(statusExplanation(status)) };
  }
  if (active.length > 0) {
    node.failure = active.map((f) => ({
      '@_message': oneLine(f.message),
      '@_type': f.severity,
      '#text': findingDetail(f, rootDir),
    }));
  }
  if (inactive.length > 0) {
    const notes = inactive.map((f) =>
      f.waiver !== undefined
        ? `Waived (${f.severity}) until ${f.waiver.expires}: ${f.waiver.reason} | ${f.message} | ${describeResource(f.resource)}`
        : `Fixed since baseline (${f.severity}): ${f.message} | ${describeResource(f.resource)}`,
    );
    node['system-out'] = { '#text': xmlText(notes.join('\n')) };
  }
  return { node, failed: active.length > 0, errored, skipped };
}

export function formatJunit(input: ReportInput): string {
  const view = viewOf(input);
  const byRule = new Map<string, Finding[]>();
  for (const finding of view.findings) {
    const list = byRule.get(finding.ruleId) ?? [];
    list.push(finding);
    byRule.set(finding.ruleId, list);
  }
  const cases = view.rules.map((s) => testcase(s, byRule.get(s.rule.id) ?? [], input.run.rootDir));
  const counts = {
    '@_tests': String(cases.length),
    '@_failures': String(cases.filter((c) => c.failed).length),
    '@_errors': String(cases.filter((c) => c.errored).length),
    '@_skipped': String(cases.filter((c) => c.skipped).length),
  };
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': TOOL_NAME,
      ...counts,
      testsuite: {
        '@_name': oneLine(`${TOOL_NAME} ${input.run.scope}`),
        ...counts,
        '@_timestamp': oneLine(input.run.generatedAt),
        properties: {
          property: [
            { '@_name': 'scope', '@_value': oneLine(input.run.scope) },
            { '@_name': 'version', '@_value': oneLine(input.run.toolVersion) },
            { '@_name': 'engine', '@_value': input.run.engine },
            { '@_name': 'failOn', '@_value': input.run.failOn },
          ],
        },
        testcase: cases.map((c) => c.node),
      },
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    processEntities: true,
  });
  return `${String(builder.build(document)).trimEnd()}\n`;
}
