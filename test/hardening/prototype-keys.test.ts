/**
 * Keys named `__proto__`, `constructor` or `prototype` in input: data documents, Rego values,
 * inventory tags, settings. Each stays an ordinary key; none reaches a prototype. A bundle folder
 * with such a name is no key: the bundle is refused (exit 2).
 * (A top-level `__proto__` in scv-guard.yaml is refused: test/config/prototype-keys.test.ts.)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tagsToRecord } from '../../src/collect/aws/context.js';
import { loadPolicies } from '../../src/engine/builtin.js';
import { ScvGuardError } from '../../src/errors.js';
import { readWasmBundle } from '../../src/engine/wasm-bundle.js';
import { mergeInventories } from '../../src/inventory/merge.js';
import type { Inventory } from '../../src/inventory/types.js';
import { compile } from '../../src/rego/index.js';
import { toJSON } from '../../src/rego/value.js';
import { ROOT, runCli, STACK_LINE } from '../cli/run-cli.js';
import { makeTarGz } from '../support/tar-bundle.js';
import { assembleTestModule } from '../support/wat.js';

const demo = join(ROOT, 'fixtures', 'demo', 'inventory.json');
const compliant = join(ROOT, 'fixtures', 'estates', 'compliant', 'inventory.json');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scv-proto-'));
});

/** Names an attacker would put on Object.prototype; none may appear on a fresh object. */
const PROBES = ['related', 'report', 'polluted', 'y'];

afterEach(() => {
  for (const name of PROBES) {
    expect(name in {}, `Object.prototype.${name}`).toBe(false);
  }
});

function ownKeys(value: unknown): string[] {
  return Object.keys(value as object);
}

