/**
 * The evidence rules in a pre-deploy gate: a plan that declares a Lambda function with a literal
 * API key and a recording bucket whose ACL is public fails on SCV-LAMBDA-001 and SCV-DATA-002,
 * located at the planned resources; a planned function does not make a rule complete whose live
 * section could not be read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, runCli } from './cli.js';

const LIVE = 'fixtures/demo/inventory.json';
const PLAN = 'fixtures/plans/scv-evidence.plan.json';
const API_KEY = 'q9Xv2LmT8rW4kZp1sYb7NcE3hJ6gFd0a';
const CONFIG = `environments:
  - { name: prod, tier: production }
  - { name: uat, tier: non-production }
aws:
  regions: [us-east-1]
  accounts:
    - { id: "222222222222", environment: uat }
`;

let work: string;
let config: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scv-e2e-evidence-'));
  config = join(work, 'scv-guard.yaml');
  writeFileSync(config, CONFIG);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** 1-based line of the resource_changes entry of `address` (the `{` above its address line). */
function entryLine(address: string): number {
  const lines = readFileSync(resolve(ROOT, PLAN), 'utf8').split('\n');
  const changes = lines.findIndex((l) => l.includes('"resource_changes"'));
  return lines.findIndex((l, i) => i > changes && l.includes(`"address": "${address}"`));
}

describe.concurrent('pre-deploy gate: AWS-side evidence', () => {
  it('fails on the planned function holding an API key and the public recording bucket ACL, at their plan entries; the key never reaches a report', async () => {
    const out = join(work, 'gate');
    const r = await runCli(['scan', '--config', config, '--inventory', LIVE, '--plan', PLAN, '--environment', 'uat', '--output-dir', out, '--format', 'sarif,json,markdown', '--fail-on', 'high']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(out, 'scv-guard.sarif'), 'utf8'));
    // The live demo estate has findings of both rules of its own; these are the plan's.
    const at = (ruleId: string) =>
      sarif.runs[0].results
        .filter((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.ruleId === ruleId && x.locations[0]!.physicalLocation.artifactLocation.uri === PLAN)
        .map((x: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => [x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine]);
    expect(at('SCV-LAMBDA-001')).toEqual([[PLAN, entryLine('module.scv.aws_lambda_function.crm_lookup')]]);
    expect(at('SCV-DATA-002')).toEqual([[PLAN, entryLine('aws_s3_bucket.recordings')]]);
    for (const file of ['scv-guard.sarif', 'scv-guard.json', 'scv-guard.md']) expect(readFileSync(join(out, file), 'utf8')).not.toContain(API_KEY);
    // The messages name the declaration as a Terraform user knows it, in SARIF and Markdown alike.
    const declared = `(declared as module.scv.aws_lambda_function.crm_lookup in ${PLAN})`;
    const lambda = sarif.runs[0].results.find((x: { ruleId: string; message: { text: string } }) => x.ruleId === 'SCV-LAMBDA-001' && x.message.text.includes('acme-uat-crm-lookup'));
    expect(lambda.message.text).toContain(declared);
    expect(readFileSync(join(out, 'scv-guard.md'), 'utf8').replace(/\\_/g, '_')).toContain(declared);
    // A finding on a live resource names no declaration.
    const live = sarif.runs[0].results.find((x: { ruleId: string; message: { text: string } }) => x.ruleId === 'SCV-LAMBDA-001' && x.message.text.includes('scv-dev-callback'));
    expect(live.message.text).not.toContain('declared as');
  });

  it('a clean planned function over a live account whose functions could not be read leaves SCV-LAMBDA-001 incomplete, not passed', async () => {
    const inventory = JSON.parse(readFileSync(resolve(ROOT, LIVE), 'utf8'));
    // The account's functions could not be listed: none read, and the error says so.
    inventory.aws.accounts.find((a: { id: string }) => a.id === '222222222222').lambdaFunctions = [];
    inventory.collection.errors.push({
      source: 'aws', target: '222222222222/us-east-1/lambda:functions', operation: 'ListFunctions', code: 'AccessDeniedException', message: 'denied', sections: ['aws.lambdaFunctions'],
    });
    const live = join(work, 'live-lambda-denied.json');
    writeFileSync(live, JSON.stringify(inventory));
    const plan = JSON.parse(readFileSync(resolve(ROOT, PLAN), 'utf8'));
    for (const c of plan.resource_changes) if (c.type === 'aws_lambda_function') delete c.change.after.environment[0].variables.CRM_API_KEY;
    const planFile = join(work, 'clean.plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const out = join(work, 'incomplete');
    const r = await runCli(['scan', '--config', config, '--inventory', live, '--plan', planFile, '--root', work, '--environment', 'uat', '--output-dir', out, '--format', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8'));
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'SCV-LAMBDA-001')).toEqual([]);
    expect(report.rules.find((x: { id: string }) => x.id === 'SCV-LAMBDA-001').outcome).toBe('incomplete');
  });
});
