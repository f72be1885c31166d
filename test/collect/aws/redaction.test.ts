/**
 * Credentials echoed by a remote party never reach an output: an STS and a Connect error body that
 * quote the caller's session token (raw, URL-encoded, base64) and its signed Authorization header.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectAws } from '../../../src/collect/aws/index.js';
import { serializeInventory } from '../../../src/inventory/write.js';
import { scanInMemory } from '../../support/scan-in-memory.js';
import { formatScanSummary } from '../../../src/cli/output.js';
import { BASE_ACCESS_KEY, MANAGEMENT_ACCOUNT, localConfig, localOptions } from '../../support/aws-server/config.js';
import { loadFixtureEstate } from '../../support/aws-server/estate.js';
import { sessionTokenFor } from '../../support/aws-server/handlers.js';
import { startAwsServer, type AwsServer } from '../../support/aws-server/server.js';

const PROD = '111111111111';
const UAT = '222222222222';

let server: AwsServer | undefined;
let out: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('credentials echoed in AWS error bodies', () => {
  it('appear in no collection error, inventory, report or summary', async () => {
    server = await startAwsServer({
      estate: loadFixtureEstate(),
      accessKeys: { [BASE_ACCESS_KEY]: MANAGEMENT_ACCOUNT },
      faults: [
        { kind: 'echo-credentials', account: UAT, service: 'sts', operation: 'GetCallerIdentity' },
        { kind: 'echo-credentials', account: PROD, service: 'connect', operation: 'ListInstances' },
      ],
    });
    const inventory = await collectAws(localConfig(server, [{ id: PROD, environment: 'prod' }, { id: UAT, environment: 'uat' }]), localOptions());

    // The faults were hit, and their messages kept what is not secret.
    const echoed = inventory.collection.errors.filter((e) => e.code === 'ExpiredTokenException');
    expect(echoed.map((e) => e.operation).sort()).toEqual(['GetCallerIdentity', 'ListInstances']);
    expect(echoed.every((e) => e.message.startsWith('The security token included in the request is expired'))).toBe(true);

    const assumed = [...new Set(server.calls.filter((c) => c.accessKeyId.startsWith('ASIA')).map((c) => [c.account, c.accessKeyId] as const))];
    expect(assumed.length).toBeGreaterThanOrEqual(2);
    const secrets = assumed.flatMap(([account, key]) => {
      const token = sessionTokenFor(account, key);
      return [key, token, encodeURIComponent(token), Buffer.from(token).toString('base64')];
    });
    secrets.push(BASE_ACCESS_KEY, 'local-secret');

    out = mkdtempSync(join(tmpdir(), 'scv-redaction-'));
    const result = await scanInMemory(inventory, out, 'collected');
    expect(result.findings.some((f) => f.ruleId === 'SCV-COLL-001' && f.message.includes('expired'))).toBe(true);
    const outputs = [
      serializeInventory(inventory),
      formatScanSummary(result, 'none'),
      ...readdirSync(out).map((f) => readFileSync(join(out!, f), 'utf8')),
    ];
    for (const text of outputs) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