describe('an OPA Wasm bundle with data folders named __proto__, constructor or prototype', () => {
  async function bundleWith(name: string, entries: { name: string; content: string }[], result: unknown = []): Promise<string> {
    const file = join(dir, name);
    writeFileSync(file, await makeTarGz([{ name: '/policy.wasm', content: await assembleTestModule({ result }) }, ...entries]));
    return file;
  }
  // Merged into Object.prototype, `related` would break every finding and `report` the gate.
  const POLLUTING = '{"related": "polluted", "report": {"failOn": "none"}}';

  it.each([
    ['/__proto__/data.json', '__proto__'],
    ['/constructor/prototype/data.json', 'constructor'],
    ['/scv/prototype/data.json', 'prototype'],
    ['/scv/__proto__/deeper/data.json', '__proto__'],
  ])('refuses %s, naming the bundle and the entry', async (entry, segment) => {
    const file = await bundleWith(`unit-${segment}-${entry.length}.tar.gz`, [
      { name: '/scv/data.json', content: '{"ok": true}' },
      { name: entry, content: POLLUTING },
    ]);
    const err = await readWasmBundle(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ScvGuardError);
    expect((err as ScvGuardError).code).toBe('bundle');
    expect((err as Error).message).toBe(`${file}: entry "${entry}": a data path may not have a "${segment}" segment (a folder name is not a data key; put such keys inside a data.json)`);
  });

  it('escapes control characters of the entry name in the error', async () => {
    const file = await bundleWith('control.tar.gz', [{ name: '/x\u001b]0;owned\u0007/__proto__/data.json', content: POLLUTING }]);
    const message = ((await readWasmBundle(file).catch((e: unknown) => e)) as Error).message;
    expect(message).toContain('entry "/x\\x1b]0;owned\\x07/__proto__/data.json"');
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('keeps __proto__ and constructor keys inside a data.json as ordinary keys', async () => {
    const file = await bundleWith('keys.tar.gz', [{ name: '/scv/data.json', content: '{"__proto__": {"polluted": true}, "constructor": 1}' }]);
    const bundle = await readWasmBundle(file);
    expect(Object.getPrototypeOf(bundle.data)).toBe(Object.prototype);
    expect(JSON.stringify(bundle.data)).toBe('{"scv":{"__proto__":{"polluted":true},"constructor":1}}');
  });

  it('a scan with such a bundle exits 2 without effect: no report, the error names bundle and entry', async () => {
    const rule = loadPolicies([]).catalog.find((r) => r.severity === 'critical')!;
    const tree: Record<string, unknown> = {};
    let node = tree;
    for (const seg of rule.package.split('.').slice(2)) node = (node[seg] = {}) as Record<string, unknown>;
    node['deny'] = [{ msg: 'finding from the bundle', resource: { type: 'aws-account', id: '999999999999' } }];
    const bundle = await bundleWith('scan.tar.gz', [{ name: '/__proto__/data.json', content: POLLUTING }], [{ result: tree }]);
    const out = join(dir, 'reports');
    const run = runCli(['scan', '--inventory', demo, '--engine', 'wasm', '--bundle', bundle, '--format', 'json', '--output-dir', out, '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`scv-guard: error: ${bundle}: entry "/__proto__/data.json": a data path may not have a "__proto__" segment (a folder name is not a data key; put such keys inside a data.json)\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('Rego values with __proto__ and constructor keys', () => {
  const policy = compile([
    {
      file: 'keys.rego',
      text: `package keys
import rego.v1
first := {"__proto__": {"x": 1}, "b": 2}
last := {"b": 2, "__proto__": {"x": 1}}
union := object.union({"a": 1}, {"__proto__": {"polluted": true}, "constructor": {"prototype": {"y": 1}}})
patched := json.patch({"a": 1}, [{"op": "add", "path": "/__proto__", "value": {"p": 1}}])
comprehension := {k: v | some k, v in {"constructor": 1, "__proto__": {"q": 2}, "toString": 3}}
marshalled := json.marshal({"__proto__": {"a": 1}, "constructor": 2})
from_input := object.get(input, "__proto__", "absent")
`,
    },
  ]);
  const value = (name: string, input?: unknown): unknown => toJSON(policy.evalRef(['keys', name], input === undefined ? {} : { input })!);

  it('keep the key whatever its place in the object', () => {
    expect(JSON.stringify(value('first'))).toBe('{"__proto__":{"x":1},"b":2}');
    expect(JSON.stringify(value('last'))).toBe('{"__proto__":{"x":1},"b":2}');
  });

  it('keep it through object.union, json.patch, comprehensions and json.marshal', () => {
    expect(JSON.stringify(value('union'))).toBe('{"__proto__":{"polluted":true},"a":1,"constructor":{"prototype":{"y":1}}}');
    expect(JSON.stringify(value('patched'))).toBe('{"__proto__":{"p":1},"a":1}');
    expect(JSON.stringify(value('comprehension'))).toBe('{"__proto__":{"q":2},"constructor":1,"toString":3}');
    expect(value('marshalled')).toBe('{"__proto__":{"a":1},"constructor":2}');
  });

  it('read it from input as an ordinary key', () => {
    expect(value('from_input', JSON.parse('{"__proto__": {"evil": 1}}'))).toEqual({ evil: 1 });
    expect(value('from_input', {})).toBe('absent');
  });

  it('print it from rego eval, and merge --data documents holding it', () => {
    const data = join(dir, 'eval');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'a.json'), '{"__proto__": {"a": 1}, "constructor": {"x": 1}}');
    writeFileSync(join(data, 'b.json'), '{"__proto__": {"b": 2}, "constructor": {"y": 2}}');
    const run = runCli(['rego', 'eval', '--no-builtin', '-d', join(data, 'a.json'), '-d', join(data, 'b.json'), '--format', 'raw', 'data']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim())).toEqual(JSON.parse('{"__proto__": {"a": 1, "b": 2}, "constructor": {"x": 1, "y": 2}}'));
    expect(run.stdout).toContain('"__proto__"');
  });

  it('make a deny value with only a __proto__ key no finding (its msg is not inherited)', () => {
    const rules = join(dir, 'rules');
    mkdirSync(rules, { recursive: true });
    writeFileSync(
      join(rules, 'proto.rego'),
      `# METADATA\n# title: Proto rule\n# description: Denies through a __proto__ key.\n# custom:\n#   id: CUSTOM-PROTO-001\n#   severity: critical\n#   remediation: None.\n#   inputs: [aws.accounts]\npackage scv.rules.custom.proto\n\nimport rego.v1\n\ndeny contains {"__proto__": {"msg": "inherited", "resource": {"type": "aws-account", "id": "1"}}}\n`,
    );
    const config = join(rules, 'scv-guard.yaml');
    writeFileSync(config, `policies:\n  paths: [${JSON.stringify(rules)}]\n`);
    const run = runCli(['scan', '--config', config, '--inventory', compliant, '--format', 'json', '--output-dir', join(rules, 'out'), '--quiet', '--json']);
    expect(run.stderr).not.toMatch(STACK_LINE);
    const result = JSON.parse(run.stdout) as { results: { ruleId: string; outcome: string; error?: string }[] };
    expect(result.results.find((r) => r.ruleId === 'CUSTOM-PROTO-001')).toMatchObject({
      outcome: 'could-not-evaluate',
      error: expect.stringMatching(/deny\[0\]\.msg must be a non-empty string/),
    });
  });
});

describe('inventories and settings with such keys', () => {
  it('inventory merge keeps tags named __proto__ and constructor instead of reporting a conflict', () => {
    const base = JSON.parse(readFileSync(compliant, 'utf8')) as Inventory;
    const tagged = JSON.parse(readFileSync(compliant, 'utf8')) as Inventory;
    tagged.aws.accounts[0]!.tags = JSON.parse('{"__proto__": "x", "constructor": "y", "toString": "z"}');
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, JSON.stringify(base));
    writeFileSync(b, JSON.stringify(tagged));
    const out = join(dir, 'merged.json');
    const run = runCli(['inventory', 'merge', a, b, '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as Inventory;
    expect(ownKeys(merged.aws.accounts[0]!.tags).sort()).toEqual([...ownKeys(base.aws.accounts[0]!.tags), '__proto__', 'constructor', 'toString'].sort());
    // Merged in memory as well, in either order.
    const both = mergeInventories([
      { file: b, inventory: tagged },
      { file: a, inventory: base },
    ]);
    expect(Object.getOwnPropertyDescriptor(both.aws.accounts[0]!.tags, '__proto__')?.value).toBe('x');
  });

  it('AWS tag lists keep a tag named __proto__', () => {
    const tags = tagsToRecord([
      { Key: '__proto__', Value: 'x' },
      { Key: 'constructor', Value: 'y' },
    ]);
    expect(ownKeys(tags)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
  });

  it('a config whose top-level __proto__ block would lower the gate exits 2 without effect', () => {
    const cfg = join(dir, 'proto-config.yaml');
    writeFileSync(cfg, '__proto__:\n  report: { failOn: none }\n');
    const out = join(dir, 'proto-config-out');
    const run = runCli(['scan', '--config', cfg, '--inventory', demo, '--format', 'json', '--output-dir', out, '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^scv-guard: error: .*proto-config\.yaml:1: __proto__: unknown key/);
    expect(existsSync(out)).toBe(false);
  });

  it('settings named __proto__ or constructor are ordinary keys: not built-in settings, and read by no rule', () => {
    const cfg = join(dir, 'settings.yaml');
    writeFileSync(cfg, 'settings:\n  __proto__: 1\n  constructor: 2\n');
    const run = runCli(['scan', '--config', cfg, '--inventory', compliant, '--format', 'json', '--output-dir', join(dir, 'settings-out'), '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^scv-guard: error: .*settings\.yaml:2: settings\.__proto__: no rule reads this setting/),
      expect.stringMatching(/^scv-guard: error: .*settings\.yaml:3: settings\.constructor: no rule reads this setting/),
    ]);
  });
});
