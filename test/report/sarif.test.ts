import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSarif, formatSarif, pascalCaseName, sarifLevel } from '../../src/report/sarif.js';
import { validateSarif } from '../support/sarif-multitool.js';
import { loadReportInput } from './fixture.js';

function run(log: Sarif.Log): Sarif.Run {
  expect(log.runs).toHaveLength(1);
  return log.runs[0]!;
}

function resultFor(log: Sarif.Log, fingerprint: string): Sarif.Result {
  const found = run(log).results?.find((r) => r.partialFingerprints?.['scvGuard/v1'] === fingerprint);
  expect(found, `result with fingerprint ${fingerprint}`).toBeDefined();
  return found!;
}

describe('SARIF mapping', () => {
  const input = loadReportInput();
  const log = buildSarif(input);
  const driver = run(log).tool.driver;

  it('describes every catalog rule, in catalog order, with severity and help', () => {
    expect(driver.rules?.map((r) => r.id)).toEqual(input.catalog.map((r) => r.id));
    const acct = driver.rules![0]!;
    expect(acct.name).toBe('AwsAccountSharedBySeveralSalesforceOrgs');
    expect(acct.shortDescription?.text).toBe(input.catalog[0]!.title);
    expect(acct.fullDescription?.text).toBe(input.catalog[0]!.description);
    expect(acct.helpUri).toBe('https://help.salesforce.com/s/articleView?id=sf.voice_aws_account.htm');
    expect(acct.help?.markdown).toContain('**Remediation:** Give every Salesforce org its own AWS account');
    expect(acct.help?.text).toContain('seeds/accounts.md');
    expect(acct.defaultConfiguration?.level).toBe('error');
    expect(acct.properties?.['security-severity']).toBe('9.5');
    expect(acct.properties?.tags).toEqual(['accounts', 'isolation', 'security']);
    // no web reference: the rule's anchor in the docs
    expect(driver.rules![1]!.helpUri).toMatch(/docs\/rules\.md#scv-data-001$/);
    // "security" is not repeated when the rule already has it
    expect(driver.rules![2]!.properties?.tags).toEqual(['flows', 'security']);
    expect(driver.rules![3]!.defaultConfiguration?.level).toBe('note');
  });

  it('gives a custom rule without a web reference no helpUri (it has no page in docs/rules.md)', () => {
    const custom = loadReportInput();
    custom.catalog[1] = { ...custom.catalog[1]!, relatedResources: [], custom: true };
    const rules = run(buildSarif(custom)).tool.driver.rules!;
    expect(rules[1]!.id).toBe(custom.catalog[1]!.id);
    expect(rules[1]!.helpUri).toBeUndefined();
    expect(rules[0]!.helpUri).toBeDefined();
  });

  it('names the tool, its version and the automation id from the scope', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(driver).toMatchObject({ name: 'scv-guard', version: '0.1.0', semanticVersion: '0.1.0' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(run(log).automationDetails?.id).toBe('scv-guard/acme-scv/');
    expect(run(log).originalUriBaseIds?.SRCROOT?.uri).toBe('file:///work/estate/');
  });

  it('points each result at its rule and resource with a stable fingerprint', () => {
    const results = run(log).results!;
    expect(results).toHaveLength(input.findings.length);
    for (const result of results) {
      expect(driver.rules![result.ruleIndex!]!.id).toBe(result.ruleId);
    }
    const flow = resultFor(log, input.findings[1]!.fingerprint);
    expect(flow.level).toBe('error');
    expect(flow.message.text).toBe(input.findings[1]!.message);
    const location = flow.locations![0]!;
    // a relative input path stays relative to SRCROOT, percent-encoded
    expect(location.physicalLocation?.artifactLocation).toEqual({ uri: 'flows/Main%20IVR.json', uriBaseId: 'SRCROOT' });
    expect(location.physicalLocation?.region).toEqual({ startLine: 42 });
    expect(location.logicalLocations).toEqual([
      { fullyQualifiedName: 'arn:aws:connect:us-east-1:111111111111:instance/0aa1/contact-flow/f-main', kind: 'resource' },
    ]);
    expect(flow.relatedLocations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe(
      'arn:aws:lambda:us-east-1:222222222222:function:lookup-dev',
    );
    expect(flow.properties).toEqual({ severity: 'high', resourceType: 'aws.connect.flow', environment: 'prod' });
  });

  it('makes files under rootDir relative, and points a live finding at its inventory or config entry', () => {
    const plan = resultFor(log, input.findings[3]!.fingerprint);
    expect(plan.locations![0]!.physicalLocation?.artifactLocation).toEqual({ uri: 'plans/prod.plan.json', uriBaseId: 'SRCROOT' });
    const acct = resultFor(log, input.findings[2]!.fingerprint);
    expect(acct.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'inventory.json', uriBaseId: 'SRCROOT' },
      region: { startLine: 88, startColumn: 9 },
    });
    expect(acct.locations![0]!.logicalLocations?.[0]?.fullyQualifiedName).toBe('111111111111');
    const bucket = resultFor(log, input.findings[0]!.fingerprint);
    expect(bucket.locations![0]!.physicalLocation?.artifactLocation).toEqual({ uri: 'scv-guard.yaml', uriBaseId: 'SRCROOT' });
  });

  it('never points at a file outside the root, in node_modules, or through ../: the next place under the root is used', () => {
    const moved = loadReportInput();
    const f = moved.findings[2]!;
    f.locations = [
      { file: '/elsewhere/gate/plan.json', line: 5, kind: 'declaration' },
      { file: '../gate/plan.json', line: 5, kind: 'declaration' },
      { file: '/work/estate/node_modules/scv-guard/policies/x.rego', line: 1, kind: 'rule' },
      { file: '/work/estate/scv-guard.yaml', line: 3, column: 5, kind: 'config' },
      { file: '/work/estate/plans/other.plan.json', line: 9, kind: 'declaration' },
    ];
    const result = resultFor(buildSarif(moved), f.fingerprint);
    expect(result.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'scv-guard.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 3, startColumn: 5 } });
    // further declarations under the root are related locations; places outside it appear nowhere
    expect(result.relatedLocations![0]).toEqual({
      id: 1,
      physicalLocation: { artifactLocation: { uri: 'plans/other.plan.json', uriBaseId: 'SRCROOT' }, region: { startLine: 9 } },
      message: { text: 'Also introduced here' },
    });
    expect(JSON.stringify(result)).not.toMatch(/elsewhere|\.\.\/|node_modules/);
  });

  it('a finding with no place under the root keeps its logical location, and the run says so', () => {
    const outside = loadReportInput();
    const f = outside.findings[2]!;
    f.locations = [{ file: '/opt/scv-guard/policies/accounts/shared_account.rego', line: 1, kind: 'rule' }];
    const sarif = buildSarif(outside);
    const result = resultFor(sarif, f.fingerprint);
    expect(result.locations).toEqual([{ logicalLocations: [{ fullyQualifiedName: '111111111111', kind: 'resource' }] }]);
    expect(run(sarif).invocations![0]!.toolExecutionNotifications).toContainEqual({
      level: 'warning',
      message: { text: expect.stringContaining('1 result(s) have no file under the scan root /work/estate') },
    });
  });

  it('carries baseline state and marks waived findings as accepted external suppressions', () => {
    expect(resultFor(log, input.findings[2]!.fingerprint).baselineState).toBe('new');
    expect(resultFor(log, input.findings[3]!.fingerprint).baselineState).toBe('unchanged');
    const waived = resultFor(log, input.findings[0]!.fingerprint);
    expect(waived.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'KMS migration SEC-142', properties: { expires: '2027-03-31' } },
    ]);
    expect(resultFor(log, input.findings[1]!.fingerprint).suppressions).toBeUndefined();
  });

  it('reports rules that could not be evaluated as tool notifications', () => {
    const invocation = run(log).invocations![0]!;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: expect.stringContaining('SCV-OBS-002 could not be evaluated: input.aws.accounts[0]') },
        associatedRule: { id: 'SCV-OBS-002', index: 3 },
        properties: { outcome: 'could-not-evaluate' },
      },
    ]);
  });

  it('reports a waiver that matched no finding as a configuration warning at its line in the config, when the config is under the root', () => {
    const notes = run(log).invocations![0]!.toolConfigurationNotifications!;
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({
      level: 'warning',
      message: { text: expect.stringMatching(/^waivers\[2\]: The waiver for SCV-TEL-001 on .* matched no finding/) },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'scv-guard.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 41 } } }],
      associatedRule: { id: 'SCV-TEL-001', index: 4 },
    });
    // a config outside the root: no location (never an absolute URI), the message still says which waiver
    expect(notes[1]!.locations).toBeUndefined();
    expect(notes[1]!.message.text).toMatch(/^waivers\[3\]: The waiver for SCV-DATA-001/);
    expect(run(buildSarif({ ...loadReportInput(), unmatchedWaivers: [] })).invocations![0]!.toolConfigurationNotifications).toBeUndefined();
  });

  it('reports an incomplete rule as a warning notification with its reason', () => {
    const partial = loadReportInput();
    partial.results = partial.results.map((r) =>
      r.ruleId === 'SCV-TEL-001' ? { ruleId: r.ruleId, outcome: 'incomplete' as const, reason: 'Nothing was collected.' } : r,
    );
    const notes = (buildSarif(partial).runs[0]!.invocations![0]!.toolExecutionNotifications ?? []).filter((n) => n.properties?.['outcome'] === 'incomplete');
    expect(notes).toEqual([
      {
        level: 'warning',
        message: { text: 'Rule SCV-TEL-001 is incomplete: Nothing was collected.' },
        associatedRule: { id: 'SCV-TEL-001', index: 4 },
        properties: { outcome: 'incomplete' },
      },
    ]);
  });

  it('gives the start column where the location has one (a one-line plan), and only there', () => {
    const oneLine = resultFor(log, input.findings[4]!.fingerprint);
    expect(oneLine.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'plans/uat.plan.json', uriBaseId: 'SRCROOT' },
      region: { startLine: 1, startColumn: 2817 },
    });
    expect(resultFor(log, input.findings[3]!.fingerprint).locations![0]!.physicalLocation?.region).toEqual({ startLine: 118 });
  });

  it('gives a region of line 1 at least, and an empty run for no findings', () => {
    const lineless = loadReportInput();
    lineless.findings[1]!.location.line = 0;
    const result = resultFor(buildSarif(lineless), lineless.findings[1]!.fingerprint);
    expect(result.locations![0]!.physicalLocation?.region).toEqual({ startLine: 1 });
    const empty = loadReportInput();
    empty.findings = [];
    expect(run(buildSarif(empty)).results).toEqual([]);
  });
});

