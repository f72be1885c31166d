/**
 * What the CLI prints. stdout carries only machine-readable output (a JSON summary, GitHub
 * workflow commands when asked for); progress and the human summary go to stderr, and only when
 * stderr is a terminal and the user did not ask for --quiet. Without a terminal (a CI log) a scan
 * that fails or is incomplete prints the compact list of ./ci-log.ts instead. Errors are one line
 * each, never a stack trace.
 */
import { isScvGuardError, ProblemListError, problemLines } from '../errors.js';
import { basename } from 'node:path';
import type { Finding } from '../findings/model.js';
import { compareFindings } from '../findings/finalize.js';
import { SEVERITIES, type FailOn } from '../findings/severity.js';
import { isAbsent, isWaived } from '../findings/results.js';
import { unmatchedWaiverText } from '../findings/waivers.js';
import { describeWaiverPlace } from '../report/common.js';
import { unmatchedWaiverJson } from '../report/json.js';
import { REPORT_FILE_NAMES, type ReportFormat } from '../report/types.js';
import type { CollectionError } from '../inventory/types.js';
import type { ScanProgress, ScanResult } from '../scan/run.js';
import { redactText } from '../redaction/registry.js';
import { escapeControlChars, jsonOutput } from '../text/control-chars.js';

/** The exit code of usage, config and input errors. */
export const EXIT_USAGE = 2;

export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Whether human-oriented output goes to this stream. */
export function wantsHumanOutput(stream: TextStream, quiet: boolean): boolean {
  return !quiet && stream.isTTY === true;
}

/**
 * Text as it may reach a person's terminal: credentials the process holds (and anything shaped
 * like one) masked, control characters shown as escapes. Every line the CLI writes for people
 * goes through here.
 */
export function forHumans(text: string): string {
  return escapeControlChars(redactText(text));
}

/** A `scv-guard: <line>` progress line on `stream`. */
export function progressLine(stream: TextStream): (line: string) => void {
  return (line) => {
    stream.write(`scv-guard: ${forHumans(oneLine(line))}\n`);
  };
}

/**
 * A collection error as it happens, on one line: what could not be read, why, and what to do.
 * Printed on stderr whether or not it is a terminal (unless --quiet): CI logs must show it. The
 * target, code and message come from remote parties: escaped for the terminal.
 */
export function formatCollectionError(error: CollectionError): string {
  const source = error.source === 'aws' ? 'AWS' : error.source === 'salesforce' ? 'Salesforce org' : 'file';
  const fix = error.remediation !== undefined ? ` ${oneLine(error.remediation)}` : '';
  return `scv-guard: ${forHumans(oneLine(`could not read ${source} ${error.target}: ${error.operation} failed with ${error.code} (${oneLine(error.message)}).${fix}`))}`;
}

export function collectionErrorPrinter(stream: TextStream): (error: CollectionError) => void {
  return (error) => {
    stream.write(`${formatCollectionError(error)}\n`);
  };
}

export function progressPrinter(stream: TextStream): (event: ScanProgress) => void {
  const print = progressLine(stream);
  return (event) => print(event.message);
}

/**
 * One line: `scv-guard: error: <message>`, for user errors and bugs alike (no stack trace); an
 * error holding several problems of one input gives one such line per problem.
 */
export function formatError(err: unknown): string {
  if (err instanceof ProblemListError) return problemLines(err.problems).map((line) => `scv-guard: error: ${forHumans(oneLine(line))}`).join('\n');
  if (isScvGuardError(err)) return `scv-guard: error: ${forHumans(oneLine(err.message))}`;
  const message = err instanceof Error ? err.message : String(err);
  return `scv-guard: internal error: ${forHumans(oneLine(message))} (please report this)`;
}

export function printError(err: unknown, stream: TextStream = process.stderr): void {
  stream.write(`${formatError(err)}\n`);
}

