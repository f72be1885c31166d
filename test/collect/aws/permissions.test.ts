import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAws } from '../../../src/collect/aws/index.js';
import { OPERATION_ACTIONS, readOnlyPolicy, requiredActions } from '../../../src/collect/aws/permissions.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { startAwsServer, type AwsServer } from '../../support/aws-server/server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SRC = join(root, 'src/collect/aws');

/** Operations named in the collector sources: `new XCommand(` and `paginateX(`, by the client package each file imports. */
function operationsInSource(): Set<string> {
  const ops = new Set<string>();
  for (const file of readdirSync(SRC).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(SRC, file), 'utf8');
    // The package name without hyphens is the service key (client-s3-control → s3control).
    const clients = [...text.matchAll(/from '@aws-sdk\/client-([a-z0-9-]+)'/g)].map((m) => m[1]!.replace(/-/g, ''));
    const names = [...text.matchAll(/new (\w+)Command\(/g), ...text.matchAll(/paginate(\w+)\(/g)].map((m) => m[1]!);
    if (names.length === 0) continue;
    expect(clients, `${file} sends commands of exactly one service`).toHaveLength(1);
    for (const name of names) ops.add(`${clients[0]}:${name}`);
  }
  return ops;
}

let server: AwsServer;
const sent = new Set<string>();

beforeAll(async () => {
  server = await startAwsServer({ estate: loadFixtureEstate(), accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT } });
  await collectAws(localConfig(server, [{ id: '111111111111' }], { organizations: { discover: true } }), localOptions());
  // AssumeRole is signed by the scanner's own identity, not by the read-only role.
  for (const c of server.calls) if (c.operation !== 'AssumeRole') sent.add(`${c.service}:${c.operation}`);
});
afterAll(() => server.close());

describe('least-privilege IAM policy', () => {
  it('maps every operation named in the collector sources, and nothing else', () => {
    expect([...operationsInSource()].sort()).toEqual(Object.keys(OPERATION_ACTIONS).sort());
  });

  it('maps every operation the collectors actually sent to the local server, and none goes unused', () => {
    expect([...sent].sort()).toEqual(Object.keys(OPERATION_ACTIONS).sort());
  });

  it('docs/iam-policy.json allows exactly the mapped actions, read-only ones only', () => {
    const doc = JSON.parse(readFileSync(join(root, 'docs/iam-policy.json'), 'utf8'));
    expect(doc).toEqual(readOnlyPolicy());
    for (const action of requiredActions()) expect(action).toMatch(/^[a-z0-9]+:(List|Get|Describe)\w+$/);
  });

  it('the docs/collectors.md section lists the same actions', () => {
    const page = readFileSync(join(root, 'docs/collectors.md'), 'utf8');
    const section = page.slice(page.indexOf('## AWS collection'));
    const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(block, 'docs/collectors.md ## AWS collection has a json policy block').toBeDefined();
    expect(JSON.parse(block!)).toEqual(readOnlyPolicy());
  });
});
