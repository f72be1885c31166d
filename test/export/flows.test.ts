/**
 * `scv-guard export flows` against the local AWS server: deterministic trees, the cross-environment
 * check located in the exported file, credentials withheld or redacted, parameterized output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfigYaml } from '../support/aws-server/config.js';
import { loadFixtureEstate } from '../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../support/aws-server/server.js';
import { runCliAsync } from '../cli/run-cli.js';
import { fileTree } from '../support/file-tree.js';

const UAT = '222222222222';
const DEV_LAMBDA = 'arn:aws:lambda:us-east-1:222222222222:function:scv-dev-lookup';
const QUEUE_FLOW = '3a4b5c6d-0000-4000-8000-00000000d002';
const SHARED_LAMBDA = 'arn:aws:lambda:us-east-1:444444444444:function:shared-lookup:uat';

// Exports run the CLI against the local server.
vi.setConfig({ testTimeout: 180_000 });
let server: AwsServer;
const work = mkdtempSync(join(tmpdir(), 'scv-guard-export-'));
const config = join(work, 'scv-guard.yaml');
const env = { AWS_ACCESS_KEY_ID: BASE_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_REGION: 'us-east-1' };

beforeAll(async () => {
  const estate = loadFixtureEstate();
  // A dev Lambda planted in a uat flow.
  const described = estate.get(UAT)!.regions['us-east-1']!.connect.instances['22222222-aaaa-4bbb-8ccc-000000000002']!.DescribeContactFlow[QUEUE_FLOW]!.ContactFlow;
  const content = JSON.parse(described.Content);
  content.Actions.push({ Identifier: 'planted-dev-lambda', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: DEV_LAMBDA, InvocationTimeLimitSeconds: '3' }, Transitions: {} });
  // A shared-services Lambda of another account, in the instance's region: --parameterize keeps it.
  content.Actions.push({ Identifier: 'shared-lambda', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: SHARED_LAMBDA, InvocationTimeLimitSeconds: '3' }, Transitions: {} });
  described.Content = JSON.stringify(content);
  server = await startAwsServer({ estate, accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
  writeFileSync(
    config,
    localConfigYaml(server, { prod: 'production', uat: 'non-production', dev: 'non-production' }, [
      { id: '111111111111', environment: 'prod' },
      { id: UAT, environment: 'uat' },
    ]),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const exportArgs = (out: string, ...extra: string[]) => ['export', 'flows', '--config', config, '--environment', 'uat', '--out', out, '--output-dir', `${out}-report`, '--root', dirname(out), '--quiet', ...extra];

describe('export flows', () => {
  it('writes one canonical file per flow, twice byte-identical, and reports the planted dev Lambda in the exported file', async () => {
    const [a] = await Promise.all([runCliAsync(exportArgs(join(work, 'a')), { env }), runCliAsync(exportArgs(join(work, 'b')), { env })]);
    expect(a.code, a.stderr).toBe(1);
    const first = fileTree(join(work, 'a'));
    expect(Object.keys(first)).toEqual(['AGENT_WHISPER/Agent whisper.json', 'CUSTOMER_QUEUE/Customer queue hold.json', 'MODULE/Authenticate caller.json']);
    expect(fileTree(join(work, 'b'))).toEqual(first);
    // canonical: sorted keys, two-space indent, newline at the end
    const queue = first['CUSTOMER_QUEUE/Customer queue hold.json']!;
    expect(queue).toBe(JSON.stringify(JSON.parse(queue), Object.keys(flatKeys(JSON.parse(queue))).sort(), 2) + '\n');
    expect(queue).toContain(DEV_LAMBDA);
    // the flow holding an access key is left out, and says so
    expect(a.stderr).toMatch(/left out CONTACT_FLOW Main inbound: it holds what looks like a credential \(SCV-FLOW-002\)/);
    expect(JSON.stringify(first)).not.toContain('AKIAZ7EXAMPLEPLANTED');

    const sarif = JSON.parse(readFileSync(join(work, 'a-report', 'scv-guard.sarif'), 'utf8'));
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation?: { artifactLocation: { uri: string } } }[]; message: { text: string } }[];
    const planted = results.find((r) => r.ruleId === 'SCV-FLOW-001' && r.message.text.includes('scv-dev-lookup'));
    expect(planted, JSON.stringify(results.map((r) => r.ruleId))).toBeDefined();
    expect(decodeURIComponent(planted!.locations[0]!.physicalLocation!.artifactLocation.uri)).toMatch(/a\/CUSTOMER_QUEUE\/Customer queue hold\.json$/);
    expect(results.some((r) => r.ruleId === 'SCV-FLOW-002')).toBe(true);
  });

  it('--redact writes the flow with the credential replaced; --parameterize writes placeholders and their values', async () => {
    const out = join(work, 'redacted');
    const run = await runCliAsync(exportArgs(out, '--redact', '--parameterize'), { env });
    expect(run.code, run.stderr).toBe(1); // the planted dev Lambda still fails the export
    const files = fileTree(out);
    const inbound = files['CONTACT_FLOW/Main inbound.json']!;
    expect(inbound).toContain('"awsKey": "[REDACTED]"');
    expect(inbound).not.toContain('AKIAZ7EXAMPLEPLANTED');
    expect(JSON.parse(files['parameters.json']!)).toEqual({ AccountId: UAT, Region: 'us-east-1', InstanceId: '22222222-aaaa-4bbb-8ccc-000000000002', LambdaAlias: 'uat' });
    expect(files['CUSTOMER_QUEUE/Customer queue hold.json']).toContain('arn:aws:lambda:${Region}:${AccountId}:function:scv-dev-lookup');
    // Another account's ARN keeps its region, account and qualifier.
    expect(files['CUSTOMER_QUEUE/Customer queue hold.json']).toContain(`"${SHARED_LAMBDA}"`);
    expect(JSON.stringify(files)).not.toContain('22222222-aaaa-4bbb-8ccc-000000000002"');
  });

  it('exits 2 for an environment the config does not declare', async () => {
    const run = await runCliAsync(['export', 'flows', '--config', config, '--environment', 'qa', '--out', join(work, 'x')], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--environment qa is not an environment of the config/);
  });
});

function flatKeys(v: unknown, out: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(v)) v.forEach((x) => flatKeys(x, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out[k] = true; flatKeys(x, out); }
  return out;
}
