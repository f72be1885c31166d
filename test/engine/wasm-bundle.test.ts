import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWasmBundle } from '../../src/engine/wasm-bundle.js';
import { ScvGuardError } from '../../src/errors.js';
import { makeTarGz } from '../support/tar-bundle.js';
import { assembleTestModule } from '../support/wat.js';

let dir: string;
let wasm: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scv-bundle-'));
  wasm = await assembleTestModule();
});

async function writeBundle(name: string, entries: Parameters<typeof makeTarGz>[0]): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await makeTarGz(entries));
  return file;
}

async function bundleError(file: string): Promise<ScvGuardError> {
  const err = await readWasmBundle(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScvGuardError);
  return err as ScvGuardError;
}

describe('readWasmBundle', () => {
  it('reads policy.wasm, data documents at their folder paths, the manifest and rego sources', async () => {
    const file = await writeBundle('ok.tar.gz', [
      { name: '/policy.wasm', content: wasm },
      { name: '/data.json', content: '{"top": 1}' },
      { name: '/scv/settings/data.json', content: '{"tier": "production"}' },
      { name: '/.manifest', content: '{"revision": "r1", "roots": ["scv"]}' },
      { name: '/policies/a.rego', content: 'package scv.rules.a\n' },
    ]);
    const bundle = await readWasmBundle(file);
    expect(Buffer.from(bundle.wasm).equals(Buffer.from(wasm))).toBe(true);
    expect(bundle.data).toEqual({ top: 1, scv: { settings: { tier: 'production' } } });
    expect(bundle.manifest).toEqual({ revision: 'r1', roots: ['scv'] });
    expect(bundle.regoFiles).toEqual([{ file: `${file}#/policies/a.rego`, text: 'package scv.rules.a\n' }]);
  });

  it('takes a bare policy.wasm', async () => {
    const file = join(dir, 'policy.wasm');
    writeFileSync(file, wasm);
    const bundle = await readWasmBundle(file);
    expect(bundle.data).toEqual({});
    expect(bundle.regoFiles).toEqual([]);
  });

  it('rejects entries that leave the bundle', async () => {
    const file = await writeBundle('traversal.tar.gz', [
      { name: '/policy.wasm', content: wasm },
      { name: '../../etc/cron.d/x', content: 'boom' },
    ]);
    const err = await bundleError(file);
    expect(err.code).toBe('bundle');
    expect(err.message).toContain('points outside the bundle');
    expect(err.message).toContain(file);
  });

  it('rejects symbolic links', async () => {
    const file = await writeBundle('symlink.tar.gz', [
      { name: '/policy.wasm', content: wasm },
      { name: '/data.json', type: 'symlink', linkname: '/etc/passwd' },
    ]);
    const err = await bundleError(file);
    expect(err.message).toMatch(/is a symlink; bundles may hold only files and folders/);
  });

  it('says what the bundle holds when policy.wasm is missing', async () => {
    const file = await writeBundle('nowasm.tar.gz', [{ name: '/data.json', content: '{}' }]);
    const err = await bundleError(file);
    expect(err.message).toContain('no /policy.wasm (it holds: data.json)');
  });

  it('rejects corrupt gzip data, files that are neither gzip nor wasm, and bad data.json', async () => {
    const good = await makeTarGz([{ name: '/policy.wasm', content: wasm }]);
    const truncated = join(dir, 'truncated.tar.gz');
    writeFileSync(truncated, good.subarray(0, good.length - 20));
    expect((await bundleError(truncated)).message).toMatch(/corrupt (gzip data|tar archive)/);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    expect((await bundleError(text)).message).toContain('no gzip or wasm magic bytes');

    const badData = await writeBundle('baddata.tar.gz', [
      { name: '/policy.wasm', content: wasm },
      { name: '/data.json', content: '{not json' },
    ]);
    expect((await bundleError(badData)).message).toBe(`${badData}#/data.json:1:2: invalid JSON: unexpected character at "not"`);
  });

  it('reads data.json like every JSON input: duplicate keys and invalid UTF-8 are located errors', async () => {
    const duplicate = await writeBundle('duplicate.tar.gz', [
      { name: '/policy.wasm', content: wasm },
      { name: '/scv/data.json', content: '{"tier": "dev",\n "tier": "production"}' },
    ]);
    expect((await bundleError(duplicate)).message).toMatch(new RegExp(`^${duplicate.replace(/[.]/g, '\\.')}#/scv/data\\.json:2:2: .*duplicate key "tier"`));
    const invalid = await writeBundle('utf8.tar.gz', [
      { name: '/policy.wasm', content: wasm },
      { name: '/data.json', content: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]) },
    ]);
    expect((await bundleError(invalid)).message).toBe(`${invalid}#/data.json:1:7: invalid UTF-8 at byte offset 6 (bytes ff 22 7d): input files must be UTF-8`);
  });

  it('enforces the size limits', async () => {
    const file = await writeBundle('big.tar.gz', [
      { name: '/policy.wasm', content: wasm },
      { name: '/data.json', content: JSON.stringify({ pad: 'x'.repeat(200_000) }) },
    ]);
    const small = await readWasmBundle(file, { maxFileBytes: 1_000_000, maxUnpackedBytes: 100_000 }).catch((e: unknown) => e);
    expect((small as Error).message).toContain('unpacks to more than the limit of 100000 bytes');
    const tiny = await readWasmBundle(file, { maxFileBytes: 100, maxUnpackedBytes: 1_000_000 }).catch((e: unknown) => e);
    expect((tiny as Error).message).toMatch(/over the limit of 100 bytes/);
  });

  it('names an unreadable path', async () => {
    const err = await readWasmBundle(join(dir, 'missing.tar.gz')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScvGuardError);
    expect((err as ScvGuardError).code).toBe('input-read');
    expect((err as Error).message).toContain('missing.tar.gz');
  });
});