/**
 * Runs a command action; an error is printed on one line and sets exit code 2. Actions set
 * process.exitCode themselves for 0/1.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      printError(err);
      process.exitCode = EXIT_USAGE;
    }
  };
}

const TOP_FINDINGS = 8;
const DEFAULT_WIDTH = 100;

/** The stream's width in columns; some pseudo-terminals report 0. */
export function terminalWidth(stream: TextStream): number {
  return stream.columns !== undefined && stream.columns >= 40 ? stream.columns : DEFAULT_WIDTH;
}

/** `scv-guard: N findings (... by severity)` and `Rules: N evaluated, ...`: the counts of the summary and the CI log. */
export function countLines(result: Pick<ScanResult, 'summary'>): string[] {
  const { summary } = result;
  const lines: string[] = [];
  const counts = SEVERITIES.map((s) => `${summary.bySeverity[s]} ${s}`).join(', ');
  const open = summary.total - summary.waived;
  const extra = [
    ...(summary.waived > 0 ? [`${summary.waived} waived`] : []),
    ...(summary.new > 0 ? [`${summary.new} new`] : []),
    ...(summary.absent > 0 ? [`${summary.absent} fixed since the baseline`] : []),
  ];
  lines.push(`scv-guard: ${open} finding${open === 1 ? '' : 's'} (${counts})${extra.map((e) => `, ${e}`).join('')}`);
  const r = summary.rules;
  const apart = [
    ...(r.incomplete > 0 ? [`${r.incomplete} incomplete`] : []),
    ...(r.couldNotEvaluate > 0 ? [`${r.couldNotEvaluate} could not be evaluated`] : []),
    ...(r.notEvaluated > 0 ? [`${r.notEvaluated} not evaluated`] : []),
  ];
  lines.push(`Rules: ${r.evaluated} evaluated, ${r.fail} failed, ${r.pass} passed${apart.map((a) => `, ${a}`).join('')}`);
  return lines;
}

/** The one-screen summary: counts by severity, rule outcomes, top findings, report files, verdict. */
export function formatScanSummary(result: ScanResult, failOn: FailOn, width = DEFAULT_WIDTH, now: Date = new Date()): string {
  const lines = countLines(result);
  for (const res of result.results.filter((x) => x.outcome === 'could-not-evaluate')) {
    lines.push(`  ${res.ruleId}: could not be evaluated${res.error ? `: ${oneLine(res.error)}` : ''}`);
  }
  lines.push(...unknownAccountLines(result));
  const incomplete = result.results.filter((x) => x.outcome === 'incomplete');
  for (const res of incomplete.slice(0, TOP_FINDINGS)) lines.push(truncate(`  ${res.ruleId}: incomplete: ${oneLine(res.reason ?? '')}`, width));
  if (incomplete.length > TOP_FINDINGS) lines.push(moreIncompleteLine(incomplete.length - TOP_FINDINGS, result.files));
  // Most severe first, whatever order the findings came in.
  const openFindings = result.findings.filter((f) => !isWaived(f, now) && !isAbsent(f)).sort(compareFindings);
  if (openFindings.length > 0) {
    lines.push('Top findings:');
    for (const f of openFindings.slice(0, TOP_FINDINGS)) lines.push(truncate(`  ${findingLine(f)}`, width));
    if (openFindings.length > TOP_FINDINGS) lines.push(moreFindingsLine(openFindings.slice(TOP_FINDINGS), result.files));
  }
  if (result.files.length > 0) {
    lines.push('Reports:');
    for (const file of result.files) lines.push(`  ${file}`);
  }
  lines.push(verdictLine(result, failOn));
  return `${forHumans(lines.join('\n'))}\n`;
}

/** Report files a person reads best first: the summary's pointer to the findings it leaves out. */
const READABLE_REPORTS: readonly ReportFormat[] = ['html', 'markdown', 'json', 'sarif', 'junit'];

/**
 * `… and N more findings (counts by severity): see <report>`: what the summary leaves out and where
 * to read it, or, when the scan wrote no report, how to get one.
 */
