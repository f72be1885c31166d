/**
 * Hostile input files through the real CLI: nesting past the depth limit, invalid UTF-8, duplicate
 * JSON keys, syntax errors in baselines and plans, files past the size limit. Each ends with exit
 * 2 and one located line, the same in `inventory validate` and `scan`, never a stack overflow.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliAsync, STACK_LINE, type CliRun } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scv-guard-hostile-'));
const demo = readFileSync(join(ROOT, 'fixtures', 'demo', 'inventory.json'), 'utf8');
const plan = readFileSync(join(ROOT, 'fixtures', 'plans', 'shared-recording-bucket.plan.json'), 'utf8');
const write = (name: string, content: string | Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};
const nested = (depth: number, leaf: unknown): unknown => {
  let p = leaf;
  for (let i = 0; i < depth; i++) p = { AWS: p };
  return p;
};

/** The demo inventory with a 2,000-deep Principal in its first role's trust policy. */
function deepInventory(): string {
  const inv = JSON.parse(demo);
  inv.aws.accounts[0].iamRoles[0].trustPolicy.Statement[0].Principal = nested(2000, 'arn:aws:iam::123456789012:root');
  return JSON.stringify(inv, null, 1);
}

/** The demo inventory as YAML-ish flow text 2,000 levels deep (flow mappings are YAML). */
const deepYaml = `schemaVersion: "1"\ngeneratedAt: "2026-01-01T00:00:00Z"\nenvironments: []\nextra: ${'{a: '.repeat(2000)}1${'}'.repeat(2000)}\n`;

/** A few runs at a time: each is a whole CLI process. */
const limit = pLimit(3);
const cli = (args: string[], opts: { env?: NodeJS.ProcessEnv } = {}) => limit(() => runCliAsync(args, opts));
const scan = (args: string[], env?: NodeJS.ProcessEnv) =>
  cli(['scan', ...args, '--output-dir', join(mkdtempSync(join(dir, 'out-')), 'reports'), '--format', 'json'], env ? { env } : {});

const runs: Record<string, Promise<CliRun>> = {};
beforeAll(() => {
  const deep = write('deep.json', deepInventory());
  const deepPlan = JSON.parse(plan);
  deepPlan.resource_changes[8].change.after.assume_role_policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: nested(2000, '*'), Action: 'sts:AssumeRole' }] });
  const badUtf8 = Buffer.concat([Buffer.from(demo.slice(0, 200), 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(demo.slice(200), 'utf8')]);
  Object.assign(runs, {
    validateDeep: cli(['inventory', 'validate', deep]),
    scanDeep: scan(['--inventory', deep]),
    validateDeepYaml: cli(['inventory', 'validate', write('deep.yaml', deepYaml)]),
    scanDeepPlan: scan(['--plan', write('deep.plan.json', JSON.stringify(deepPlan))]),
    configDeep: scan(['--config', write('scv-guard.yaml', `settings: ${'['.repeat(3000)}${']'.repeat(3000)}\n`)]),
    validateUtf8: cli(['inventory', 'validate', write('latin1.json', badUtf8)]),
    scanDupPlan: scan(['--plan', write('dup.plan.json', plan.replace('"format_version": "1.2",', '"format_version": "1.2",\n  "format_version": "1.2",'))]),
    scanBadBaseline: scan(['--inventory', join(ROOT, 'fixtures', 'demo', 'inventory.json'), '--baseline', write('baseline.json', '{\n  "findings": [\n    {"ruleId": "SCV-ACCT-001",}\n  ]\n}')]),
    scanBadPlan: scan(['--plan', write('broken.plan.json', '{"format_version": "1.2",\n "resource_changes": [\n  {"type": nope}\n ]\n}')]),
    validateTooBig: cli(['inventory', 'validate', join(ROOT, 'fixtures', 'demo', 'inventory.json')], { env: { SCV_GUARD_MAX_FILE_BYTES: '4096' } }),
    scanLongString: scan(['--inventory', join(ROOT, 'fixtures', 'demo', 'inventory.json')], { SCV_GUARD_MAX_STRING_LENGTH: '20' }),
  });
});

function expectLocated(run: CliRun, message: RegExp): void {
  expect(run.code).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^scv-guard: error: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(run.stderr).not.toMatch(/call stack/i);
}

describe('nesting past the depth limit', () => {
  it('inventory validate and scan both refuse a 2,000-deep Principal at its line', async () => {
    const located = /deep\.json:382:\d+: \$\.aws\.accounts\[0\]\.iamRoles\[0\]\.trustPolicy\.Statement\[0\]\.Principal\.AWS.*: nested deeper than 128 levels \(SCV_GUARD_MAX_DEPTH\)$/;
    expectLocated(await runs.validateDeep!, located);
    expectLocated(await runs.scanDeep!, located);
  });

  it('a YAML inventory, a plan policy string and the config are held to it too', async () => {
    expectLocated(await runs.validateDeepYaml!, /deep\.yaml:4:\d+: nested deeper than 128 levels/);
    expectLocated(await runs.scanDeepPlan!, /deep\.plan\.json:1:\d+: \$\.resource_changes\[\d+\]\.change\.after\.assume_role_policy: policy document: nested deeper than 128 levels \(SCV_GUARD_MAX_DEPTH\) \(at line 1, column \d+, \$\.Statement\[0\]\.Principal\.AWS.* of the policy document\)$/);
    expectLocated(await runs.configDeep!, /scv-guard\.yaml:1:\d+: nested deeper than 128 levels/);
  });
});

describe('encoding and JSON syntax', () => {
  it('invalid UTF-8 is an error at its byte offset and line', async () => {
    expectLocated(await runs.validateUtf8!, /latin1\.json:\d+:\d+: invalid UTF-8 at byte offset 200 \(bytes ff fe/);
  });

  it('a duplicate key in a plan is an error at its line', async () => {
    expectLocated(await runs.scanDupPlan!, /dup\.plan\.json:3:3: \$\.format_version: duplicate key "format_version"$/);
  });

  it('baseline and plan syntax errors are located', async () => {
    expectLocated(await runs.scanBadBaseline!, /baseline\.json:3:31: baseline: invalid JSON: expected a double-quoted property name at "}"$/);
    expectLocated(await runs.scanBadPlan!, /broken\.plan\.json:3:12: invalid JSON: unexpected character at "nope"$/);
  });
});

describe('size and string limits', () => {
  it('a file past SCV_GUARD_MAX_FILE_BYTES is refused before it is read', async () => {
    expectLocated(await runs.validateTooBig!, /inventory\.json: file is [\d.]+ KiB, larger than the input limit of 4 KiB \(SCV_GUARD_MAX_FILE_BYTES\)$/);
  });

  it('a string past SCV_GUARD_MAX_STRING_LENGTH is refused at its line', async () => {
    expectLocated(await runs.scanLongString!, /inventory\.json:\d+:\d+: \$\.\S+: a string of \d+ characters, longer than the limit of 20 \(SCV_GUARD_MAX_STRING_LENGTH\)$/);
  });
});
