/**
 * Pre-deploy gates, waivers, baselines and config errors, end to end through the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT, runCli } from './cli.js';
import { parseConfig } from '../../src/config/load.js';
import { validateSarif } from '../support/sarif-multitool.js';
import { expectOnlyCiList } from '../support/ci-list.js';

/** Tests that run the CLI several times, or the CLI and the SARIF Multitool, get room for a busy machine. */
const MULTI_STEP_TIMEOUT_MS = 180_000;

const PLAN = 'fixtures/plans/shared-recording-bucket.plan.json';
const FLOWS = 'fixtures/flows/uat';
const SECRET_VALUES = ['AKIAZ7QX3N4P5L6M7K8J', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8vR4tW2s'];

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'scv-e2e-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface SarifResult {
  ruleId: string;
  baselineState?: string;
  suppressions?: { justification: string }[];
  partialFingerprints: Record<string, string>;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }[];
}
const sarifResults = (dir: string): SarifResult[] =>
  (JSON.parse(readFileSync(join(dir, 'scv-guard.sarif'), 'utf8')) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
const jsonFindings = (dir: string): { ruleId: string; waived?: boolean; baselineState?: string; resource: { id: string } }[] =>
  JSON.parse(readFileSync(join(dir, 'scv-guard.json'), 'utf8')).findings;

function writeConfig(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

describe.concurrent('pre-deploy gate: Terraform plan', () => {
  it('a plan that introduces a shared recording bucket fails with exit 1 and a SARIF location at the planned storage config that shares it', async () => {
    const out = join(work, 'plan');
    const r = await runCli(['scan', '--plan', PLAN, '--output-dir', out, '--format', 'sarif,json', '--scope', 'pr-gate']);
    expectOnlyCiList(r.stderr); // no terminal: the failing gate's list, nothing else
    expect(r.code).toBe(1);
    const shared = sarifResults(out).find((x) => x.ruleId === 'SCV-ENV-002');
    expect(shared).toBeDefined();
    const loc = shared!.locations[0]!.physicalLocation;
    expect(loc.artifactLocation.uri).toBe(PLAN);
    const lines = readFileSync(resolve(ROOT, PLAN), 'utf8').split('\n');
    const changes = lines.findIndex((l) => l.includes('"resource_changes"'));
    // the first planned storage config that points an instance at the bucket; the other is related
    const entry = lines.findIndex((l, i) => i > changes && l.includes('"address": "aws_connect_instance_storage_config.'));
    expect(loc.region.startLine).toBe(entry); // the `{` opening the entry is the line above the address (1-based = index)
    expect(loc.region.startColumn).toBe(lines[entry - 1]!.indexOf('{') + 1);
    const sarif = JSON.parse(readFileSync(join(out, 'scv-guard.sarif'), 'utf8'));
    expect(sarif.runs[0].automationDetails.id).toBe('scv-guard/pr-gate/');
    const second = lines.findIndex((l, i) => i > entry && l.includes('"address": "aws_connect_instance_storage_config.'));
    const related = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'SCV-ENV-002').relatedLocations[0];
    expect(related).toMatchObject({ physicalLocation: { artifactLocation: { uri: PLAN }, region: { startLine: second } }, message: { text: 'Also introduced here' } });
  });

  it('a plan on one line, as terraform writes it, gets line 1 and the column of the entry; the SARIF passes the Multitool', async () => {
    const text = readFileSync(resolve(ROOT, PLAN), 'utf8');
    const oneLine = JSON.stringify(JSON.parse(text));
    const planFile = join(work, 'one-line.plan.json');
    writeFileSync(planFile, oneLine);
    const out = join(work, 'plan-one-line');
    // the plan lies outside this repository: --root makes its folder the root, so it can be named
    const r = await runCli(['scan', '--plan', planFile, '--root', work, '--output-dir', out, '--format', 'sarif,json,markdown', '--scope', 'pr-gate']);
    expectOnlyCiList(r.stderr); // no terminal: the failing gate's list, nothing else
    expect(r.code).toBe(1);
    const changes = (JSON.parse(text) as { resource_changes: { address: string }[] }).resource_changes;
    const bucketEntry = JSON.stringify(changes.find((c) => c.address.startsWith('aws_connect_instance_storage_config.')));
    const column = oneLine.indexOf(bucketEntry, oneLine.indexOf('"resource_changes":')) + 1;
    expect(column).toBeGreaterThan(1);
    const shared = sarifResults(out).find((x) => x.ruleId === 'SCV-ENV-002');
    expect(shared?.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: column });
    // every result from the plan points somewhere on its one line, not all at the same place
    const fromPlan = sarifResults(out).filter((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'one-line.plan.json');
    expect(fromPlan.length).toBe(sarifResults(out).length);
    expect(fromPlan.every((x) => x.locations[0]!.physicalLocation.region.startLine === 1 && x.locations[0]!.physicalLocation.region.startColumn! > 1)).toBe(true);
    const json = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as { findings: { ruleId: string; location?: { line: number; column?: number } }[] };
    expect(json.findings.find((f) => f.ruleId === 'SCV-ENV-002')!.location).toMatchObject({ line: 1, column });
    expect(readFileSync(join(out, 'scv-guard.md'), 'utf8')).toContain(`one-line.plan.json:1:${column}`);
    const report = await validateSarif(join(out, 'scv-guard.sarif'));
    expect(report.errors).toEqual([]);
  }, MULTI_STEP_TIMEOUT_MS);

  it('a CloudFormation template is read through --plan too', async () => {
    const out = join(work, 'cfn');
    const r = await runCli(['scan', '--plan', 'fixtures/cloudformation/scv-uat-stack.yaml', '--output-dir', out, '--format', 'json', '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const flowLogs = jsonFindings(out).find((f) => f.ruleId === 'SCV-OBS-002');
    expect(flowLogs?.resource.id).toContain('UatInstance');
  });

  it('a file that is neither a plan nor a template exits 2 naming it', async () => {
    const r = await runCli(['scan', '--plan', 'package.json', '--output-dir', join(work, 'bad'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^scv-guard: error: package\.json: not a Terraform plan/);
    expect(existsSync(join(work, 'bad'))).toBe(false);
  });
});

describe.concurrent('pre-deploy gate: flow exports', () => {
  it('a flow with an access key is SCV-FLOW-002 and the key is in no report', async () => {
    const out = join(work, 'flows');
    const r = await runCli(['scan', '--flows', FLOWS, '--environment', 'uat', '--output-dir', out, '--format', 'sarif,json,markdown,junit']);
    expect(r.code).toBe(1);
    const found = sarifResults(out).filter((x) => x.ruleId === 'SCV-FLOW-002');
    expect(found).toHaveLength(1);
    expect(found[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(`${FLOWS}/inbound-main.json`);
    for (const file of readdirSync(out)) {
      const text = readFileSync(join(out, file), 'utf8');
      for (const secret of SECRET_VALUES) expect(text, file).not.toContain(secret);
    }
    for (const secret of SECRET_VALUES) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('--flows without --environment is a usage error', async () => {
    const r = await runCli(['scan', '--flows', FLOWS, '--output-dir', join(work, 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--flows needs --environment');
  });
});

const ENVIRONMENTS = 'environments:\n  - { name: prod, tier: production }\n  - { name: uat, tier: non-production }\n';
const flowKeyResource = 'arn:aws:connect:us-east-1:222222222222:instance/flow-export-uat/**';

describe.concurrent('waivers', () => {
  const scanWith = async (name: string, waiver: string) => {
    const config = writeConfig(`${name}.yaml`, `${ENVIRONMENTS}waivers:\n${waiver}`);
    const out = join(work, name);
    const r = await runCli(['scan', '--config', config, '--flows', FLOWS, '--environment', 'uat', '--output-dir', out, '--format', 'sarif,json']);
    return { r, out };
  };

  it('an active waiver suppresses the finding (SARIF suppression, JSON waived) and the gate passes', async () => {
    const { r, out } = await scanWith('active', `  - { rule: SCV-FLOW-002, resource: "${flowKeyResource}", reason: "Key rotated, flow fix in CC-88", expires: 2099-12-31, environment: uat }\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = sarifResults(out).find((x) => x.ruleId === 'SCV-FLOW-002')!;
    expect(result.suppressions).toEqual([expect.objectContaining({ justification: 'Key rotated, flow fix in CC-88' })]);
    expect(jsonFindings(out).find((f) => f.ruleId === 'SCV-FLOW-002')!.waived).toBe(true);
    expect(jsonFindings(out).some((f) => f.ruleId === 'SCV-WAIVER-001')).toBe(false);
  });

  it('an expired waiver raises SCV-WAIVER-001 and the finding counts again', async () => {
    const { r, out } = await scanWith('expired', `  - { rule: SCV-FLOW-002, resource: "${flowKeyResource}", reason: "Key rotated", expires: 2020-01-31 }\n`);
    expect(r.code).toBe(1);
    const findings = jsonFindings(out);
    expect(findings.find((f) => f.ruleId === 'SCV-FLOW-002')!.waived).toBeUndefined();
    expect(findings.find((f) => f.ruleId === 'SCV-WAIVER-001')!.resource.id).toBe(`SCV-FLOW-002:${flowKeyResource}`);
  });

  it('a waiver for another environment does not waive', async () => {
    const { r, out } = await scanWith('wrong-env', `  - { rule: SCV-FLOW-002, resource: "${flowKeyResource}", reason: "Key rotated", expires: 2099-12-31, environment: prod }\n`);
    expect(r.code).toBe(1);
    expect(jsonFindings(out).find((f) => f.ruleId === 'SCV-FLOW-002')!.waived).toBeUndefined();
  });

  it('a waiver that matches no finding is a warning on stderr and in the reports; the exit code does not change', async () => {
    const active = `  - { rule: SCV-FLOW-002, resource: "${flowKeyResource}", reason: "Key rotated, flow fix in CC-88", expires: 2099-12-31, environment: uat }\n`;
    const stale = '  - { rule: SCV-FLOW-002, resource: "arn:aws:connect:us-east-1:222222222222:instance/retired/**", reason: "old", expires: 2099-12-31 }\n';
    const { r, out } = await scanWith('unmatched', active + stale);
    expect(r.code).toBe(0);
    const line = `${ENVIRONMENTS}waivers:\n${active}`.split('\n').length; // the stale entry's line
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^scv-guard: warning: .*unmatched\\.yaml:${line}: waivers\\[1\\]: The waiver for SCV-FLOW-002 on .*retired/\\*\\* matched no finding`)),
    ]);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8')) as { unmatchedWaivers: { rule: string; index: number; location: { line: number } }[] };
    expect(report.unmatchedWaivers.map((u) => [u.rule, u.index, u.location.line])).toEqual([['SCV-FLOW-002', 1, line]]);
    const sarif = JSON.parse(readFileSync(join(out, 'scv-guard.sarif'), 'utf8')) as { runs: { invocations: { toolConfigurationNotifications?: { level: string }[] }[] }[] };
    expect(sarif.runs[0]!.invocations[0]!.toolConfigurationNotifications?.map((n) => n.level)).toEqual(['warning']);
    const quiet = await runCli(['scan', '--config', join(work, 'unmatched.yaml'), '--flows', FLOWS, '--environment', 'uat', '--output-dir', join(work, 'unmatched-quiet'), '--format', 'json', '--quiet', '--json']);
    expect([quiet.code, quiet.stderr]).toEqual([0, '']);
    // The --json summary on stdout lists them as the JSON report does.
    expect((JSON.parse(quiet.stdout) as { unmatchedWaivers: unknown[] }).unmatchedWaivers).toEqual(report.unmatchedWaivers);
  }, MULTI_STEP_TIMEOUT_MS);

  it('a waiver for an unknown rule id exits 2 with its path, writing no report', async () => {
    const { r, out } = await scanWith('unknown-rule', `  - { rule: SCV-FLOW-999, resource: "*", reason: "typo", expires: 2099-12-31 }\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('waivers[0].rule: unknown rule id "SCV-FLOW-999"');
    expect(existsSync(out)).toBe(false);
  });
});

describe.concurrent('baseline', () => {
  it('marks findings unchanged/new/absent and --fail-on-new-only gates on new ones only', async () => {
    const first = join(work, 'baseline-1');
    expect((await runCli(['scan', '--flows', FLOWS, '--environment', 'uat', '--output-dir', first, '--format', 'sarif,json'])).code).toBe(1);
    const baseline = join(first, 'scv-guard.sarif');

    // Same input: nothing new, so --fail-on-new-only passes, while the plain gate still fails.
    const same = join(work, 'baseline-2');
    const r2 = await runCli(['scan', '--flows', FLOWS, '--environment', 'uat', '--baseline', baseline, '--fail-on-new-only', '--output-dir', same, '--format', 'sarif']);
    expect(r2.code).toBe(0);
    expect(sarifResults(same).map((x) => [x.ruleId, x.baselineState])).toEqual([['SCV-FLOW-002', 'unchanged']]);
    const r2b = await runCli(['scan', '--flows', FLOWS, '--environment', 'uat', '--baseline', baseline, '--output-dir', join(work, 'baseline-2b'), '--format', 'sarif']);
    expect(r2b.code).toBe(1);

    // A plan adds new findings: they are new and gate; the flow finding is gone (absent) and does not.
    const next = join(work, 'baseline-3');
    const r3 = await runCli(['scan', '--plan', PLAN, '--baseline', join(first, 'scv-guard.json'), '--fail-on-new-only', '--output-dir', next, '--format', 'sarif,json']);
    expect(r3.code).toBe(1);
    const states = sarifResults(next).map((x) => [x.ruleId, x.baselineState]);
    expect(states).toContainEqual(['SCV-ENV-002', 'new']);
    expect(states).toContainEqual(['SCV-FLOW-002', 'absent']);
  }, MULTI_STEP_TIMEOUT_MS);

  it('--fail-on-new-only without --baseline is a usage error; a bad baseline exits 2 naming it', async () => {
    expect((await runCli(['scan', '--plan', PLAN, '--fail-on-new-only'])).code).toBe(2);
    const bad = writeConfig('bad-baseline.sarif', '{"version": "2.1.0"}');
    const r = await runCli(['scan', '--plan', PLAN, '--baseline', bad, '--output-dir', join(work, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad-baseline.sarif');
  });
});

describe.concurrent('config errors exit 2 with the path', () => {
  it.each([
    ['unknown-key.yaml', 'aws.accounts[1].assumeRole.externalID: unknown key'],
    ['missing-env-var.yaml', 'salesforce.orgs[0].auth.accessToken: environment variable SCV_TEST_UNSET_TOKEN is not set'],
    ['bad-date.yaml', 'waivers[0].expires: expected a date YYYY-MM-DD'],
    ['inline-secret.yaml', 'salesforce.orgs[0].auth.accessToken: secret written inline'],
  ])('%s', async (file, message) => {
    const out = join(work, `cfg-${file}`);
    const r = await runCli(['scan', '--config', `fixtures/config/${file}`, '--plan', PLAN, '--output-dir', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`fixtures/config/${file}:`);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('FakeTokenValue');
    expect(existsSync(out)).toBe(false);
  });
});

describe.concurrent('config drives the scan', () => {
  it('report settings, severity overrides and exclusions come from the config; flags win', async () => {
    const out = join(work, 'from-config');
    const config = writeConfig('report.yaml', `${ENVIRONMENTS}policies:\n  exclude: [SCV-FLOW-001, SCV-ENV-006]\n  severity: { SCV-ENV-002: low }\nreport: { formats: [json], outputDir: ${out}, failOn: medium }\n`);
    const r = await runCli(['scan', '--config', config, '--plan', PLAN]);
    expect(r.stderr).toBe('');
    expect(readdirSync(out)).toEqual(['scv-guard.json']);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8'));
    expect(report.findings.map((f: { ruleId: string; severity: string }) => [f.ruleId, f.severity])).toEqual([['SCV-ENV-002', 'low']]);
    expect(r.code).toBe(0); // low is below the config's failOn: medium
    const strict = await runCli(['scan', '--config', config, '--plan', PLAN, '--fail-on', 'low']);
    expect(strict.code).toBe(1);
  });
});

describe.concurrent('--no-collect', () => {
  it('a gate config that names accounts checks the plan alone, in the environment account', async () => {
    const out = join(work, 'no-collect');
    const config = writeConfig('gate.yaml', `${ENVIRONMENTS}aws:\n  regions: [us-east-1]\n  accounts:\n    - { id: "222222222222", environment: uat, profile: does-not-exist }\n`);
    const r = await runCli(['scan', '--config', config, '--no-collect', '--flows', FLOWS, '--environment', 'uat', '--output-dir', out, '--format', 'json']);
    expectOnlyCiList(r.stderr); // no terminal: the failing gate's list, nothing else
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8'));
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['SCV-FLOW-002']);
  });
});

describe.concurrent('init', () => {
  it('writes a commented starter config that loads, and never overwrites without --force', async () => {
    const file = join(work, 'init', 'scv-guard.yaml');
    await runCli(['init', '--stdout']).then((r) => expect(r.stdout).toContain('# scv-guard configuration'));
    rmSync(join(work, 'init'), { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(work, 'init'));
    const r = await runCli(['init', file]);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(parseYaml(text)).toHaveProperty('environments');
    const env = { SF_CLIENT_ID: 'id', SF_KEY_FILE: 'k.pem', SF_UAT_TOKEN: 't', SCANNER_EXTERNAL_ID: 'e' };
    expect(parseConfig(text, file, { env }).environments).toHaveLength(2);
    const again = await runCli(['init', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('file exists');
    expect((await runCli(['init', file, '--force'])).code).toBe(0);
  });
});
