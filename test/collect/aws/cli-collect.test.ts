import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryProblems } from '../../../src/inventory/validate.js';
import { BASE_ACCESS_KEY, EXTERNAL_ID, MANAGEMENT_ACCOUNT } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../../support/aws-server/server.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

let server: AwsServer;
let dir: string;

beforeAll(async () => {
  server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
  dir = mkdtempSync(join(tmpdir(), 'scv-aws-cli-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scv-guard collect against the local AWS server', () => {
  it('writes an inventory that validates, with the planted flow secret reported but not stored', async () => {
    const config = join(dir, 'scv-guard.yaml');
    writeFileSync(
      config,
      [
        'environments:',
        '  - { name: prod, tier: production }',
        '  - { name: uat, tier: non-production }',
        'aws:',
        '  regions: [us-east-1]',
        `  endpoints: { connect: "${server.url}", iam: "${server.url}", s3: "${server.url}", sts: "${server.url}", cloudtrail: "${server.url}", kinesis: "${server.h2Url}", cloudformation: "${server.url}", lambda: "${server.url}", kms: "${server.url}", firehose: "${server.url}", s3control: "${server.url}", organizations: "${server.url}" }`,
        '  rateLimits: { connect: 1000 }',
        '  accounts:',
        '    - id: "111111111111"',
        '      environment: prod',
        '      assumeRole: { roleArn: "arn:aws:iam::111111111111:role/ScvGuardReadOnly", externalId: "${SCANNER_EXTERNAL_ID}" }',
        '    - id: "222222222222"',
        '      environment: uat',
        '      assumeRole: { roleArn: "arn:aws:iam::222222222222:role/ScvGuardReadOnly", externalId: "${SCANNER_EXTERNAL_ID}" }',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'inventory.json');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: BASE_ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: 'local-secret',
      AWS_REGION: 'us-east-1',
      SCANNER_EXTERNAL_ID: EXTERNAL_ID,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    delete env.AWS_PROFILE;
    delete env.AWS_SESSION_TOKEN;
    await run(process.execPath, [join(root, 'bin/scv-guard.js'), 'collect', '--config', config, '--out', out, '--quiet'], { env, cwd: dir });
    const text = readFileSync(out, 'utf8');
    const inventory = JSON.parse(text);
    expect(inventoryProblems(inventory)).toEqual([]);
    expect(inventory.collection.errors).toEqual([]);
    expect(inventory.aws.accounts.map((a: { id: string; environment: string }) => [a.id, a.environment])).toEqual([
      ['111111111111', 'prod'],
      ['222222222222', 'uat'],
    ]);
    expect(inventory.aws.accounts[0].connectInstances[0].flows[0].secrets).toHaveLength(2);
    expect(text).not.toContain('AKIAZ7EXAMPLEPLANTED');
    expect(server.sessions.get('222222222222')?.[0]?.externalId).toBe(EXTERNAL_ID);
  });
});
