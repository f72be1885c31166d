/**
 * What a scan prints on stderr when stderr is not a terminal (a CI job log) and the scan fails or
 * is incomplete: the counts, one line per rule that could not check everything and per open
 * finding (severity, rule, resource, location, first line of the message) — at most
 * CI_LOG_MAX_LINES, then how many more — and the verdict line. A scan that passes with every
 * rule checked prints nothing. The decision is the results model's (`result.verdict`).
 */
import type { Finding } from '../findings/model.js';
import { isAbsent, isWaived } from '../findings/results.js';
import type { FailOn } from '../findings/severity.js';
import { describeLocation, locatedBeyondRule, sortFindings } from '../report/common.js';
import type { ScanResult } from '../scan/run.js';
import { countLines, forHumans, oneLine, unknownAccountLines, verdictLine } from './output.js';

/** Lines of the list (rules and findings) before "... and N more". */
export const CI_LOG_MAX_LINES = 50;

/** Whether the scan's result calls for the CI list: it gates, or some rule could not check everything. */
export function wantsCiLog(result: Pick<ScanResult, 'exitCode' | 'results'>): boolean {
  return result.exitCode !== 0 || result.results.some((r) => r.outcome === 'incomplete' || r.outcome === 'could-not-evaluate');
}

/** `HIGH SCV-ENV-002 <resource> <file:line>: <first line of the message>`; the location is left out when only the rule is known. */
export function ciFindingLine(finding: Finding, rootDir: string): string {
  const where = locatedBeyondRule(finding) ? ` ${describeLocation(finding, rootDir)}` : '';
  const [first = ''] = finding.message.trim().split(/\r\n|\r|\n/);
  return `${finding.severity.toUpperCase()} ${finding.ruleId} ${finding.resource.id}${where}: ${first.trim()}`;
}

/** The CI log of a scan (see the module comment); '' when it passed with every rule checked. */
export function formatCiLog(result: ScanResult, failOn: FailOn, now: Date = new Date()): string {
  if (!wantsCiLog(result)) return '';
  const rules = result.results
    .filter((r) => r.outcome === 'could-not-evaluate' || r.outcome === 'incomplete')
    .map((r) => `${r.outcome.toUpperCase()} ${r.ruleId}: ${oneLine(r.outcome === 'could-not-evaluate' ? (r.error ?? 'no reason given') : (r.reason ?? ''))}`);
  const open = sortFindings(result.findings.filter((f) => !isWaived(f, now) && !isAbsent(f)));
  const entries = [...rules, ...open.map((f) => ciFindingLine(f, result.run.rootDir))];
  const shown = entries.slice(0, CI_LOG_MAX_LINES);
  const lines = [...countLines(result), ...unknownAccountLines(result), ...shown];
  if (entries.length > shown.length) lines.push(`... and ${entries.length - shown.length} more`);
  lines.push(verdictLine(result, failOn));
  // Text from inventories and plans: credentials redacted, control characters shown as escapes.
  return `${forHumans(lines.join('\n'))}\n`;
}
