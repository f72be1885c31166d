import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { loadConfig, parseConfig, MAX_ALIAS_COUNT } from '../../src/config/load.js';
import { INIT_TEMPLATE } from '../../src/config/init-template.js';
import { ProblemListError, ScvGuardError } from '../../src/errors.js';
import { thrown } from '../support/thrown.js';

const FIX = resolve('fixtures/config');
const ENV = {
  SF_CLIENT_ID: 'client-id',
  SF_UAT_TOKEN: 'uat-token',
  SF_DEV_SECRET: 'dev-secret',
  SF_DEV_REFRESH: 'dev-refresh',
  SCANNER_EXTERNAL_ID: 'ext-123',
  SF_KEY_FILE: 'keys/scanner.pem',
};

const errorOf = (fn: () => unknown): ScvGuardError => thrown(fn, ScvGuardError);

describe('loadConfig', () => {
  it('loads a full config with interpolation, defaults and paths relative to the config file', () => {
    const cfg = loadConfig(join(FIX, 'full.yaml'), { env: ENV });
    expect(cfg.file).toBe(join(FIX, 'full.yaml'));
    expect(cfg.environments).toEqual([
      { name: 'prod', tier: 'production' },
      { name: 'uat', tier: 'non-production' },
    ]);
    const uat = cfg.salesforce!.orgs[1]!;
    expect(uat.auth).toEqual({ method: 'access-token', instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com', accessToken: 'uat-token' });
    const prod = cfg.salesforce!.orgs[0]!;
    expect(prod.auth.method === 'jwt' && prod.auth.privateKeyFile).toBe(join(FIX, 'keys/scanner.pem'));
    expect(cfg.aws!.accounts[0]!.assumeRole!.externalId).toBe('ext-123');
    expect(cfg.aws!.rateLimits).toEqual({ connect: 2, iam: 5 });
    expect(cfg.policies.paths).toEqual([join(FIX, 'policies-custom')]);
    expect(cfg.policies.severity).toEqual({ 'SCV-OBS-002': 'medium' });
    expect(cfg.settings.literal).toBe('price ${AMOUNT}');
    expect(cfg.waivers).toEqual([
      { rule: 'SCV-DATA-001', resource: 'arn:aws:s3:::legacy-recordings', reason: 'KMS migration SEC-142', expires: '2027-03-31', environment: 'uat' },
    ]);
    expect(cfg.report).toEqual({ formats: ['sarif', 'json', 'markdown'], outputDir: join(FIX, 'reports'), failOn: 'high', scope: 'nightly' });
  });

  it('an empty config is valid and has empty sections', () => {
    const cfg = parseConfig('', '/x/scv-guard.yaml', { env: {} });
    expect(cfg).toEqual({ file: '/x/scv-guard.yaml', environments: [], policies: {}, settings: {}, waivers: [], report: {}, entries: { awsAccounts: {}, salesforceOrgs: {}, waivers: [] } });
  });

  it('the init template loads once its variables are set', () => {
    const cfg = parseConfig(INIT_TEMPLATE, '/x/scv-guard.yaml', { env: ENV });
    expect(cfg.aws!.accounts.map((a) => a.id)).toEqual(['111111111111', '222222222222']);
    expect(cfg.report.failOn).toBe('high');
  });

  it('an unknown key is an error with its path and line', () => {
    const err = errorOf(() => loadConfig(join(FIX, 'unknown-key.yaml'), { env: {} }));
    expect(err.code).toBe('config');
    expect(err.location.path).toBe('aws.accounts[1].assumeRole.externalID');
    expect(err.location.line).toBe(11);
    expect(err.message).toContain('aws.accounts[1].assumeRole.externalID: unknown key');
  });

  it('a missing environment variable names the key path and the variable', () => {
    const err = errorOf(() => loadConfig(join(FIX, 'missing-env-var.yaml'), { env: {} }));
    expect(err.location.path).toBe('salesforce.orgs[0].auth.accessToken');
    expect(err.message).toContain('environment variable SCV_TEST_UNSET_TOKEN is not set');
    expect(err.location.line).toBe(7);
  });

  it('an empty variable is an error too', () => {
    const err = errorOf(() => loadConfig(join(FIX, 'missing-env-var.yaml'), { env: { SCV_TEST_UNSET_TOKEN: '' } }));
    expect(err.message).toContain('environment variable SCV_TEST_UNSET_TOKEN is empty');
  });

  it('an impossible date is an error with the path', () => {
    const err = errorOf(() => loadConfig(join(FIX, 'bad-date.yaml'), { env: {} }));
    expect(err.location.path).toBe('waivers[0].expires');
    expect(err.message).toContain('expected a date YYYY-MM-DD');
  });

  it('an inline secret is refused, an interpolated one accepted', () => {
    const err = errorOf(() => loadConfig(join(FIX, 'inline-secret.yaml'), { env: {} }));
    expect(err.location.path).toBe('salesforce.orgs[0].auth.accessToken');
    expect(err.message).toContain('secret written inline');
    expect(err.message).not.toContain('FakeTokenValue');
    const partial = 'salesforce:\n  orgs:\n    - alias: a\n      auth: { method: access-token, instanceUrl: "https://x.my.salesforce.com", accessToken: "Bearer ${T}" }\n';
    expect(errorOf(() => parseConfig(partial, 'c.yaml', { env: { T: 'x' } })).message).toContain('secret written inline');
  });

  it('the external id may be written inline (it is not a secret)', () => {
    const text = 'aws:\n  regions: [us-east-1]\n  accounts:\n    - id: "111111111111"\n      assumeRole: { roleArn: "arn:aws:iam::111111111111:role/R", externalId: plain-id }\n';
    expect(parseConfig(text, 'c.yaml', { env: {} }).aws!.accounts[0]!.assumeRole!.externalId).toBe('plain-id');
  });

  it.each([
    ['environments:\n  - { name: prod, tier: prd }\n', 'environments[0].tier', 'expected one of'],
    ['aws:\n  regions: [us-east-1]\n  accounts: [{ id: "1234" }]\n', 'aws.accounts[0].id', '12-digit'],
    ['aws:\n  regions: [us-east-1]\n  accounts: [{ id: "111111111111", environment: qa }]\n', 'aws.accounts[0].environment', 'unknown environment "qa"'],
    ['aws:\n  regions: [us-east-1]\n  rateLimits: { conect: 2 }\n  accounts: [{ id: "111111111111" }]\n', 'aws.rateLimits.conect', 'unknown key'],
    ['aws:\n  accounts: [{ id: "111111111111" }]\n', 'aws.regions', 'AWS_REGION'],
    ['salesforce:\n  orgs:\n    - { alias: a, auth: { method: password, username: u } }\n', 'salesforce.orgs[0].auth.method', 'expected one of'],
    ['waivers:\n  - { rule: SCV-DATA-001, resource: x, expires: 2027-01-01 }\n', 'waivers[0].reason', 'required key is missing'],
    ['policies:\n  severity: { SCV-OBS-002: urgent }\n', 'policies.severity.SCV-OBS-002', 'expected one of'],
    ['report:\n  formats: [pdf]\n', 'report.formats[0]', 'expected one of'],
    ['settings:\n  key: "${not valid}"\n', 'settings.key', 'malformed variable reference'],
    ['aws:\n  regions: [us-east-1]\n  accounts: [{ id: 111111111111 }]\n', 'aws.accounts[0].id', 'expected a string (quote it'],
    ['environments: { prod: production }\n', 'environments', 'expected an array'],
  ])('rejects %j at %s', (text, path, message) => {
    const err = errorOf(() => parseConfig(text, 'c.yaml', { env: {} }));
    expect(err.code).toBe('config');
    expect(err.location.path).toBe(path);
    expect(err.message).toContain(message);
  });

  it('reports every problem at once, each with its line and key path, in the order of the file', () => {
    const text = [
      'environments:', // 1
      '  - { name: prod, tier: prd }', // 2
      'aws:', // 3
      '  regoins: [us-east-1]', // 4
      '  accounts:', // 5
      '    - id: "1234"', // 6
      '      environment: qa', // 7
      'salesforce:', // 8
      '  orgs:', // 9
      '    - alias: a', // 10
      '      auth: { method: access-token, instanceUrl: "https://x.my.salesforce.com", accessToken: "${MISSING}" }', // 11
      'waivers:', // 12
      '  - { rule: SCV-DATA-001, resource: x, reason: r, expires: 2027-02-30 }', // 13
      '',
    ].join('\n');
    const err = errorOf(() => parseConfig(text, 'c.yaml', { env: {} }));
    expect(err).toBeInstanceOf(ProblemListError);
    const problems = (err as ProblemListError).problems;
    expect(problems.map((p) => [p.location.line, p.location.path])).toEqual([
      [2, 'environments[0].tier'],
      [3, 'aws.regions'],
      [4, 'aws.regoins'],
      [6, 'aws.accounts[0].id'],
      [7, 'aws.accounts[0].environment'],
      [11, 'salesforce.orgs[0].auth.accessToken'],
      [13, 'waivers[0].expires'],
    ]);
    expect(problems.every((p) => p.location.file === 'c.yaml')).toBe(true);
    expect(err.message.split('\n')).toHaveLength(problems.length);
    expect(err.message).toContain('c.yaml:7: aws.accounts[0].environment: unknown environment "qa"');
    expect(err.message).toContain('environment variable MISSING is not set');
    // the missing variable is the one problem of its key, not also "expected a non-empty string"
    expect(problems.filter((p) => p.location.path === 'salesforce.orgs[0].auth.accessToken')).toHaveLength(1);
  });

  it('reports every YAML syntax problem with its line', () => {
    const err = errorOf(() => parseConfig('a: 1\na: 2\nb: 1\nb: 2\n', 'c.yaml', { env: {} }));
    expect((err as ProblemListError).problems.map((p) => p.location.line)).toEqual([2, 4]);
  });

  it('enum values are case-insensitive: failOn, formats, tiers, severity overrides, the auth method', () => {
    const text = [
      'environments:',
      '  - { name: Prod, tier: Production }',
      'salesforce:',
      '  orgs:',
      '    - { alias: a, environment: Prod, auth: { method: Access-Token, instanceUrl: "https://x.my.salesforce.com", accessToken: "${T}" } }',
      'policies:',
      '  severity: { SCV-OBS-002: MEDIUM }',
      'report:',
      '  formats: [SARIF, Json]',
      '  failOn: HIGH',
      'settings:',
      '  label: KEEP-AS-IS',
      '',
    ].join('\n');
    const cfg = parseConfig(text, 'c.yaml', { env: { T: 'token' } });
    expect(cfg.environments).toEqual([{ name: 'Prod', tier: 'production' }]);
    expect(cfg.salesforce!.orgs[0]!.auth.method).toBe('access-token');
    expect(cfg.policies.severity).toEqual({ 'SCV-OBS-002': 'medium' });
    expect(cfg.report).toMatchObject({ formats: ['sarif', 'json'], failOn: 'high' });
    // names and free values keep their case
    expect(cfg.settings.label).toBe('KEEP-AS-IS');
    expect(errorOf(() => parseConfig('report:\n  failOn: URGENT\n', 'c.yaml', { env: {} })).message).toContain('expected one of "critical", "high"');
  });

  it('takes the region from AWS_REGION when aws.regions is left out', () => {
    const cfg = parseConfig('aws:\n  accounts: [{ id: "111111111111" }]\n', 'c.yaml', { env: { AWS_REGION: 'eu-west-1' } });
    expect(cfg.aws!.regions).toEqual(['eu-west-1']);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(errorOf(() => parseConfig('a: [1, 2\n', 'c.yaml', { env: {} })).location.line).toBeGreaterThan(0);
    const dup = errorOf(() => parseConfig('settings: {}\nsettings: {}\n', 'c.yaml', { env: {} }));
    expect(dup.location.line).toBe(2);
  });

  it('refuses alias bombs', () => {
    const lines = ['settings:', '  a0: &a0 [x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`  a${i}: &a${i} [${Array(8).fill(`*a${i - 1}`).join(', ')}]`);
    const err = errorOf(() => parseConfig(`${lines.join('\n')}\n`, 'c.yaml', { env: {} }));
    expect(err.message).toContain(`at most ${MAX_ALIAS_COUNT} alias`);
  });

  it('a missing file is an input-read error', () => {
    expect(errorOf(() => loadConfig('/nonexistent/scv-guard.yaml')).code).toBe('input-read');
  });
});
