/**
 * Runs Microsoft's SARIF Multitool (`validate --rule-kind "Gh;Sarif"`) on a SARIF file and returns
 * what it reported, read from the tool's own SARIF output log. Used by the report tests and by the
 * end-to-end demo test.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface MultitoolIssue {
  ruleId: string;
  level: string;
  message: string;
  /** JSON path or line the issue is about, when the tool gives one. */
  where: string;
}

export interface MultitoolReport {
  errors: MultitoolIssue[];
  warnings: MultitoolIssue[];
  notes: MultitoolIssue[];
}

/** The platform executable the @microsoft/sarif-multitool package points at. */
export function sarifMultitoolPath(): string {
  const require = createRequire(import.meta.url);
  return require('@microsoft/sarif-multitool') as string;
}

interface LogResult {
  ruleId?: string;
  level?: string;
  message?: { text?: string; id?: string; arguments?: string[] };
  locations?: { physicalLocation?: { region?: { startLine?: number } }; logicalLocations?: { fullyQualifiedName?: string }[] }[];
}

function messageText(result: LogResult, rules: Map<string, Record<string, { text?: string }>>): string {
  const { message } = result;
  if (message?.text) return message.text;
  const template = message?.id ? rules.get(result.ruleId ?? '')?.[message.id]?.text : undefined;
  if (!template) return message?.id ?? '';
  return template.replace(/\{(\d+)\}/g, (_, i: string) => message?.arguments?.[Number(i)] ?? '');
}

export async function validateSarif(file: string): Promise<MultitoolReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sarif-multitool-'));
  const output = path.join(dir, 'validation.sarif');
  try {
    const console = await new Promise<string>((resolve, reject) => {
      execFile(
        sarifMultitoolPath(),
        // Errors and warnings only: note-level rules such as SARIF2006 would fetch every URI over the network.
        ['validate', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning', '--output', output, path.resolve(file)],
        { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' }, timeout: 120_000 },
        // The tool exits non-zero when it finds errors; the log file says which.
        (err, stdout, stderr) => {
          if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') reject(err);
          else if (err && err.killed) reject(new Error(`SARIF Multitool timed out\n${stdout}\n${stderr}`));
          else resolve(`${stdout}${stderr}`);
        },
      );
    });
    const text = await readFile(output, 'utf8').catch(() => {
      throw new Error(`SARIF Multitool wrote no log:\n${console}`);
    });
    const log = JSON.parse(text) as {
      runs: { results?: LogResult[]; tool: { driver: { rules?: { id: string; messageStrings?: Record<string, { text?: string }> }[] } } }[];
    };
    const run = log.runs[0];
    if (!run) throw new Error('SARIF Multitool wrote no run');
    const rules = new Map((run.tool.driver.rules ?? []).map((r) => [r.id, r.messageStrings ?? {}]));
    const report: MultitoolReport = { errors: [], warnings: [], notes: [] };
    for (const result of run.results ?? []) {
      const location = result.locations?.[0];
      const issue: MultitoolIssue = {
        ruleId: result.ruleId ?? '',
        level: result.level ?? 'warning',
        message: messageText(result, rules),
        where: location?.logicalLocations?.[0]?.fullyQualifiedName ?? String(location?.physicalLocation?.region?.startLine ?? ''),
      };
      if (issue.level === 'error') report.errors.push(issue);
      else if (issue.level === 'warning') report.warnings.push(issue);
      else report.notes.push(issue);
    }
    return report;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
