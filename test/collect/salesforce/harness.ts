/** Starts the local Salesforce with the estate fixture and builds the matching collector config. */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SalesforceConfig, SalesforceOrgConfig } from '../../../src/config/types.js';
import type { ApiFailureFixture, EstateFixture, OrgFixture } from '../../support/salesforce-server/fixture.js';
import { SalesforceTestServer, type ServerOptions } from '../../support/salesforce-server/server.js';

export const ESTATE_FILE = path.resolve(import.meta.dirname, '../../../fixtures/salesforce/estate.json');

export async function loadEstate(): Promise<EstateFixture> {
  return JSON.parse(await readFile(ESTATE_FILE, 'utf8')) as EstateFixture;
}

let keyPair: ReturnType<typeof generateKeyPairSync> | undefined;
/** One RSA key pair per test file: generating them is the slow part. */
function testKeyPair() {
  keyPair ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return keyPair;
}

export interface Harness {
  server: SalesforceTestServer;
  config: SalesforceConfig;
  estate: EstateFixture;
  keyFile: string;
  /** Every secret the config holds or the server issued. */
  secrets(): string[];
  close(): Promise<void>;
}

const ENVIRONMENTS: Record<string, string> = { prod: 'prod', uat: 'uat', uat2: 'uat2' };

export async function startHarness(
  opts: {
    tweak?: (estate: EstateFixture) => void;
    /** Calls that fail, per org key: `{prod: {SandboxInfo: {status, errorCode, message}}}`. */
    failing?: Record<string, Record<string, ApiFailureFixture>>;
    server?: Partial<ServerOptions>;
    orgs?: string[];
  } = {},
): Promise<Harness> {
  const estate = await loadEstate();
  for (const [key, failures] of Object.entries(opts.failing ?? {})) {
    const org = estate.orgs.find((o) => o.key === key);
    if (!org) throw new Error(`no org ${key} in the Salesforce estate fixture`);
    org.failures = failures;
  }
  opts.tweak?.(estate);
  const { privateKey, publicKey } = testKeyPair();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scv-sf-'));
  const keyFile = path.join(dir, 'server.key');
  await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
  const server = new SalesforceTestServer({
    orgs: estate.orgs,
    jwtPublicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    pageSize: 2,
    ...opts.server,
  });
  const url = await server.start();
  const selected = estate.orgs.filter((o) => !opts.orgs || opts.orgs.includes(o.key));
  const config: SalesforceConfig = { apiVersion: '62.0', orgs: selected.map((o) => orgConfig(o, url, keyFile)) };
  return {
    server,
    config,
    estate,
    keyFile,
    secrets: () => [
      ...server.issuedTokens,
      ...estate.orgs.flatMap((o) =>
        o.login.method === 'refresh-token'
          ? [o.login.refreshToken, o.login.clientSecret ?? '']
          : o.login.method === 'access-token'
            ? [o.login.accessToken]
            : [],
      ),
    ].filter((s) => s !== ''),
    close: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function orgConfig(org: OrgFixture, url: string, keyFile: string): SalesforceOrgConfig {
  const base = { alias: org.key, environment: ENVIRONMENTS[org.key] ?? org.key, production: org.key === 'prod' };
  switch (org.login.method) {
    case 'jwt':
      return { ...base, loginUrl: url, auth: { method: 'jwt', clientId: org.login.clientId, username: org.login.username, privateKeyFile: keyFile } };
    case 'refresh-token':
      return {
        ...base,
        auth: { method: 'refresh-token', clientId: org.login.clientId, clientSecret: org.login.clientSecret, refreshToken: org.login.refreshToken, loginUrl: url },
      };
    case 'access-token':
      return { ...base, auth: { method: 'access-token', instanceUrl: url, accessToken: org.login.accessToken } };
  }
}

/**
 * For a test file whose tests each start their own local Salesforce: returns the function that
 * starts one, and closes every one a test started once that test ends (vitest's afterEach).
 */
export function harnessPerTest(): (opts?: Parameters<typeof startHarness>[0]) => Promise<Harness> {
  const started: Harness[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((h) => h.close()));
  });
  return async (opts) => {
    const harness = await startHarness(opts);
    started.push(harness);
    return harness;
  };
}
