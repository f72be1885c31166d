/**
 * GitHub workflow commands (`--format github`, written to stdout): one annotation per open
 * finding, so a pull request shows them on its files without code scanning, and one per rule that
 * could not check everything, and a warning at each waiver that matched no finding (in the
 * config file). Severity → command: critical and high → `::error`, medium →
 * `::warning`, low and info → `::notice` (as SARIF levels error / warning / note). A finding is
 * placed at its first location under the scan root — the place its SARIF result points at — with
 * `file` relative to the root, `line` and, where known, `col`; a finding with no file under the
 * root is an annotation without a file. Waived findings and findings fixed since the baseline are
 * left out. Values are escaped as GitHub's runner unescapes them (ActionCommand.cs), so text from
 * inventories and plans can neither break a line nor start a command of its own.
 */
import type { Finding, FindingLocation } from '../findings/model.js';
import type { Severity } from '../findings/severity.js';
import { unmatchedWaiverText } from '../findings/waivers.js';
import { findingLocations, isActive, pathUnderRoot, statusExplanation, viewOf } from './common.js';
import type { Formatter } from './types.js';

/** The annotation commands, least to most severe. */
export const GITHUB_ANNOTATION_COMMANDS = ['notice', 'warning', 'error'] as const;
export type GithubAnnotationCommand = (typeof GITHUB_ANNOTATION_COMMANDS)[number];

export const GITHUB_COMMAND_BY_SEVERITY: Record<Severity, GithubAnnotationCommand> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/** The message after `::` : `%` → `%25`, CR → `%0D`, LF → `%0A`. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`file=`, `title=`): as data, and `:` → `%3A`, `,` → `%2C`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubAnnotation {
  command: GithubAnnotationCommand;
  file?: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

/** `::error file=...,line=...,col=...,title=...::message` (properties in that order, absent ones left out). */
export function githubCommand(a: GithubAnnotation): string {
  const properties = [
    ...(a.file !== undefined ? [`file=${escapeGithubProperty(a.file)}`] : []),
    ...(a.line !== undefined ? [`line=${a.line}`] : []),
    ...(a.col !== undefined ? [`col=${a.col}`] : []),
    `title=${escapeGithubProperty(a.title)}`,
  ];
  return `::${a.command} ${properties.join(',')}::${escapeGithubData(a.message)}`;
}

/** The first location under the root, as `file` relative to it with its line and column. */
function placeUnderRoot(finding: Finding, rootDir: string): Pick<GithubAnnotation, 'file' | 'line' | 'col'> {
  for (const location of findingLocations(finding)) {
    const file = pathUnderRoot(location.file, rootDir);
    if (file !== null) return { file, ...position(location) };
  }
  return {};
}

function position(location: FindingLocation): { line: number; col?: number } {
  const line = Math.max(1, location.line);
  return location.column !== undefined && location.line >= 1 && location.column >= 1 ? { line, col: location.column } : { line };
}

export const formatGithub: Formatter = (input) => {
  const view = viewOf(input);
  const annotations: GithubAnnotation[] = [];
  for (const status of view.rules) {
    if (status.outcome !== 'incomplete' && status.outcome !== 'could-not-evaluate') continue;
    annotations.push({
      command: status.outcome === 'could-not-evaluate' ? 'error' : 'warning',
      title: `${status.rule.id} ${status.outcome}: ${status.rule.title}`,
      message: statusExplanation(status),
    });
  }
  for (const finding of view.findings.filter(isActive)) {
    const rule = view.byId.get(finding.ruleId)!.rule;
    annotations.push({
      command: GITHUB_COMMAND_BY_SEVERITY[finding.severity],
      ...placeUnderRoot(finding, input.run.rootDir),
      title: `${finding.ruleId} (${finding.severity}): ${rule.title}`,
      message: `${finding.message}\nResource: ${finding.resource.type} ${finding.resource.arn ?? finding.resource.id}`,
    });
  }
  for (const unmatched of input.unmatchedWaivers ?? []) {
    const file = unmatched.location ? pathUnderRoot(unmatched.location.file, input.run.rootDir) : null;
    annotations.push({
      command: 'warning',
      ...(file !== null && unmatched.location ? { file, line: Math.max(1, unmatched.location.line) } : {}),
      title: `waivers[${unmatched.index}] matched no finding`,
      message: unmatchedWaiverText(unmatched),
    });
  }
  return annotations.map((a) => `${githubCommand(a)}\n`).join('');
};
