/**
 * What a CI job log shows, through the real CLI with stderr redirected to a file (no terminal):
 * the failing gate's findings and verdict; and usage errors on one line, in any case of the enum flags.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCliAsync, STACK_LINE } from './run-cli.js';

const PLAN = 'fixtures/plans/shared-recording-bucket.plan.json';
const demo = join(ROOT, 'fixtures', 'demo', 'inventory.json');

/** Runs the CLI with stderr written to a file, as a CI runner captures it; returns the file's text. */
function runWithStderrFile(args: string[]): { code: number | null; stdout: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'scv-guard-ci-'));
  const logFile = join(dir, 'stderr.log');
  const fd = openSync(logFile, 'w');
  try {
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', fd], timeout: 60_000 });
    return { code: run.status, stdout: run.stdout, log: readFileSync(logFile, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

describe('a gate run with stderr redirected to a file', () => {
  it('shows the findings (severity, rule, resource, file:line, message) and the verdict line', () => {
    const out = mkdtempSync(join(tmpdir(), 'scv-guard-ci-reports-'));
    const run = runWithStderrFile(['scan', '--plan', PLAN, '--output-dir', out, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as {
      findings: { ruleId: string; severity: string; message: string; resource: { id: string }; location?: { file: string; line: number; column?: number } }[];
    };
    const lines = run.log.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^scv-guard: \d+ findings? \(/);
    expect(lines.at(-1)).toMatch(/^Result: fail \(--fail-on high: \d+ findings? high or above/);
    // every finding of the report is on its own line, with its place in the plan
    const shared = report.findings.find((f) => f.ruleId === 'SCV-ENV-002');
    expect(shared?.location?.file).toBe(PLAN);
    for (const f of report.findings) {
      const where = f.location ? ` ${f.location.file}:${f.location.line}${f.location.column !== undefined ? `:${f.location.column}` : ''}` : '';
      expect(lines).toContain(`${f.severity.toUpperCase()} ${f.ruleId} ${f.resource.id}${where}: ${f.message.split('\n')[0]}`);
    }
    // no progress lines (they are for terminals)
    expect(run.log).not.toMatch(/scv-guard: (reading|evaluating|writing) /);
    expect(run.log).not.toMatch(STACK_LINE);
  });

  it('--quiet keeps stderr empty; the exit code and the reports still carry the result', () => {
    const out = mkdtempSync(join(tmpdir(), 'scv-guard-ci-quiet-'));
    const run = runWithStderrFile(['scan', '--plan', PLAN, '--output-dir', out, '--format', 'json', '--quiet']);
    expect(run.code).toBe(1);
    expect(run.log).toBe('');
    expect(JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')).findings.length).toBeGreaterThan(0);
  });

  it('a passing gate prints nothing', () => {
    const out = mkdtempSync(join(tmpdir(), 'scv-guard-ci-pass-'));
    const run = runWithStderrFile(['scan', '--plan', PLAN, '--output-dir', out, '--format', 'json', '--fail-on', 'none']);
    expect(run.code).toBe(0);
    expect(run.log).toBe('');
  });
});

describe('--format github', () => {
  it('writes workflow commands on stdout, placed where the SARIF results are; the CI list stays on stderr', () => {
    const out = mkdtempSync(join(tmpdir(), 'scv-guard-ci-github-'));
    const run = runWithStderrFile(['scan', '--plan', PLAN, '--output-dir', out, '--format', 'GitHub,sarif']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    const sarif = JSON.parse(readFileSync(join(out, 'scv-guard.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }[] }[] }[];
    };
    const results = sarif.runs[0]!.results;
    expect(lines).toHaveLength(results.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+(,col=\d+)?,title=[^,:]+::\S/);
    const annotation = lines.find((l) => l.includes('title=SCV-ENV-002 '))!;
    const place = results.find((r) => r.ruleId === 'SCV-ENV-002')!.locations[0]!.physicalLocation!;
    const col = place.region.startColumn !== undefined ? `,col=${place.region.startColumn}` : '';
    expect(annotation.startsWith(`::error file=${place.artifactLocation.uri},line=${place.region.startLine}${col},title=`)).toBe(true);
    expect(run.log.trimEnd().split('\n').at(-1)).toMatch(/^Result: fail/);
  });

  it('is a usage error with --json, which writes to stdout too', async () => {
    const run = await runCliAsync(['scan', '--plan', PLAN, '--format', 'github', '--json', '--output-dir', join(tmpdir(), 'scv-guard-never')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('scv-guard: error: --format github writes to stdout, as --json does: use one of them\n');
  });
});

describe('enum flags in any case; usage errors on one line', () => {
  it('accepts --fail-on CRITICAL, --format SARIF,Json and --engine BUILTIN', async () => {
    const out = mkdtempSync(join(tmpdir(), 'scv-guard-ci-case-'));
    const run = await runCliAsync(['scan', '--inventory', demo, '--fail-on', 'CRITICAL', '--format', 'SARIF,Json', '--engine', 'BUILTIN', '--output-dir', out, '--json', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout) as { files: string[]; verdict: { gatingFindings: number } };
    expect(summary.files.map((f) => f.slice(out.length + 1)).sort()).toEqual(['scv-guard.json', 'scv-guard.sarif']);
    // critical only: fewer gate than at the default high
    const high = await runCliAsync(['scan', '--inventory', demo, '--format', 'json', '--output-dir', out, '--json', '--quiet']);
    expect(summary.verdict.gatingFindings).toBeLessThan((JSON.parse(high.stdout) as typeof summary).verdict.gatingFindings);
  });

  it('accepts enum values in any case in other commands', async () => {
    const [list, eval_] = await Promise.all([
      runCliAsync(['policy', 'list', '--format', 'JSON']),
      runCliAsync(['rego', 'eval', '--no-builtin', '--format', 'Raw', '1 + 1']),
    ]);
    expect(list.code).toBe(0);
    expect(Array.isArray(JSON.parse(list.stdout))).toBe(true);
    expect(eval_.code).toBe(0);
    expect(eval_.stdout.trim()).toBe('2');
  });

  it('a bad value, option or command is one line `scv-guard: error: ...` with the valid choices, exit 2, no help', async () => {
    const cases: { args: string[]; line: RegExp }[] = [
      { args: ['scan', '--inventory', demo, '--fail-on', 'severe'], line: /^scv-guard: error: option '--fail-on <severity>' argument 'severe' is invalid\. expected one of critical, high, medium, low, info, none$/ },
      { args: ['scan', '--inventory', demo, '--engine', 'opa'], line: /expected one of builtin, wasm$/ },
      { args: ['policy', 'list', '--format', 'yaml'], line: /^scv-guard: error: option '--format <format>' argument 'yaml' is invalid\. expected one of text, json$/ },
      { args: ['policy', 'new', 'ACME-X-001', '--dir', 'x', '--severity', 'urgent'], line: /expected one of critical, high, medium, low, info$/ },
      { args: ['rego', 'eval', '--format', 'pretty', '1'], line: /expected one of json, raw$/ },
      { args: ['scan', '--fomat', 'sarif'], line: /^scv-guard: error: unknown option '--fomat' \(Did you mean --format\?\)$/ },
      { args: ['scna'], line: /^scv-guard: error: unknown command 'scna' \(Did you mean scan\?\)$/ },
      { args: ['collect', '--out', 'x.json'], line: /^scv-guard: error: required option '--config <file>' not specified$/ },
      { args: ['scan', '--inventory', demo, '--format', 'sarif,PDF'], line: /^scv-guard: error: --format: unknown report format "PDF" \(allowed: / },
    ];
    // one after the other: many CLI starts at once can outlast the spawn timeout on a busy machine
    const runs: Awaited<ReturnType<typeof runCliAsync>>[] = [];
    for (const c of cases) runs.push(await runCliAsync(c.args));
    runs.forEach((run, i) => {
      const label = cases[i]!.args.join(' ');
      expect(run.code, label).toBe(2);
      expect(run.stdout, label).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines, label).toHaveLength(1);
      expect(lines[0], label).toMatch(cases[i]!.line);
    });
  }, 300_000);
});