describe('rule names and levels', () => {
  it('derives Pascal-case friendly names', () => {
    expect(pascalCaseName('Flow invokes a Lambda function of another AWS account', 'X')).toBe(
      'FlowInvokesLambdaFunctionOfAnotherAwsAccount',
    );
    expect(pascalCaseName('S3 bucket: KMS-encrypted?', 'X')).toBe('S3BucketKmsEncrypted');
    // single letters join the word before them: two capitals in a row are not Pascal case
    expect(pascalCaseName('Plan B is x-ray', 'X')).toBe('PlanbIsxRay');
    expect(pascalCaseName('!!!', 'SCV-ACCT-001')).toBe('ScvAcct001');
    expect(pascalCaseName('2 orgs share one account', 'X')).toBe('Rule2OrgsShareOneAccount');
  });

  it('maps severities to SARIF levels', () => {
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as never))).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
    ]);
  });
});

describe('SARIF Multitool validation (--rule-kind "Gh;Sarif")', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scv-sarif-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts the SARIF of the golden input with zero errors and warnings', async () => {
    const file = path.join(dir, 'golden.sarif');
    await writeFile(file, formatSarif(loadReportInput()));
    const report = await validateSarif(file);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('reports errors for a broken log (so a pass means something)', async () => {
    const log = buildSarif(loadReportInput());
    const result = log.runs[0]!.results![0]!;
    result.locations![0]!.physicalLocation!.artifactLocation = { uri: 'https://example.com/x', uriBaseId: 'SRCROOT' };
    const file = path.join(dir, 'broken.sarif');
    await writeFile(file, JSON.stringify(log));
    const report = await validateSarif(file);
    expect(report.errors.map((e) => e.ruleId)).toContain('SARIF1004');
  });
});