export function moreFindingsLine(hidden: readonly Finding[], files: readonly string[]): string {
  const counts = SEVERITIES.map((s) => ({ s, n: hidden.filter((f) => f.severity === s).length }))
    .filter(({ n }) => n > 0)
    .map(({ s, n }) => `${n} ${s}`)
    .join(', ');
  return `  … and ${hidden.length} more finding${hidden.length === 1 ? '' : 's'} (${counts})${whereToRead(files, 'every finding')}`;
}

/** `… and N more incomplete rules: see <report>`, or how to get a report when none was written. */
export function moreIncompleteLine(hidden: number, files: readonly string[]): string {
  return `  … and ${hidden} more incomplete rule${hidden === 1 ? '' : 's'}${whereToRead(files, 'every rule outcome')}`;
}

/** `: see <the most readable report written>`, or, when none was, how to write one. */
function whereToRead(files: readonly string[], what: string): string {
  const report = READABLE_REPORTS.map((format) => files.find((f) => basename(f) === REPORT_FILE_NAMES[format])).find((f) => f !== undefined) ?? files[0];
  if (report !== undefined) return `: see ${report}`;
  return `, not shown: no report was written; run with --format markdown (or html, sarif, json) to see ${what}`;
}

/** How many resources had no known account, and what to do about it. */
export function unknownAccountLines(result: Pick<ScanResult, 'run'>): string[] {
  const n = result.run.resourcesWithoutKnownAccount ?? 0;
  if (n === 0) return [];
  return [
    `${n} resource${n === 1 ? '' : 's'} had no known AWS account: rules that compare accounts were silent for ${n === 1 ? 'it' : 'them'} (give --environment, or map the environment to one account under aws.accounts in the config)`,
  ];
}

/** `Result: pass|fail (...)`: what decided the exit code, from the results model. */
export function verdictLine(result: Pick<ScanResult, 'exitCode' | 'verdict'>, failOn: FailOn): string {
  if (result.exitCode === 0) return `Result: pass (--fail-on ${failOn}: nothing gates)`;
  const { gatingFindings, uncheckedRules } = result.verdict;
  const why = [
    ...(gatingFindings > 0 ? [`${gatingFindings} finding${gatingFindings === 1 ? '' : 's'} ${failOn} or above`] : []),
    ...(uncheckedRules > 0 ? [`${uncheckedRules} rule${uncheckedRules === 1 ? '' : 's'} incomplete or not evaluable`] : []),
  ];
  return `Result: fail (--fail-on ${failOn}: ${why.join(', ')})`;
}

function findingLine(f: Finding): string {
  return `${f.severity.toUpperCase().padEnd(8)} ${f.ruleId.padEnd(14)}  ${oneLine(f.message)}`;
}

/**
 * One warning line per waiver that matched no finding: `scv-guard: warning: FILE:LINE: waivers[N]:
 * ...`. Printed with or without a terminal (unless --quiet); it never changes the exit code.
 */
export function formatUnmatchedWaivers(result: Pick<ScanResult, 'unmatchedWaivers' | 'run'>): string {
  return result.unmatchedWaivers
    .map((u) => `scv-guard: warning: ${forHumans(oneLine(`${describeWaiverPlace(u, result.run.rootDir)}: ${unmatchedWaiverText(u)}`))}\n`)
    .join('');
}

/** The JSON summary printed on stdout with --json. */
export function scanSummaryJson(result: ScanResult): string {
  // Rule errors and reasons can quote remote text: redacted like every other output.
  return redactText(jsonOutput({
    exitCode: result.exitCode,
    verdict: result.verdict,
    summary: {
      ...result.summary,
      ...(result.run.resourcesWithoutKnownAccount !== undefined ? { resourcesWithoutKnownAccount: result.run.resourcesWithoutKnownAccount } : {}),
    },
    results: result.results,
    unmatchedWaivers: result.unmatchedWaivers.map((u) => unmatchedWaiverJson(u, result.run.rootDir)),
    files: result.files,
  }));
}

/** Text on one line: line breaks and the blanks around them become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}
