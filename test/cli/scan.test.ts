/** `scv-guard scan` end to end on the demo estate with the built-in engine and policies. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REPORT_FILE_NAMES } from '../../src/report/types.js';
import { expectOnlyCiList } from '../support/ci-list.js';
import { validateSarif } from '../support/sarif-multitool.js';
import { ROOT, runCli, type CliRun } from './run-cli.js';

const demo = join(ROOT, 'fixtures', 'demo', 'inventory.json');

function outputDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'scv-guard-demo-')), 'reports');
}

describe('scan of the demo estate', () => {
  const dir = outputDir();
  let run: CliRun;
  beforeAll(() => {
    run = runCli(['scan', '--inventory', demo, '--output-dir', dir, '--json']);
  });

  it('fails the default --fail-on high gate, since the demo has critical findings', () => {
    expectOnlyCiList(run.stderr);
    expect(run.code).toBe(1);
  });

  it('prints a JSON summary on stdout that matches the JSON report', () => {
    const summary = JSON.parse(run.stdout) as {
      exitCode: number;
      summary: { total: number; bySeverity: Record<string, number> };
      files: string[];
    };
    expect(summary.exitCode).toBe(1);
    expect(summary.summary.bySeverity.critical).toBeGreaterThan(0);
    expect(summary.files.sort()).toEqual(Object.values(REPORT_FILE_NAMES).map((n) => join(dir, n)).sort());
    const report = JSON.parse(readFileSync(join(dir, REPORT_FILE_NAMES.json), 'utf8')) as { findings: { ruleId: string; fingerprint: string }[] };
    expect(report.findings).toHaveLength(summary.summary.total);
    expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBeGreaterThan(0);
  });

  it('writes every report format and no temp file', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.values(REPORT_FILE_NAMES).sort());
  });

  it('draws the scanned estate in the HTML report', () => {
    const html = readFileSync(join(dir, REPORT_FILE_NAMES.html), 'utf8');
    expect(html).toContain('<svg id="estate-graph"');
    const inventory = JSON.parse(readFileSync(demo, 'utf8')) as { aws: { accounts: { id: string }[] } };
    for (const account of inventory.aws.accounts) expect(html).toContain(account.id);
  });

  it('writes SARIF that passes the SARIF Multitool with zero errors', async () => {
    const result = await validateSarif(join(dir, REPORT_FILE_NAMES.sarif));
    expect(result.errors).toEqual([]);
  });

  it('shows progress and the one-screen summary when stderr is a terminal, and nothing with --quiet', () => {
    // `script` (util-linux) runs the CLI on a pseudo-terminal.
    const ttyDir = outputDir();
    const onTty = (extra: string[]) => {
      const command = [process.execPath, join(ROOT, 'bin', 'scv-guard.js'), 'scan', '--inventory', demo, '--output-dir', ttyDir, '--format', 'json', ...extra]
        .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
        .join(' ');
      return spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    };
    const tty = onTty(['--fail-on', 'none']);
    expect(tty.status).toBe(0);
    const screen = tty.stdout.replace(/\r/g, '');
    expect(screen).toMatch(/^scv-guard: reading .*inventory\.json$/m);
    expect(screen).toMatch(/^scv-guard: \d+ findings \(\d+ critical, \d+ high, \d+ medium, \d+ low, \d+ info\)/m);
    expect(screen).toMatch(/^Top findings:\n  CRITICAL SCV-/m);
    // The demo has more open findings than the summary shows: it says how many more, and where.
    const open = (JSON.parse(readFileSync(join(ttyDir, REPORT_FILE_NAMES.json), 'utf8')) as { findings: { waiver?: unknown }[] }).findings.filter((f) => f.waiver === undefined).length;
    expect(open).toBeGreaterThan(8);
    expect(screen).toContain(`  … and ${open - 8} more findings (`);
    expect(screen).toContain(`: see ${join(ttyDir, REPORT_FILE_NAMES.json)}\n`);
    expect(screen).toMatch(/^Reports:\n  .*scv-guard\.json$/m);
    expect(screen).toMatch(/^Result: pass \(--fail-on none: nothing gates\)$/m);
    const quiet = onTty(['--fail-on', 'none', '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout.trim()).toBe('');
  });

  it('reads the same estate as YAML: same findings; --fail-on none exits 0; --quiet prints nothing', () => {
    const yamlFile = join(mkdtempSync(join(tmpdir(), 'scv-guard-yaml-')), 'inventory.yaml');
    writeFileSync(yamlFile, stringify(JSON.parse(readFileSync(demo, 'utf8'))));
    const quietDir = outputDir();
    const quiet = runCli(['scan', '--inventory', yamlFile, '--output-dir', quietDir, '--format', 'json,markdown', '--fail-on', 'none', '--quiet']);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readdirSync(quietDir).sort()).toEqual([REPORT_FILE_NAMES.json, REPORT_FILE_NAMES.markdown].sort());
    const fingerprints = (d: string) =>
      (JSON.parse(readFileSync(join(d, REPORT_FILE_NAMES.json), 'utf8')) as { findings: { fingerprint: string }[] }).findings.map((f) => f.fingerprint);
    expect(fingerprints(quietDir)).toEqual(fingerprints(dir));
  });
});
