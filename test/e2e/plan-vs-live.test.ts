/**
 * Plan-vs-live through the CLI: a plan that points the dev instance's recordings at the uat
 * bucket of the live demo estate creates a bucket shared across environments that the live
 * estate alone does not have. And the gate's SARIF passes Microsoft's SARIF Multitool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { validateSarif } from '../support/sarif-multitool.js';

const LIVE = 'fixtures/demo/inventory.json';
const PLAN = 'fixtures/plans/dev-recordings-to-uat-bucket.plan.json';
const UAT_BUCKET = 'arn:aws:s3:::acme-scv-uat-recordings';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scv-e2e-pvl-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const findings = (dir: string): { ruleId: string; resource: { id: string; arn?: string } }[] =>
  JSON.parse(readFileSync(join(dir, 'scv-guard.json'), 'utf8')).findings;
const sharedUatBucket = (dir: string) => findings(dir).filter((f) => f.ruleId === 'SCV-ENV-002' && (f.resource.arn ?? f.resource.id) === UAT_BUCKET);

describe.concurrent('plan-vs-live', () => {
  it('the planned storage config replaces the live one and the uat bucket becomes shared with dev', async () => {
    const live = join(work, 'live');
    const gated = join(work, 'gated');
    const [r1, r2] = await Promise.all([
      runCli(['scan', '--inventory', LIVE, '--output-dir', live, '--format', 'json', '--fail-on', 'none']),
      runCli(['scan', '--inventory', LIVE, '--plan', PLAN, '--output-dir', gated, '--format', 'json,sarif', '--fail-on', 'none']),
    ]);
    expect(r1.code).toBe(0);
    expect(r2.stderr).toBe('');
    expect(r2.code).toBe(0);
    expect(sharedUatBucket(live)).toHaveLength(0);
    expect(sharedUatBucket(gated)).toHaveLength(1);
    // Everything else found on the live estate is still found with the plan laid over it.
    const key = (f: { ruleId: string; resource: { id: string } }) => `${f.ruleId} ${f.resource.id}`;
    const gatedKeys = new Set(findings(gated).map(key));
    expect(findings(live).map(key).filter((k) => !gatedKeys.has(k))).toEqual([]);
  });

  it('the gate SARIF with file locations passes the SARIF Multitool', async () => {
    const out = join(work, 'multitool');
    const r = await runCli(['scan', '--inventory', LIVE, '--plan', PLAN, 'fixtures/plans/shared-recording-bucket.plan.json', '--flows', 'fixtures/flows/uat', '--environment', 'uat', '--output-dir', out, '--format', 'sarif', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const report = await validateSarif(join(out, 'scv-guard.sarif'));
    expect(report.errors).toEqual([]);
  });
});
