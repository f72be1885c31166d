/**
 * The folder `export flows --parameterize` writes gates the deployment it is for: exported from
 * dev, scanned for uat, its placeholders take uat's values (the config's account mapping, region
 * and `flowParameters`), the flows land in the uat instance, and a flow calling a dev Lambda still
 * fires SCV-FLOW-001 — located in the exported file. A placeholder without a value stops the scan.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfigYaml } from '../support/aws-server/config.js';
import { loadFixtureEstate } from '../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../support/aws-server/server.js';
import { runCliAsync } from '../cli/run-cli.js';

const DEV = '333333333333';
const UAT = '222222222222';
const DEV_INSTANCE = '33333333-aaaa-4bbb-8ccc-000000000003';
const UAT_INSTANCE = '22222222-aaaa-4bbb-8ccc-000000000002';
const UAT_INSTANCE_ARN = `arn:aws:connect:us-east-1:${UAT}:instance/${UAT_INSTANCE}`;
const QUEUE_FLOW = '3a4b5c6d-0000-4000-8000-00000000d002';

vi.setConfig({ testTimeout: 180_000 });
let server: AwsServer;
const work = mkdtempSync(join(tmpdir(), 'scv-guard-scan-export-'));
const exported = join(work, 'flows');
const env = { AWS_ACCESS_KEY_ID: BASE_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_REGION: 'us-east-1' };

function writeConfig(name: string, topLevel: Record<string, unknown>): string {
  const file = join(work, name);
  writeFileSync(
    file,
    localConfigYaml(
      server,
      { prod: 'production', uat: 'non-production', dev: 'non-production' },
      [
        { id: '111111111111', environment: 'prod' },
        { id: UAT, environment: 'uat' },
        { id: DEV, environment: 'dev' },
      ],
      topLevel,
    ),
  );
  return file;
}

let config: string;
let withoutInstance: string;

beforeAll(async () => {
  const estate = loadFixtureEstate();
  // The dev queue flow calls a dev Lambda (by name) and uses a queue of its own instance.
  const described = estate.get(DEV)!.regions['us-east-1']!.connect.instances[DEV_INSTANCE]!.DescribeContactFlow[QUEUE_FLOW]!.ContactFlow;
  const content = JSON.parse(described.Content);
  content.Actions.push(
    { Identifier: 'dev-lambda', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: `arn:aws:lambda:us-east-1:${DEV}:function:scv-dev-lookup`, InvocationTimeLimitSeconds: '3' }, Transitions: {} },
    { Identifier: 'own-queue', Type: 'UpdateContactTargetQueue', Parameters: { QueueId: `arn:aws:connect:us-east-1:${DEV}:instance/${DEV_INSTANCE}/queue/7c1d2e3f-0000-4000-8000-00000000b003` }, Transitions: {} },
  );
  described.Content = JSON.stringify(content);
  server = await startAwsServer({ estate, accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
  config = writeConfig('scv-guard.yaml', { flowParameters: { uat: { InstanceId: UAT_INSTANCE } } });
  withoutInstance = writeConfig('no-instance.yaml', {});
  const run = await runCliAsync(
    ['export', 'flows', '--config', config, '--environment', 'dev', '--out', exported, '--parameterize', '--redact', '--output-dir', join(work, 'export-report'), '--root', work, '--quiet'],
    { env },
  );
  // The export itself fails on the dev flows' references to prod; the files are written.
  expect(run.code, run.stderr).toBe(1);
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

interface JsonFinding {
  ruleId: string;
  resource: { id: string };
  message: string;
  location?: { file: string; line: number };
}

describe('scan --flows over a parameterized export', () => {
  it('resolves the placeholders for uat: the flows land in the uat instance and the dev Lambda fires SCV-FLOW-001 in the exported file', async () => {
    const queue = readFileSync(join(exported, 'CUSTOMER_QUEUE', 'Customer queue hold.json'), 'utf8');
    expect(queue).toContain('arn:aws:lambda:${Region}:${AccountId}:function:scv-dev-lookup');
    expect(JSON.parse(readFileSync(join(exported, 'parameters.json'), 'utf8'))).toEqual({ AccountId: DEV, Region: 'us-east-1', InstanceId: DEV_INSTANCE, LambdaAlias: 'dev' });

    const out = join(work, 'uat-report');
    const run = await runCliAsync(['scan', '--config', config, '--flows', exported, '--environment', 'uat', '--no-collect', '--format', 'json', '--output-dir', out, '--root', work, '--quiet'], { env });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8'));
    const findings = report.findings as JsonFinding[];
    const devLambda = findings.find((f) => f.ruleId === 'SCV-FLOW-001' && f.message.includes('scv-dev-lookup'));
    expect(devLambda, JSON.stringify(findings.map((f) => [f.ruleId, f.message]))).toBeDefined();
    // the placeholder took uat's account; the flow is a flow of the uat instance, typed by its folder
    expect(devLambda!.message).toContain(`arn:aws:lambda:us-east-1:${UAT}:function:scv-dev-lookup`);
    expect(devLambda!.message).toContain(`of instance ${UAT_INSTANCE_ARN}`);
    expect(devLambda!.location?.file).toContain('CUSTOMER_QUEUE/Customer queue hold.json');
    // the queue of the exporting instance became the uat instance's own queue: no cross-instance finding for it
    const crossInstance = findings.filter((f) => f.ruleId === 'SCV-FLOW-003' && f.message.includes('Customer queue hold')).map((f) => f.message).join('\n');
    expect(crossInstance).not.toContain('7c1d2e3f-0000-4000-8000-00000000b003');
    expect(JSON.stringify(report)).not.toContain(DEV_INSTANCE);
  });

  it('laid over the live uat instance when the scan collects', async () => {
    const out = join(work, 'live-report');
    const run = await runCliAsync(['scan', '--config', config, '--flows', exported, '--environment', 'uat', '--format', 'json', '--output-dir', out, '--root', work, '--quiet'], { env });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8'));
    const devLambda = (report.findings as JsonFinding[]).find((f) => f.ruleId === 'SCV-FLOW-001' && f.message.includes('scv-dev-lookup'));
    expect(devLambda?.message).toContain(`of instance ${UAT_INSTANCE_ARN}`);
  });

  it('a placeholder without a value for the target environment stops the scan, naming the file, the placeholder and the config key', async () => {
    const out = join(work, 'unresolved-report');
    const run = await runCliAsync(['scan', '--config', withoutInstance, '--flows', exported, '--environment', 'uat', '--no-collect', '--format', 'json', '--output-dir', out, '--quiet'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.json:\d+:\d+: placeholder \$\{InstanceId\} cannot be resolved: it has no value for environment uat \(set flowParameters\.uat\.InstanceId in the config\)/);
    expect(() => readFileSync(join(out, 'scv-guard.json'))).toThrow();
  });

  it('flowParameters for an environment the config does not declare is a config error', async () => {
    const bad = writeConfig('bad.yaml', { flowParameters: { qa: { InstanceId: 'x' } } });
    const run = await runCliAsync(['scan', '--config', bad, '--flows', exported, '--environment', 'uat', '--no-collect'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/flowParameters\.qa: unknown environment "qa"/);
  });
});
