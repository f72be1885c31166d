/**
 * `export flows` in an environment with two Amazon Connect instances: one subfolder per instance
 * without `--instance`, the chosen instance alone (by id, ARN or alias) with it, and the errors
 * for an instance the environment does not have and for `--parameterize` over several instances.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfigYaml } from '../support/aws-server/config.js';
import { loadFixtureEstate } from '../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../support/aws-server/server.js';
import { runCliAsync } from '../cli/run-cli.js';

const UAT = '222222222222';
const FIRST = '22222222-aaaa-4bbb-8ccc-000000000002';
const SECOND = '22222222-bbbb-4bbb-8ccc-000000000022';
const SECOND_ARN = `arn:aws:connect:us-east-1:${UAT}:instance/${SECOND}`;

vi.setConfig({ testTimeout: 180_000 });
let server: AwsServer;
const work = mkdtempSync(join(tmpdir(), 'scv-guard-export-instances-'));
const config = join(work, 'scv-guard.yaml');
const twoAccounts = join(work, 'two-accounts.yaml');
const DEV = '333333333333';
const env = { AWS_ACCESS_KEY_ID: BASE_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: 'local-secret', AWS_REGION: 'us-east-1' };

beforeAll(async () => {
  const estate = loadFixtureEstate();
  const connect = estate.get(UAT)!.regions['us-east-1']!.connect;
  // A second uat instance: the first one's flows under another id and alias; one flow renamed.
  const clone = JSON.parse(JSON.stringify(connect.instances[FIRST]).split(FIRST).join(SECOND).split('acme-uat-cc').join('acme-uat-chat'));
  clone.ListContactFlows.ContactFlowSummaryList[0].Name = 'Chat inbound';
  connect.instances[SECOND] = clone;
  connect.ListInstances.InstanceSummaryList.push({ ...connect.ListInstances.InstanceSummaryList[0], Id: SECOND, Arn: SECOND_ARN, InstanceAlias: 'acme-uat-chat' });
  // The dev account's instance under the uat alias, for a config that puts both accounts in uat.
  estate.get(DEV)!.regions['us-east-1']!.connect.ListInstances.InstanceSummaryList[0]!.InstanceAlias = 'acme-uat-cc';
  server = await startAwsServer({ estate, accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
  writeFileSync(
    twoAccounts,
    localConfigYaml(server, { uat: 'non-production' }, [
      { id: UAT, environment: 'uat' },
      { id: DEV, environment: 'uat' },
    ]),
  );
  writeFileSync(
    config,
    localConfigYaml(server, { prod: 'production', uat: 'non-production' }, [
      { id: '111111111111', environment: 'prod' },
      { id: UAT, environment: 'uat' },
    ]),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

const exportArgs = (out: string, ...extra: string[]) =>
  ['export', 'flows', '--config', config, '--environment', 'uat', '--out', out, '--output-dir', `${out}-report`, '--root', dirname(out), '--quiet', '--redact', ...extra];

describe('export flows with two instances in the environment', () => {
  it('writes one subfolder per instance, named by its alias, when no --instance is given', async () => {
    const out = join(work, 'all');
    const run = await runCliAsync(exportArgs(out), { env });
    expect(run.stderr).toMatch(/exported 8 flow\(s\)/);
    expect(files(out)).toEqual([
      'acme-uat-cc/AGENT_WHISPER/Agent whisper.json',
      'acme-uat-cc/CONTACT_FLOW/Main inbound.json',
      'acme-uat-cc/CUSTOMER_QUEUE/Customer queue hold.json',
      'acme-uat-cc/MODULE/Authenticate caller.json',
      'acme-uat-chat/AGENT_WHISPER/Agent whisper.json',
      'acme-uat-chat/CONTACT_FLOW/Chat inbound.json',
      'acme-uat-chat/CUSTOMER_QUEUE/Customer queue hold.json',
      'acme-uat-chat/MODULE/Authenticate caller.json',
    ]);
  });

  it.each([
    ['id', SECOND],
    ['ARN', SECOND_ARN],
    ['alias', 'acme-uat-chat'],
  ])('--instance by %s exports that instance alone, without a subfolder', async (_, instance) => {
    const out = join(work, `one-${instance.replace(/[^a-z0-9]/gi, '_')}`);
    const run = await runCliAsync(exportArgs(out, '--instance', instance), { env });
    expect(run.stderr).toMatch(/exported 4 flow\(s\)/);
    expect(files(out)).toEqual([
      'AGENT_WHISPER/Agent whisper.json',
      'CONTACT_FLOW/Chat inbound.json',
      'CUSTOMER_QUEUE/Customer queue hold.json',
      'MODULE/Authenticate caller.json',
    ]);
  });

  it('an alias two instances share (in two accounts) gets the instance id after it, one folder each', async () => {
    const out = join(work, 'same-alias');
    const run = await runCliAsync(
      ['export', 'flows', '--config', twoAccounts, '--environment', 'uat', '--instance', 'acme-uat-cc', '--out', out, '--output-dir', `${out}-report`, '--root', work, '--quiet', '--redact'],
      { env },
    );
    expect(run.stderr).toMatch(/exported 8 flow\(s\)/);
    const written = files(out);
    expect(written.filter((f) => f.endsWith('CONTACT_FLOW/Main inbound.json'))).toEqual([
      `acme-uat-cc-${FIRST}/CONTACT_FLOW/Main inbound.json`,
      'acme-uat-cc-33333333-aaaa-4bbb-8ccc-000000000003/CONTACT_FLOW/Main inbound.json',
    ]);
  });

  it('exits 2 for an instance the environment does not have, writing nothing', async () => {
    const out = join(work, 'none');
    const run = await runCliAsync(exportArgs(out, '--instance', 'acme-prod-cc'), { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no Amazon Connect instance acme-prod-cc in the accounts of environment uat/);
    expect(() => statSync(out)).toThrow();
  });

  it('--parameterize over several instances asks for --instance and writes nothing', async () => {
    const out = join(work, 'param');
    const run = await runCliAsync(exportArgs(out, '--parameterize'), { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--parameterize needs one instance: name it with --instance/);
    expect(() => statSync(out)).toThrow();
    const one = await runCliAsync(exportArgs(join(work, 'param-one'), '--parameterize', '--instance', 'acme-uat-chat'), { env });
    expect(files(join(work, 'param-one'))).toContain('parameters.json');
    expect(one.stderr).toMatch(/parameterized/);
  });
});
