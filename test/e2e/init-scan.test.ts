/**
 * Acceptance: `scv-guard init`, then `scan` with the template unchanged and no network (its
 * variables set, the key file not a key, AWS endpoints and the HTTPS proxy on a closed local
 * port, no AWS credentials): every source fails, no rule passes, exit 1, every report shows it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

describe('init, then scan with the template unchanged and no network', () => {
  it('collects nothing, passes no rule and exits 1; JSON, SARIF, JUnit, Markdown and HTML show it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scv-guard-init-scan-'));
    const config = join(dir, 'scv-guard.yaml');
    expect((await runCli(['init', config])).code).toBe(0);
    const key = join(dir, 'scanner.pem');
    writeFileSync(key, 'not a private key\n');
    const closed = 'http://127.0.0.1:9';
    const env = {
      HOME: dir, // no ~/.aws: no profile, no credentials
      SF_CLIENT_ID: 'client-id',
      SF_KEY_FILE: key,
      SF_UAT_TOKEN: 'token',
      SCANNER_EXTERNAL_ID: 'external-id',
      HTTPS_PROXY: closed, // Salesforce calls go to the proxy, which is not there
      AWS_ENDPOINT_URL: closed,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
    };
    const out = join(dir, 'reports');
    const run = await runCli(['scan', '--config', config, '--output-dir', out, '--format', 'json,sarif,junit,markdown,html', '--quiet', '--json'], { env, cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const summary = JSON.parse(run.stdout) as { summary: { rules: { evaluated: number; pass: number; incomplete: number } } };
    expect(summary.summary.rules.pass).toBe(0);
    expect(summary.summary.rules.incomplete).toBeGreaterThan(0);
    const json = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as { summary: { rules: { pass: number } }; rules: { outcome: string }[]; findings: { ruleId: string }[] };
    expect(json.summary.rules.pass).toBe(0);
    expect(json.rules.some((r) => r.outcome === 'pass')).toBe(false);
    expect(json.findings.some((f) => f.ruleId === 'SCV-COLL-001')).toBe(true);
    const sarif = JSON.parse(readFileSync(join(out, 'scv-guard.sarif'), 'utf8')) as { runs: { invocations: { toolExecutionNotifications?: { properties?: { outcome?: string } }[] }[] }[] };
    expect((sarif.runs[0]!.invocations[0]!.toolExecutionNotifications ?? []).filter((n) => n.properties?.outcome === 'incomplete')).toHaveLength(summary.summary.rules.incomplete);
    const junit = readFileSync(join(out, 'scv-guard.junit.xml'), 'utf8');
    const cases = junit.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? [];
    expect(cases.filter((c) => !/<(error|failure|skipped)\b/.test(c))).toEqual([]);
    expect(readFileSync(join(out, 'scv-guard.md'), 'utf8')).toMatch(/ 0 passed, \d+ incomplete/);
    expect(readFileSync(join(out, 'scv-guard.html'), 'utf8')).toContain(`<span class="n">${summary.summary.rules.incomplete}</span>rules incomplete`);
  });
});
