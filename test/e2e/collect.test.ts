/**
 * A scan from config, end to end: the CLI collects from the local AWS and Salesforce test
 * servers (the real SDK clients and jsforce, pointed at them through `aws.endpoints` and the
 * orgs' login/instance URLs), then evaluates and reports. Secrets reach it only as `${VAR}`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runCli } from './cli.js';
import { BASE_ACCESS_KEY, EXTERNAL_ID, MANAGEMENT_ACCOUNT, localEndpoints } from '../support/aws-server/config.js';
import { loadFixtureEstate } from '../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../support/aws-server/server.js';
import { startHarness, type Harness } from '../collect/salesforce/harness.js';
import type { SalesforceOrgConfig } from '../../src/config/types.js';

let aws: AwsServer;
let sf: Harness;
let work: string;
let configFile: string;
const env: Record<string, string> = {
  AWS_ACCESS_KEY_ID: BASE_ACCESS_KEY,
  AWS_SECRET_ACCESS_KEY: 'local-secret',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  // The SDK's notice about its future Node.js support would otherwise be the only stderr output.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  SCANNER_EXTERNAL_ID: EXTERNAL_ID,
};

/** The harness's org config with every secret moved into an environment variable. */
function orgWithVariables(org: SalesforceOrgConfig): SalesforceOrgConfig {
  const name = org.alias.toUpperCase();
  const auth = { ...org.auth } as Record<string, unknown>;
  for (const key of ['accessToken', 'refreshToken', 'clientSecret']) {
    if (typeof auth[key] === 'string') {
      const variable = `SF_${name}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
      env[variable] = auth[key] as string;
      auth[key] = `\${${variable}}`;
    }
  }
  return { ...org, auth: auth as SalesforceOrgConfig['auth'] };
}

beforeAll(async () => {
  aws = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT }, pageSize: 50 });
  sf = await startHarness();
  work = mkdtempSync(join(tmpdir(), 'scv-e2e-collect-'));
  const config = {
    environments: [
      { name: 'prod', tier: 'production' },
      { name: 'uat', tier: 'non-production' },
      { name: 'uat2', tier: 'non-production' },
    ],
    salesforce: { apiVersion: '62.0', orgs: sf.config.orgs.map(orgWithVariables) },
    aws: {
      regions: ['us-east-1'],
      endpoints: localEndpoints(aws),
      rateLimits: { connect: 1000 },
      accounts: [
        ['111111111111', 'prod'],
        ['222222222222', 'uat'],
        ['333333333333', 'uat2'],
      ].map(([id, environment]) => ({
        id,
        environment,
        assumeRole: { roleArn: `arn:aws:iam::${id}:role/ScvGuardReadOnly`, externalId: '${SCANNER_EXTERNAL_ID}' },
      })),
    },
    settings: { salesforceAccountIds: ['793525387755'] },
    report: { formats: ['sarif', 'json'], failOn: 'none', scope: 'nightly' },
  };
  configFile = join(work, 'scv-guard.yaml');
  writeFileSync(configFile, stringify(config));
});

afterAll(async () => {
  await aws?.close();
  await sf?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('scan --config against the local AWS and Salesforce servers', () => {
  it('collects both sides, evaluates and writes reports without leaking a secret', async () => {
    const out = join(work, 'reports');
    const r = await runCli(['scan', '--config', configFile, '--output-dir', out], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['scv-guard.json', 'scv-guard.sarif']);
    const report = JSON.parse(readFileSync(join(out, 'scv-guard.json'), 'utf8'));
    expect(report.scope).toBe('nightly');
    expect(report.summary.rules.couldNotEvaluate).toBe(0);
    // The collectors reached both servers with the configured roles and sessions.
    for (const id of ['111111111111', '222222222222', '333333333333']) {
      expect(aws.sessions.get(id)?.[0]?.externalId).toBe(EXTERNAL_ID);
    }
    expect(sf.server.log.some((l) => l.kind === 'rest')).toBe(true);
    const reports = readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    for (const secret of [...sf.secrets(), 'local-secret']) expect(reports).not.toContain(secret);
  });

  it('collect --config writes one valid inventory with both sides and the configured environments', async () => {
    const file = join(work, 'inventory.json');
    const r = await runCli(['collect', '--config', configFile, '--out', file], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const inventory = JSON.parse(readFileSync(file, 'utf8'));
    expect(inventory.environments.map((e: { name: string }) => e.name)).toEqual(['prod', 'uat', 'uat2']);
    expect(inventory.aws.accounts.map((a: { id: string; environment: string }) => [a.id, a.environment])).toEqual([
      ['111111111111', 'prod'],
      ['222222222222', 'uat'],
      ['333333333333', 'uat2'],
    ]);
    // configured orgs, plus sandboxes the production org's lineage records name
    expect(inventory.salesforce.orgs.length).toBeGreaterThanOrEqual(sf.config.orgs.length);
    expect(inventory.salesforce.orgs.filter((o: { environment: string | null }) => o.environment !== null).length).toBe(sf.config.orgs.length);
    for (const secret of sf.secrets()) expect(readFileSync(file, 'utf8')).not.toContain(secret);
    // The collected inventory scans like a live one, and `inventory validate` accepts it.
    expect((await runCli(['inventory', 'validate', file])).code).toBe(0);
  });

  it('sharded collection merged with `inventory merge` scans to the same findings as one collection', async () => {
    const full = parse(readFileSync(configFile, 'utf8'));
    const shards = {
      'aws-a': { ...full, salesforce: undefined, aws: { ...full.aws, accounts: full.aws.accounts.slice(0, 2) } },
      'aws-b': { ...full, salesforce: undefined, aws: { ...full.aws, accounts: full.aws.accounts.slice(2) } },
      salesforce: { ...full, aws: undefined },
    };
    const parts: string[] = [];
    await Promise.all(
      Object.entries(shards).map(async ([name, shard]) => {
        const cfg = join(work, `shard-${name}.yaml`);
        writeFileSync(cfg, stringify(JSON.parse(JSON.stringify(shard))));
        const part = join(work, `part-${name}.json`);
        const r = await runCli(['collect', '--config', cfg, '--out', part], { env });
        expect(r.code, r.stderr).toBe(0);
        parts.push(part);
      }),
    );
    const merged = join(work, 'merged.json');
    expect((await runCli(['inventory', 'merge', ...parts.sort(), '-o', merged])).code).toBe(0);
    const out = join(work, 'sharded-reports');
    const r = await runCli(['scan', '--config', configFile, '--inventory', merged, '--output-dir', out], { env });
    expect(r.code).toBe(0);
    const fingerprints = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'scv-guard.json'), 'utf8')).findings as { fingerprint: string }[]).map((f) => f.fingerprint).sort();
    expect(fingerprints(out)).toEqual(fingerprints(join(work, 'reports')));
    expect(fingerprints(out).length).toBeGreaterThan(0);
  });

  it('a missing secret variable exits 2 before anything is collected', async () => {
    const calls = aws.calls.length;
    const { SCANNER_EXTERNAL_ID: _unset, ...partial } = env;
    const r = await runCli(['collect', '--config', configFile, '--out', join(work, 'never.json')], { env: partial });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('aws.accounts[0].assumeRole.externalId: environment variable SCANNER_EXTERNAL_ID is not set');
    expect(aws.calls.length).toBe(calls);
  });
});
