/**
 * A JWT key file that does not exist or cannot be read is a config error (exit 2) naming the
 * config file, the line of privateKeyFile and the path it resolved to — found before anything is
 * collected. A file that exists but is no usable key stays a collection error (collect tests).
 */
import { chmodSync, existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { keyFileProblems, MAX_PRIVATE_KEY_BYTES } from '../../src/config/key-files.js';
import { ProblemListError } from '../../src/errors.js';
import { collectFromConfig } from '../../src/scan/sources.js';
import { thrownAsync } from '../support/thrown.js';
import { runCli } from '../cli/run-cli.js';

const CONFIG = [
  'salesforce:', // 1
  '  orgs:', // 2
  '    - alias: prod', // 3
  '      auth:', // 4
  '        method: jwt', // 5
  '        clientId: client', // 6
  '        username: scanner@acme.example', // 7
  '        privateKeyFile: keys/missing.pem', // 8
  '    - alias: uat', // 9
  '      auth:', // 10
  '        method: jwt', // 11
  '        clientId: client', // 12
  '        username: scanner@acme.example.uat', // 13
  '        privateKeyFile: keys/present.pem', // 14
  '    - alias: dev', // 15
  '      auth: { method: jwt, clientId: client, username: scanner@acme.example.dev, privateKeyFile: keys }', // 16
  '',
].join('\n');

function configDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scv-key-files-'));
  mkdirSync(join(dir, 'keys'));
  writeFileSync(join(dir, 'keys', 'present.pem'), 'not a key, but there\n');
  writeFileSync(join(dir, 'scv-guard.yaml'), CONFIG);
  return dir;
}

describe('JWT key files', () => {
  it('a missing key file, and a folder given as one, are config problems at the line of privateKeyFile, with the resolved path', () => {
    const dir = configDir();
    const problems = keyFileProblems(loadConfig(join(dir, 'scv-guard.yaml'), { env: {} }));
    expect(problems).toEqual([
      {
        message: `private key file ${join(dir, 'keys', 'missing.pem')} does not exist (the path is relative to the config file's folder)`,
        location: { file: join(dir, 'scv-guard.yaml'), line: 8, path: 'salesforce.orgs[0].auth.privateKeyFile' },
      },
      {
        message: `private key file ${join(dir, 'keys')} is not a file (the path is relative to the config file's folder)`,
        location: { file: join(dir, 'scv-guard.yaml'), line: 16, path: 'salesforce.orgs[2].auth.privateKeyFile' },
      },
    ]);
  });

  it('a key file larger than a PEM key can be (past 1 MiB) is a config problem naming the file and its size', () => {
    const dir = configDir();
    writeFileSync(join(dir, 'keys', 'present.pem'), Buffer.alloc(MAX_PRIVATE_KEY_BYTES + 1, 'A'));
    const problems = keyFileProblems(loadConfig(join(dir, 'scv-guard.yaml'), { env: {} }), ['uat']);
    expect(problems).toEqual([
      {
        message: `private key file ${join(dir, 'keys', 'present.pem')} is 1.0 MiB, larger than a PEM private key can be (1 MiB) (the path is relative to the config file's folder)`,
        location: { file: join(dir, 'scv-guard.yaml'), line: 14, path: 'salesforce.orgs[1].auth.privateKeyFile' },
      },
    ]);
    // A key of exactly the bound is read (then judged by the login).
    writeFileSync(join(dir, 'keys', 'present.pem'), Buffer.alloc(MAX_PRIVATE_KEY_BYTES, 'A'));
    expect(keyFileProblems(loadConfig(join(dir, 'scv-guard.yaml'), { env: {} }), ['uat'])).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('a key file without read permission is a config problem too', () => {
    const dir = configDir();
    chmodSync(join(dir, 'keys', 'present.pem'), 0o000);
    const problems = keyFileProblems(loadConfig(join(dir, 'scv-guard.yaml'), { env: {} }), ['uat']);
    expect(problems.map((p) => [p.location.line, p.message])).toEqual([[14, expect.stringContaining('present.pem cannot be read (permission denied)')]]);
  });

  it('collection refuses to start: nothing is collected, and the error names every such file', async () => {
    const dir = configDir();
    const err = await thrownAsync(() => collectFromConfig(loadConfig(join(dir, 'scv-guard.yaml'), { env: {} })), ProblemListError);
    expect(err.code).toBe('config');
    expect(err.problems.map((p) => p.location.path)).toEqual(['salesforce.orgs[0].auth.privateKeyFile', 'salesforce.orgs[2].auth.privateKeyFile']);
  });

  it('`collect` exits 2 with one located line per key file, and writes no inventory', () => {
    const dir = configDir();
    const out = join(dir, 'inventory.json');
    const run = runCli(['collect', '--config', join(dir, 'scv-guard.yaml'), '--out', out], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `scv-guard: error: ${join(dir, 'scv-guard.yaml')}:8: salesforce.orgs[0].auth.privateKeyFile: private key file ${join(dir, 'keys', 'missing.pem')} does not exist (the path is relative to the config file's folder)`,
      expect.stringMatching(/^scv-guard: error: .*scv-guard\.yaml:16: salesforce\.orgs\[2\]\.auth\.privateKeyFile: private key file .*keys is not a file/),
    ]);
    expect(existsSync(out)).toBe(false);
  });
});
