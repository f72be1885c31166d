/**
 * A resource whose account is not known is never compared as if the placeholder were real:
 * Salesforce's sample flows, exported from another account, scanned with and without knowing
 * where they deploy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';

const SAMPLES = 'fixtures/flows/salesforce-samples';

interface JsonReport {
  summary: { resourcesWithoutKnownAccount?: number };
  findings: { ruleId: string; message: string }[];
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scv-unknown-account-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const report = (dir: string): JsonReport => JSON.parse(readFileSync(join(dir, 'scv-guard.json'), 'utf8')) as JsonReport;

describe.concurrent('account not known', () => {
  it('flows with no known account are not compared against a placeholder, and the summary counts them', async () => {
    const out = join(work, 'unknown');
    const r = await runCli(['scan', '--flows', SAMPLES, '--environment', 'prod', '--format', 'json,sarif,markdown', '--output-dir', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = report(out);
    expect(json.findings.filter((f) => f.ruleId === 'SCV-FLOW-001' || f.ruleId === 'SCV-FLOW-003')).toEqual([]);
    // one placeholder instance and its two flows
    expect(json.summary.resourcesWithoutKnownAccount).toBe(3);
    expect(JSON.parse(r.stdout).summary.resourcesWithoutKnownAccount).toBe(3);
    for (const file of ['scv-guard.json', 'scv-guard.sarif', 'scv-guard.md']) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text).not.toContain('000000000000');
      expect(text).not.toMatch(/arn:aws:[a-z]+:unknown:/);
    }
  });

  it('the config maps --environment to its account: the flows are compared against it', async () => {
    const out = join(work, 'mapped');
    const config = join(work, 'scv-guard.yaml');
    writeFileSync(
      config,
      'environments:\n  - { name: prod, tier: production }\naws:\n  regions: [us-west-2]\n  accounts:\n    - { id: "111111111111", environment: prod }\n',
    );
    const r = await runCli(['scan', '--config', config, '--no-collect', '--flows', SAMPLES, '--environment', 'prod', '--format', 'json', '--output-dir', out, '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    const json = report(out);
    expect(json.summary.resourcesWithoutKnownAccount).toBeUndefined();
    const lambda = json.findings.filter((f) => f.ruleId === 'SCV-FLOW-001');
    expect(lambda).toHaveLength(2);
    for (const f of lambda) expect(f.message).toMatch(/it is in account (940482410406|593793031641), not the instance's account 111111111111/);
    expect(JSON.stringify(json)).not.toContain('000000000000');
  });
});
