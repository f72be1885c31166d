/**
 * The pre-deploy gate on what Salesforce publishes for Service Cloud Voice (fixtures/real-world/):
 * every template scans with exit 0 or 1, never a read error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli.js';

const TEMPLATES_DIR = 'fixtures/real-world/salesforce-scv-lambdas/cloudformation';
const TEMPLATES = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.yaml')).sort();
const CONTACT_CENTER = join(TEMPLATES_DIR, 'BYOAContactCenterStack.yaml');
const FLOWS_DIR = 'fixtures/real-world/salesforce-scv-examples/ContactFlows';
const PLANTED_KEY = 'AKIAZ7QX3N4P5L6M7K8J';
/** What a message must not name as a fact: the placeholder instance, its empty-account ARN, the placeholder account. */
const PLACEHOLDER_NAMES = /flow-export-|::instance\/|000000000000|unknown/i;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scv-real-world-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface JsonReport {
  findings: { ruleId: string; resource: { id: string } }[];
}

describe.concurrent('scan --plan on the Salesforce SCV templates', () => {
  it.each(TEMPLATES)('%s scans with exit 0 or 1', async (name) => {
    const out = join(work, name);
    const r = await runCli(['scan', '--plan', join(TEMPLATES_DIR, name), '--output-dir', out, '--format', 'json']);
    expect(r.stderr).not.toMatch(/error/);
    expect([0, 1]).toContain(r.code);
    expect(() => JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as JsonReport).not.toThrow();
  });

  it('a template in their style whose flow Content is an Fn::Sub with values not known scans with exit 0, naming the flows it cannot read', async () => {
    const out = join(work, 'flow-sub');
    const r = await runCli(['scan', '--plan', 'fixtures/cloudformation/flow-content-sub.yaml', '--output-dir', out, '--format', 'json']);
    expect(r.code).toBe(0);
    const notices = r.stderr.split('\n').filter((l) => l !== '');
    expect(notices.map((l) => /^scv-guard: notice: .*: contact flow (\w+): its Content/.exec(l)?.[1])).toEqual(['ImportedFlow', 'TemplatedFlow']);
  });

  it('approved origins of ConnectConfigurationStack (instance a parameter) are compared by the environment they deploy to, never as an instance of their own', async () => {
    const params = join(work, 'origins.json');
    writeFileSync(params, JSON.stringify({ Parameters: {
      MyDomainUrl: 'https://acme--uat.sandbox.my.salesforce.com',
      LightningDomainUrl: 'https://acme--uat.sandbox.lightning.force.com',
      // A Lambda association of another account: its instance's account is not known, so not compared.
      InvokeTelephonyApiLambdaArn: 'arn:aws:lambda:us-east-1:999999999999:function:InvokeTelephony',
    } }));
    const config = join(work, 'origins-tiers.yaml');
    writeFileSync(config, 'environments:\n  - { name: prod, tier: production }\n');
    const out = join(work, 'origins-out');
    const r = await runCli(['scan', '--config', config, '--plan', join(TEMPLATES_DIR, 'ConnectConfigurationStack.yaml'), '--parameters', params, '--environment', 'prod', '--output-dir', out, '--format', 'json', '--quiet', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as { findings: { ruleId: string; message: string }[] };
    expect(report.findings.map((f) => f.ruleId)).toEqual(['SCV-CC-006']);
    expect(report.findings[0]!.message).toContain('Production Amazon Connect instance the scanned files deploy to in prod (not known before deployment) is wired to a Salesforce org of another tier');
    expect(report.findings[0]!.message).not.toMatch(PLACEHOLDER_NAMES);
  });

  it('names the remote nested stacks in notices on stderr, and --quiet silences them', async () => {
    const r = await runCli(['scan', '--plan', CONTACT_CENTER, '--output-dir', join(work, 'notices'), '--format', 'json']);
    expect([0, 1]).toContain(r.code);
    const notices = r.stderr.split('\n').filter((l) => l.startsWith('scv-guard: notice: '));
    expect(notices.map((l) => /nested stack (\w+)/.exec(l)?.[1])).toEqual(['EventRulesStack', 'RealtimeAlertStack', 'VoiceMailStack', 'ConnectConfigurationStack']);
    const quiet = await runCli(['scan', '--plan', CONTACT_CENTER, '--output-dir', join(work, 'quiet'), '--format', 'json', '--quiet']);
    expect(quiet.stderr).toBe('');
  });

  it('--parameters applies parameter values to the templates; a bad file is a located error with exit 2', async () => {
    const params = join(work, 'params.json');
    writeFileSync(params, JSON.stringify([
      { ParameterKey: 'CallCenterApiName', ParameterValue: 'acmecc' },
      { ParameterKey: 'InstanceType', ParameterValue: 'REPLICA' },
    ], null, 2));
    const out = join(work, 'params');
    const r = await runCli(['scan', '--plan', CONTACT_CENTER, '--parameters', params, '--output-dir', out, '--format', 'json', '--quiet', '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    const bad = join(work, 'bad-params.json');
    writeFileSync(bad, '[\n  {"ParameterKey": "CallCenterApiName"}\n]\n');
    const failed = await runCli(['scan', '--plan', CONTACT_CENTER, '--parameters', bad, '--output-dir', join(work, 'bad'), '--quiet']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe(`scv-guard: error: ${bad}:2: parameter CallCenterApiName: expected a ParameterValue (or UsePreviousValue: true)\n`);

    const alone = await runCli(['scan', '--inventory', 'fixtures/demo/inventory.json', '--parameters', params, '--output-dir', join(work, 'alone')]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--parameters is only used with --plan/);
  });
});

describe.concurrent('scan --flows on the Salesforce sample flows', () => {
  it('the sample folder (both export formats, files without .json) scans with exit 0 or 1', async () => {
    const out = join(work, 'flows');
    const r = await runCli(['scan', '--flows', FLOWS_DIR, '--environment', 'uat', '--output-dir', out, '--format', 'json', '--quiet']);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
  });

  it('gated as production, the findings on the sample flows name no placeholder instance or account', async () => {
    const config = join(work, 'tiers.yaml');
    writeFileSync(config, 'environments:\n  - { name: prod, tier: production }\n');
    const out = join(work, 'flows-prod');
    const r = await runCli(['scan', '--config', config, '--flows', FLOWS_DIR, '--environment', 'prod', '--output-dir', out, '--format', 'json', '--quiet', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as { findings: { ruleId: string; message: string }[] };
    // Salesforce's samples invoke unqualified Lambda functions: SCV-FLOW-005 for a production instance.
    expect(report.findings.filter((f) => f.ruleId === 'SCV-FLOW-005').length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(f.message).toContain('of the instance the scanned files deploy to (not known before deployment)');
      expect(f.message).not.toMatch(PLACEHOLDER_NAMES);
    }
  });

  it('a key planted in an older-format flow is SCV-FLOW-002, and its value reaches no report', async () => {
    const dir = join(work, 'planted-flows');
    cpSync(FLOWS_DIR, dir, { recursive: true });
    const file = join(dir, 'Sample_SCV_REST_Link_Call_To_Case');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { modules: { id: string; type: string; parameters: Record<string, unknown>[] }[] };
    const module = doc.modules.find((m) => m.type === 'SetAttributes')!;
    module.parameters.push({ name: 'Attribute', key: 'exportUser', value: PLANTED_KEY, namespace: null });
    writeFileSync(file, JSON.stringify(doc, null, 4));
    const out = join(work, 'planted');
    const r = await runCli(['scan', '--flows', dir, '--environment', 'uat', '--output-dir', out, '--format', 'sarif,json,markdown,junit,html', '--quiet']);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as { findings: { ruleId: string; message: string }[] };
    const found = report.findings.filter((f) => f.ruleId === 'SCV-FLOW-002');
    expect(found).toHaveLength(1);
    // The older format names the block by its module id, as the flow language does by Identifier.
    expect(found[0]!.message).toContain(`aws-access-key in parameter Attribute.exportUser of block ${module.id} (SetAttributes)`);
    // The flow sits in the placeholder instance of uat: named by its file, never by the stand-in ARN.
    expect(found[0]!.message).toContain(`(in ${file}) holds what looks like a credential`);
    expect(found[0]!.message).not.toMatch(PLACEHOLDER_NAMES);
    for (const name of readdirSync(out)) expect(readFileSync(join(out, name), 'utf8')).not.toContain(PLANTED_KEY);
    expect(r.stdout + r.stderr).not.toContain(PLANTED_KEY);
  });
});
