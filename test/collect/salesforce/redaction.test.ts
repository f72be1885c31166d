/**
 * A token endpoint that quotes the request body back (URL-encoded form: refresh token, client
 * secret, JWT assertion) in its error: none of it reaches the inventory or progress output.
 */
import { describe, expect, it } from 'vitest';
import { collectSalesforce } from '../../../src/collect/salesforce/index.js';
import { serializeInventory } from '../../../src/inventory/write.js';
import type { OrgLogin } from '../../support/salesforce-server/fixture.js';
import { harnessPerTest } from './harness.js';

const startHarness = harnessPerTest();

// Characters that URL-encoding, form encoding and JSON escaping all change.
const REFRESH_TOKEN = '5Aep861.uat+Refresh/Token=Value&"quoted"%0123';
const CLIENT_SECRET = 'uat secret+with/special=chars&more';

describe('Salesforce secrets echoed by the token endpoint', () => {
  it('are redacted in every encoding from collection errors, the inventory and progress lines', async () => {
    const harness = await startHarness({
      server: { echoTokenRequests: true },
      tweak: (estate) => {
        const uat = estate.orgs.find((o) => o.key === 'uat')!;
        uat.login = { ...(uat.login as Extract<OrgLogin, { method: 'refresh-token' }>), refreshToken: REFRESH_TOKEN, clientSecret: CLIENT_SECRET };
      },
    });
    const progress: string[] = [];
    const inventory = await collectSalesforce(harness.config, { progress: (l) => progress.push(l) });
    const auth = inventory.collection.errors.filter((e) => e.operation === 'authenticate');
    // Every org that asks the token endpoint (not the one with a ready access token).
    expect(auth.length).toBe(harness.config.orgs.filter((o) => o.auth.method !== 'access-token').length);
    expect(auth.length).toBeGreaterThanOrEqual(2);
    expect(auth.every((e) => e.message.includes('malformed request'))).toBe(true);

    const text = `${serializeInventory(inventory)}\n${progress.join('\n')}`;
    for (const secret of [REFRESH_TOKEN, CLIENT_SECRET]) {
      for (const form of [
        secret,
        encodeURIComponent(secret),
        new URLSearchParams({ v: secret }).toString().slice(2),
        JSON.stringify(secret).slice(1, -1),
        Buffer.from(secret).toString('base64'),
      ]) {
        expect(text).not.toContain(form);
      }
    }
    // The JWT org's signed assertion was echoed too.
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
